"""案件办理: intake, the two penalty procedures as a state machine, the full-process record, evidence,
documents (文书) and the clocks of 行政处罚法 (2021)."""
