"""The 典型案例's states in one table (cases.machine), read by the services, the page's buttons and the API.

推荐 → 待遴选 —(采纳)→ 已采纳 —(发布为指导案例)→ 已发布
         └—(退回)→ 已退回 —(修改后重新推荐)→ 待遴选
已采纳 —(退回)→ 已退回"""

from zhifa.cases.machine import START, Machine, Transition

from .choices import ExemplarStatus as S

VIEW = "guidance.view_exemplar"
PROPOSE = "guidance.propose_exemplar"
SELECT = "guidance.select_exemplar"

MACHINE = Machine(
    statuses=S,
    table=(
        Transition("propose", "推荐典型案例", PROPOSE, (START,), S.PROPOSED, rule="已结案或已归档的案件"),
        Transition("resubmit", "修改后重新推荐", PROPOSE, (S.RETURNED,), S.PROPOSED, main=True),
        Transition("adopt", "采纳", SELECT, (S.PROPOSED,), S.ADOPTED, main=True),
        Transition("return", "退回", SELECT, (S.PROPOSED, S.ADOPTED), S.RETURNED, rule="须写明退回理由",
                   refuses=True),
        Transition("publish", "发布为指导案例", SELECT, (S.ADOPTED,), S.PUBLISHED, rule="脱敏后在公示平台发布",
                   main=True),
    ),
    record_prefix="guidance",
    subject="典型案例",
    start_label="案件",
)  # fmt: skip
