"""The 备案 state machine, in one table (cases.machine): the services' status guards, the detail page's
buttons and the API read it."""

from zhifa.cases.machine import START, Machine, Transition

from .choices import FilingStatus

VIEW = "filings.view_filing"
SUBMIT = "filings.submit_filing"
ACKNOWLEDGE = "filings.acknowledge_filing"

F = FilingStatus
T = Transition
TABLE: tuple[Transition, ...] = (
    T("submit", "报送备案", SUBMIT, (START,), F.SUBMITTED),
    T("accept", "备案通过", ACKNOWLEDGE, (F.SUBMITTED,), F.ACCEPTED, rule="备案机关在审查期限内审查", main=True),
    T("return", "退回", ACKNOWLEDGE, (F.SUBMITTED,), F.RETURNED, rule="须写明退回理由", refuses=True),
    T("resubmit", "修改后重新报送", SUBMIT, (F.RETURNED,), F.SUBMITTED, main=True),
)  # fmt: skip

MACHINE = Machine(FilingStatus, TABLE, record_prefix="filing", subject="备案", start_label="编制完成")
