"""The credit-repair request's states in one table (cases.machine), read by the services, the request's
page (its buttons) and the API.

登记申请 → 待决定 —(同意修复)→ 同意修复 (the disclosure comes down or gets an earlier end)
                 └—(不同意修复)→ 不同意修复"""

from zhifa.cases.machine import START, Machine, Transition

from .choices import RepairStatus as S

VIEW = "publicity.view_creditrepair"
REGISTER = "publicity.draft_disclosure"  # who words a disclosure registers the party's request
DECIDE = "publicity.approve_disclosure"  # who publishes and withdraws decides

MACHINE = Machine(
    statuses=S,
    table=(
        Transition("register", "登记申请", REGISTER, (START,), S.PENDING,
                   rule="行政处罚已履行完毕，且已过最短公示期"),
        Transition("approve", "同意修复", DECIDE, (S.PENDING,), S.APPROVED, rule="撤下公示或提前结束公示",
                   main=True),
        Transition("refuse", "不同意修复", DECIDE, (S.PENDING,), S.REFUSED, rule="须写明理由", refuses=True),
    ),
    record_prefix="publicity.credit_repair",
    subject="信用修复申请",
    start_label="申请",
)  # fmt: skip
