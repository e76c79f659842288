"""The 案件移送 state machine, in one table (see cases.machine): the services guard and move through it, the
transfer page offers its buttons and the API lists its actions.

登记（附移送材料）→ 待领导批准 —(批准移送)→ 已移送待签收 —(签收, 证据核验)→ 已签收待处理 —(接收)→ 已接收
                                                                            └(拒收, 须写明理由)→ 已拒收
已拒收 —(提请管辖争议)→ 管辖争议处理中 —(决定: 接收机关管辖)→ 已接收 / (决定: 移送机关管辖)→ 由移送机关办理
已拒收 —(自行办理)→ 由移送机关办理;  待领导批准 —(撤回)→ 已撤回"""

from zhifa.cases.machine import START, Machine, Transition

from . import clocks
from .choices import TransferStatus

SEND = "collaboration.send_transfer"
APPROVE = "collaboration.approve_transfer"
RECEIVE = "collaboration.receive_transfer"
DECIDE = "collaboration.decide_dispute"
VIEW = "collaboration.view_transfer"

S = TransferStatus
T = Transition

SEND_RULE = f"发现之日起{clocks.SEND_WORKDAYS}个工作日内移送；已责令停止违法行为的紧急情形{clocks.URGENT_HOURS}小时内移送"

TABLE: tuple[Transition, ...] = (
    T("create", "登记移送", SEND, (START,), S.PENDING,
      rule="须附移送函内容、案源材料、证据、当事人基本情况和移送理由；接收机关非主管机关的须写明理由"),
    T("approve", "批准移送", APPROVE, (S.PENDING,), S.SENT, rule=SEND_RULE, main=True),
    T("withdraw", "撤回", SEND, (S.PENDING,), S.WITHDRAWN, refuses=True),
    T("acknowledge", "签收", RECEIVE, (S.SENT,), S.RECEIVED, rule="签收时核验证据哈希值", main=True),
    T("accept", "接收", RECEIVE, (S.RECEIVED,), S.ACCEPTED,
      rule=f"签收后{clocks.DEFAULT_ANSWER_WORKDAYS}个工作日内处理（可设置）；证据哈希值不符的不能接收", main=True),
    T("refuse", "拒收", RECEIVE, (S.RECEIVED,), S.REFUSED, rule="须写明拒收理由", refuses=True),
    T("dispute", "提请管辖争议", SEND, (S.REFUSED,), S.DISPUTED,
      rule="案件管辖争议提请县司法局决定；职责分工争议由县委编办协调、县政府决定，须先予协同处置"),
    T("decide", "录入争议决定", DECIDE, (S.DISPUTED,), S.ACCEPTED, variant="receiver", condition="接收机关管辖"),
    T("decide", "录入争议决定", DECIDE, (S.DISPUTED,), S.RETURNED, variant="sender", condition="移送机关管辖"),
    T("keep", "自行办理", SEND, (S.REFUSED,), S.RETURNED),
)  # fmt: skip

MACHINE = Machine(TransferStatus, TABLE, record_prefix="transfer", subject="移送", start_label="发现违法行为")


def is_late(transfer) -> bool:
    """Sent (or still unsent) past its clock."""
    sent = transfer.sent_at or clocks.now()
    if transfer.urgent and transfer.due_at is not None:
        return sent > transfer.due_at
    from django.utils import timezone

    return transfer.due_on is not None and timezone.localtime(sent).date() > transfer.due_on
