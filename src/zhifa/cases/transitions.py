"""The case state machine, in one table: from which states each action may be taken, where it leads,
who may take it and on which condition. The services' status guards, the case page's action list, the
API's transition endpoints and the published flow charts (catalog.procedures) all read this table, so
"which states allow action X" is written here and nowhere else.

A row's `documents` are the 文书 the step needs in the case file (generated and numbered, or a signed
scan): the machine's guard (cases.documents.requirements) refuses the step while one the case has the
matter of is missing.

A row whose `target` is None records a step without moving the case. An action with several rows
(e.g. 作出决定) leads to different states by its `variant` (the kind of decision); its rows' `condition`
labels the edge on the flow chart.

A row marked `main` is the next step of the states it leaves (the flow chart's column): the case page
shows it as its one main button; `refuses` (不予立案) draws as a refusal (Machine.buttons).
"""

from functools import partial

from django.utils import timezone

from zhifa.catalog.procedures import Procedure
from zhifa.core.formatting import money
from zhifa.registry.choices import CaseRole as R

from . import rules
from .choices import CaseStatus, DecisionKind, PartyKind
from .clocks import (
    DECISION_DAYS,
    HEARING_NOTICE_WORKDAYS,
    HEARING_REQUEST_WORKDAYS,
    SERVICE_WORKDAYS,
    SIMPLE_FINE_LIMIT,
    default_statement_workdays,
    register_days,
)
from .documents import requirements
from .documents.kinds import DocumentKind
from .machine import START, Machine, Transition

HANDLE = "cases.handle_case"
APPROVE = "cases.approve_case"


S = CaseStatus
DECIDING = (S.INVESTIGATING, S.REVIEWING, S.NOTIFIED, S.HEARING)
AFTER_DECISION = (S.DECIDED, S.SERVED, S.EXECUTED, S.CLOSED, S.ARCHIVED)
BOTH = (Procedure.ORDINARY, Procedure.SIMPLE)
ORDINARY = (Procedure.ORDINARY,)
D = DocumentKind
DECISION_DOCUMENTS = (D.PENALTY_DECISION, D.NO_PENALTY_DECISION)  # the one of the decision's kind applies


CHALLENGEABLE = (DecisionKind.PENALTY, DecisionKind.NO_PENALTY)


def close_variants(case) -> tuple[str, ...]:
    """The rows of 结案 open to `case`: a decision not to penalise may be closed once served."""
    decision = getattr(case, "decision", None)
    return ("", "no_penalty") if decision is not None and decision.kind == DecisionKind.NO_PENALTY else ("",)


def _closable(case) -> bool:
    return case.status in MACHINE.sources("close", *close_variants(case))


def _challengeable(case) -> bool:
    decision = getattr(case, "decision", None)
    return decision is not None and decision.kind in CHALLENGEABLE


def _challenge_pending(case) -> bool:
    return case.challenges.filter(outcome="pending").exists()


def _hearing_rights(case) -> bool:
    return case.hearing_deadline is not None


def _notice_not_served(case) -> bool:
    return case.notice_served_on is None


def _hearing_not_held(case) -> bool:
    return case.hearing_held_on is None


def _heard(case) -> bool:
    """The periods of the notice are over (or waived): a penalty decision may be made today. The service
    checks the same with the decision's date and says until when (rules.require_periods_over)."""
    wait = rules.decision_wait(case)
    return wait is None or not wait.running(timezone.localdate())


T = partial(Transition, procedures=BOTH)  # a row drawn in both procedures unless it says


def _limit(kind: str) -> str:
    return money(SIMPLE_FINE_LIMIT[kind])


TABLE: tuple[Transition, ...] = (
    T("intake", "案件登记", HANDLE, (START,), S.INTAKE, procedures=ORDINARY, role=R.RECEIVE,
      rule="登记线索、当事人和执法事项"),
    T("simple", "当场作出处罚决定并交付", HANDLE, (START,), S.SERVED, procedures=(Procedure.SIMPLE,),
      role=R.DECIDE,
      rule="执法人员不少于两人，出示执法证件；告知违法事实、理由、依据和权利，听取陈述、申辩；"
           f"警告，或对个人{_limit(PartyKind.PERSON)}以下、单位{_limit(PartyKind.ORGANISATION)}以下罚款；"
           "当场交付决定书"),
    T("assign", "指定承办人员", HANDLE, (S.INTAKE, S.INVESTIGATING), role=R.HANDLE),
    T("register", "立案", APPROVE, (S.INTAKE,), S.INVESTIGATING, procedures=ORDINARY, main=True,
      rule=f"负责人批准；发现线索之日起{register_days()}日内"),
    T("decline", "不予立案", APPROVE, (S.INTAKE,), S.DECLINED, procedures=ORDINARY, refuses=True),
    T("step", "记录调查取证", HANDLE, (S.INVESTIGATING,), refusal="记录调查取证环节", role=R.INVESTIGATE),
    T("extend", "延长办案期限", APPROVE, DECIDING),
    T("submit-review", "调查终结，提交审核", HANDLE, (S.INVESTIGATING,), S.REVIEWING, procedures=ORDINARY,
      refusal="提交审核", role=R.INVESTIGATE, rule="列入法制审核目录的须经法制审核通过", main=True,
      documents=(D.REGISTER_APPROVAL, D.INSPECTION_RECORD, D.INQUIRY_RECORD)),
    T("notify", "事先告知", HANDLE, (S.REVIEWING,), S.NOTIFIED, procedures=ORDINARY, role=R.HANDLE, main=True,
      rule=f"告知陈述、申辩权；符合条件的告知听证权利，{HEARING_REQUEST_WORKDAYS}个工作日内申请"),
    T("serve-notice", "登记告知书送达", HANDLE, (S.NOTIFIED,), procedures=ORDINARY, role=R.SERVE,
      refusal="登记事先告知书送达", when=_notice_not_served,
      rule="陈述、申辩和听证申请期限自告知书送达之日起计算"),
    T("statement", "记录陈述申辩", HANDLE, (S.NOTIFIED, S.HEARING), role=R.RECEIVE),
    T("hearing-request", "登记听证申请", HANDLE, (S.NOTIFIED,), S.HEARING, procedures=ORDINARY,
      refusal="申请听证", condition="当事人申请听证", role=R.RECEIVE, rule=f"听证{HEARING_NOTICE_WORKDAYS}个工作日前通知当事人", when=_hearing_rights),
    T("hearing", "记录听证", HANDLE, (S.HEARING,), when=_hearing_not_held, role=R.HANDLE),
    T("decide", "作出决定", APPROVE, (S.NOTIFIED, S.HEARING), S.DECIDED, variant="penalty",
      procedures=ORDINARY, refusal="作出处罚决定（须先事先告知）", condition="行政处罚", role=R.DECIDE,
      rule=f"陈述、申辩期限（告知书送达后本机关规定的工作日数，默认{default_statement_workdays()}个）和听证申请期限（{HEARING_REQUEST_WORKDAYS}个工作日）"
           f"届满或当事人书面放弃后；立案之日起{DECISION_DAYS}日内，经批准可延长", when=_heard, main=True,
      documents=(D.PENALTY_NOTICE,)),
    T("decide", "作出决定", APPROVE, DECIDING, S.DECIDED, variant="no_penalty", procedures=ORDINARY,
      condition="不予行政处罚", role=R.DECIDE, documents=(D.REGISTER_APPROVAL, D.PENALTY_NOTICE)),
    T("decide", "作出决定", APPROVE, DECIDING, S.CLOSED, variant="ends", procedures=ORDINARY,
      condition="移送、撤销立案", role=R.DECIDE, documents=(D.REGISTER_APPROVAL,)),
    T("serve", "送达决定书", HANDLE, (S.DECIDED,), S.SERVED, procedures=ORDINARY, role=R.SERVE, main=True,
      rule=f"决定作出之日起{SERVICE_WORKDAYS}个工作日内", documents=(*DECISION_DOCUMENTS, D.SERVICE_RECEIPT)),
    T("execute", "登记执行情况", HANDLE, (S.SERVED,), S.EXECUTED, role=R.ASSIST, main=True,
      condition="缴纳、履行完毕或申请强制执行", rule="缴纳、分期或延期缴纳，逾期申请强制执行"),
    T("close", "结案", APPROVE, (S.EXECUTED,), S.CLOSED, when=_closable, main=True,
      documents=(*DECISION_DOCUMENTS, D.SERVICE_RECEIPT)),
    T("close", "结案", APPROVE, (S.SERVED,), S.CLOSED, variant="no_penalty", procedures=ORDINARY,
      condition="不予行政处罚决定送达后", when=_closable, main=True, documents=(D.NO_PENALTY_DECISION, D.SERVICE_RECEIPT)),
    T("challenge", "登记复议、诉讼", HANDLE, AFTER_DECISION, when=_challengeable),
    T("challenge-outcome", "登记复议、诉讼结果", HANDLE, AFTER_DECISION, when=_challenge_pending),
    T("archive", "归档", HANDLE, (S.CLOSED,), S.ARCHIVED, documents=(D.CLOSING_REPORT,), role=R.HANDLE,
      main=True),
    T("archive", "归档", HANDLE, (S.DECLINED,), S.ARCHIVED, variant="declined", procedures=ORDINARY,
      role=R.HANDLE, main=True),
)  # fmt: skip

MACHINE = Machine(
    CaseStatus,
    TABLE,
    record_prefix="case",
    subject="案件",
    start_label="发现违法行为",
    guard=requirements.guard,
)
ACTIONS = MACHINE.actions
rows, first, sources, target = MACHINE.rows, MACHINE.first, MACHINE.sources, MACHINE.target
allows, available, require, move = MACHINE.allows, MACHINE.available, MACHINE.require, MACHINE.move
offered = MACHINE.offered
moves, edges, state_label = MACHINE.moves, MACHINE.edges, MACHINE.state_label
