"""投诉举报 (seed 000 §20; seed 002 (六)(十五)): complaints and reports from every channel, routed to the
competent agency, answered on the working-day clock and rated by the complainant."""
