"""The rules a case's steps must keep, each refusing with its reason in Chinese (a ValidationError keyed
by the field, through core.kit.refuse). Services call them after locking the case; which states allow
which step is the transition table's (cases.transitions)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models.functions import Coalesce
from django.utils import timezone

from zhifa.catalog import discretion, major, penalties
from zhifa.catalog.choices import FineBasis, ItemCategory, PenaltyMeasure, ProcedureStep
from zhifa.core import access, kit, workdays
from zhifa.core.formatting import money
from zhifa.registry import selectors as registry
from zhifa.registry.choices import OFFICER_ONLY_ROLES, CaseRole, PersonKind, PersonStatus

from . import transitions
from .choices import DecisionKind, EvidenceKind, HandlerRole, PartyKind
from .clocks import DECISION_DAYS, HEARING_REQUEST_WORKDAYS, SIMPLE_FINE_LIMIT, statement_workdays
from .models import Case, Evidence


def require_distinct_handlers(handlers) -> None:
    """主办人 and 协办人 (and every assistant) are different officers: two distinct certified handlers
    (行政处罚法 第四十二条)."""
    seen: set[int] = set()
    for officer, _ in handlers:
        if officer.pk in seen:
            kit.refuse("handlers", f"{officer.name}被重复指定：主办人、协办人须为两名不同的执法人员")
        seen.add(officer.pk)


def require_qualified_handlers(case: Case, on: date) -> None:
    """At least two officers certified for the case's field on `on`, none of them auxiliary staff
    (行政处罚法 第四十二条; seed 000 §10)."""
    leads = [
        h for h in case.handlers.select_related("officer") if h.role in (HandlerRole.LEAD, HandlerRole.CO)
    ]
    unqualified = [h.officer.name for h in leads if not registry.can_enforce(h.officer, case.field_id, on=on)]
    if unqualified:
        kit.refuse(
            "handlers", f"以下承办人员在{on}不具备{case.field.name}领域的执法资格：{'、'.join(unqualified)}"
        )
    if len(leads) < 2:
        kit.refuse("handlers", "承办人员不得少于两人，且须持有有效执法证件")


def require_handler_role(officer, role: str, case: Case, on: date) -> None:
    """执法辅助人员 may only assist; a lead or co-handler needs the right to handle in the field."""
    needed = CaseRole.ASSIST if role == HandlerRole.ASSISTANT else CaseRole.HANDLE
    if needed not in registry.allowed_case_roles(officer, field=case.field_id, on=on):
        kit.refuse(
            "handlers",
            f"{officer.name}不能担任{HandlerRole(role).label}（执法辅助人员不得从事调查、决定等执法活动）",
        )


def act_needs_officer(action: str) -> bool:
    """Whether the transition table's `action` is an enforcement act only a certified officer takes."""
    return transitions.first(action).role in OFFICER_ONLY_ROLES


def may_act(user, case: Case, on: date | None = None):
    """What `user` may take in person on `case` (for the transition table's `offered`): every act when
    certified for its field today (registry.selectors.acting_refusal), else only those that are not
    officer-only (the 事务性 ones, which they do assisting a named officer)."""
    qualified = registry.acting_refusal(user, [case.field_id], on=on or timezone.localdate()) is None
    return lambda row: qualified or row.role not in OFFICER_ONLY_ROLES


def act_refusal(user, case: Case, action: str, on: date | None = None) -> str | None:
    """Why `user` may not take the officer-only `action` on `case` (None: they may, or it is not one)."""
    row = transitions.first(action)
    if row.role not in OFFICER_ONLY_ROLES:
        return None
    on = on or timezone.localdate()
    return registry.acting_refusal(user, [case.field_id], on=on, act=row.label)


def require_actor(
    actor, case: Case, action: str, *, on: date, supervisor=None, coercive: bool = False
) -> dict:
    """Who takes `action` on `case` on `on`: an officer-only act (调查取证, 告知, 听证, 决定, 当场处罚;
    `coercive` for 行政强制措施) needs the actor certified for the case's field; the 事务性 ones need a
    certified `supervisor` when the actor is not. Returns what the record notes of the supervisor."""
    row = transitions.first(action)
    act = ProcedureStep.SEIZURE.label if coercive else row.label
    if row.role in OFFICER_ONLY_ROLES:
        registry.require_acting(actor, [case.field_id], on=on, act=act)
        return {}
    if row.role:
        return require_assisted(actor, case, act=row.label, on=on, supervisor=supervisor)
    return {}


def require_assisted(actor, case: Case, *, act: str, on: date, supervisor=None) -> dict:
    """A 事务性 act on `case` (受案登记, 送达, 上传证据 = 收集信息, 制作文书 …; seed 000 §10): done by a
    certified officer on their own, or by anyone else assisting a named certified `supervisor` of the
    case's agency (registry.selectors.require_supervisor). Returns what the record notes of them."""
    return registry.require_supervisor(
        actor, [case.field_id], on=on, act=act, agency_id=case.agency_id, supervisor=supervisor
    )


def require_hearing_host(case: Case, host) -> None:
    """听证主持人: a person of the case's agency, not auxiliary staff, and not one of the case's
    承办人员 — 行政处罚法 第六十四条（四）: 听证由行政机关指定的非本案调查人员主持."""
    if host is None:
        kit.refuse("host", "请指定听证主持人")
    if host.agency_id != case.agency_id:
        kit.refuse("host", f"{host.name}不是本机关的工作人员，不能主持听证")
    if host.kind == PersonKind.AUXILIARY or host.status != PersonStatus.ACTIVE:
        kit.refuse("host", f"{host.name}不是在岗的行政机关工作人员（执法辅助人员不得主持听证）")
    handler = case.handlers.filter(officer=host).first()
    if handler is not None:
        kit.refuse(
            "host",
            f"{host.name}是本案的{handler.get_role_display()}，听证应当由行政机关指定的非本案调查人员主持"
            "（行政处罚法第六十四条第四项）",
        )


def require_listed_decider(actor, handlers) -> None:
    """当场处罚 is decided by one of the officers listed on the case (行政处罚法 第五十二条: 执法人员当场
    作出行政处罚决定的 … 填写 … 由执法人员签名或者盖章): the acting account must be the 主办人 or 协办人."""
    if access.is_system(actor):
        return
    listed = [o for o, role in handlers if role in (HandlerRole.LEAD, HandlerRole.CO)]
    officer = registry.officer_of(actor)
    if officer is None or officer.pk not in {o.pk for o in listed}:
        name = officer.name if officer else actor.real_name or actor.username
        kit.refuse(
            "actor",
            f"{name}不是本案列明的执法人员（{'、'.join(o.name for o in listed)}），不能当场作出处罚决定",
        )


def require_audio_video(case: Case, steps) -> None:
    """音像记录事项: a step the catalogue marks needs an audio or video file recorded at that step."""
    required = {step for item in case.items.all() for step in item.av_steps} & set(steps)
    recorded = set(
        case.evidence.filter(
            step__in=required, kind__in=[EvidenceKind.AUDIO, EvidenceKind.VIDEO]
        ).values_list("step", flat=True)
    )
    missing = required - recorded
    if missing:
        labels = "、".join(ProcedureStep(step).label for step in sorted(missing))
        kit.refuse("evidence", f"执法事项要求对以下环节进行音像记录，但尚未上传录音或视频：{labels}")


@dataclass(frozen=True)
class DecisionWait:
    """What a penalty decision waits for after 告知 (行政处罚法 第六十二条: not before the party has been
    heard): the periods the notice gave — 陈述、申辩 (clocks.statement_workdays) and, when hearing rights
    were given, the hearing request (第六十四条) — end on `until`, or the party waived them in writing on
    `waived_on` (an Evidence of kind WAIVER)."""

    until: date
    waived_on: date | None = None

    @property
    def allowed_from(self) -> date:
        """可作出处罚决定日期: the day after the periods end, or the day of the waiver."""
        return self.waived_on or self.until + timedelta(days=1)

    def running(self, today: date) -> bool:
        return self.waived_on is None and today <= self.until

    def refusal(self) -> str:
        return f"陈述、申辩期限至{cn_date(self.until)}届满（或当事人书面放弃后），届满前不能作出处罚决定"


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def periods_start(case: Case) -> date | None:
    """From when the periods of the notice run: the day the 告知书 was served on the party when recorded,
    else the notice date. 行政处罚法 第六十四条（一）: 当事人要求听证的，应当在行政机关告知后五日内提出 —
    the party has been told (告知) once the notice reaches them; 第八十五条 makes the 五日 working days,
    counted from the next day (core.workdays.add_workdays). See docs/architecture.md §cases."""
    return case.notice_served_on or case.notified_on


def case_statement_workdays(case: Case) -> int:
    """The 陈述、申辩 period the notice gave: stored at 告知, else the agency's today."""
    return case.statement_workdays or statement_workdays(case.agency_id)


def period_deadlines(case: Case, hearing_rights: bool) -> tuple[date, date | None]:
    """(陈述申辩期限, 听证申请期限 or None) of `case`, counted from periods_start."""
    start = periods_start(case)
    assert start is not None  # only asked once notified
    statement = workdays.add_workdays(start, case_statement_workdays(case))
    hearing = workdays.add_workdays(start, HEARING_REQUEST_WORKDAYS) if hearing_rights else None
    return statement, hearing


def decision_wait(case: Case) -> DecisionWait | None:
    """The wait of `case` after its 告知, None before one (or in the simple procedure). A case notified
    before the statement period was stored gets it computed from periods_start. Lists annotate
    `waiver_at` (selectors.with_waiver) to spare the query per case."""
    if case.notified_on is None:
        return None
    statement = case.statement_deadline or period_deadlines(case, False)[0]
    until = max(statement, case.hearing_deadline or statement)
    if hasattr(case, "waiver_at"):
        waiver_at = case.waiver_at
    else:
        waiver_at = waivers(case.pk).values_list("at", flat=True).first()
    return DecisionWait(until, timezone.localdate(waiver_at) if waiver_at else None)


def waivers(case_id):
    """The written waivers recorded on a case, the first signed first: `at` is when the party signed
    (the evidence's 采集时间, else its upload)."""
    return (
        Evidence.objects.filter(case_id=case_id, kind=EvidenceKind.WAIVER)
        .annotate(at=Coalesce("captured_at", "created_at"))
        .order_by("at", "id")
    )


def require_periods_over(case: Case, decided_on: date, today: date) -> None:
    """A penalty decision dated, and made, after the periods of the notice — or on or after the day the
    party's written waiver was recorded."""
    wait = decision_wait(case)
    if wait is None or min(decided_on, today) > wait.until:
        return
    if wait.waived_on is None:
        kit.refuse("decided_on", wait.refusal())
    if decided_on < wait.waived_on:
        kit.refuse(
            "decided_on", f"当事人于{cn_date(wait.waived_on)}书面放弃陈述、申辩和听证，决定日期不能早于该日"
        )


def require_within_decision_limit(case: Case, on: date) -> None:
    if case.decision_due and on > case.decision_due:
        kit.refuse("decided_on", f"已超过作出决定的期限（{case.decision_due}），须先经负责人批准延长办案期限")


def decision_due(registered_on: date, extension_days: int) -> date:
    return registered_on + timedelta(days=DECISION_DAYS + extension_days)


def check_fine(case: Case, fine: Decimal | None, facts: dict, deviation_reason: str, on: date):
    """The fine stays within the law; outside the recommended range it needs a written reason.
    Returns the recommendation (or None when the item has no benchmark)."""
    if fine is None:
        return None
    item = case.items.order_by("code").first()
    assert item is not None  # intake refuses a case without an enforcement item
    basis = item.legal_bases.filter(fine_basis=FineBasis.AMOUNT, statutory_max__isnull=False).first()
    if basis and fine > basis.statutory_max:
        kit.refuse(
            "fine",
            f"罚款{money(fine)}超出法定上限{money(basis.statutory_max)}（《{basis.law_name}》{basis.article}）",
        )
    if (
        basis
        and basis.statutory_min is not None
        and fine < basis.statutory_min
        and not deviation_reason.strip()
    ):
        kit.refuse("deviation_reason", f"罚款低于法定下限{money(basis.statutory_min)}，减轻处罚须写明理由")
    if not hasattr(item, "benchmark"):
        return None
    recommendation = discretion.recommend(item, facts, on=on)
    if not recommendation.allows_fine(fine) and not deviation_reason.strip():
        kit.refuse(
            "deviation_reason",
            f"拟罚款{money(fine)}不在裁量基准推荐范围（{money(recommendation.fine_min)}—{money(recommendation.fine_max)}）内，须书面说明理由",
        )
    return recommendation


# ---- 简易程序 (行政处罚法 第五十一条) --------------------------------------------------------------------


def _item_words(item) -> str:
    return f"事项{item.code}（{item.name}）"


def simple_item_refusal(item, party_kind: str | None = None) -> str:
    """Why `item` cannot be decided on the spot (第五十一条: 违法事实确凿并有法定依据，对公民处以二百元以下、
    对法人或者其他组织处以三千元以下罚款或者警告) for a party of `party_kind`, or for any party when None;
    "" when it can: a 行政处罚 item whose measures include 警告, or 罚款 whose legal minimum is within the
    limit. Prefetch `legal_bases` and `benchmark__levels` when asking about many items."""
    if item.category != ItemCategory.PENALTY:
        return (
            f"{_item_words(item)}属于{ItemCategory(item.category).label}事项，不是行政处罚事项，"
            "不能适用简易程序当场处罚"
        )
    measures = penalties.item_measures(item)
    if PenaltyMeasure.WARNING in measures:
        return ""
    if PenaltyMeasure.FINE not in measures:
        return f"{_item_words(item)}的处罚种类不含警告或罚款，不能适用简易程序当场处罚"
    kinds = [party_kind] if party_kind else list(SIMPLE_FINE_LIMIT)
    floor = penalties.lowest_fine(item)
    if all(floor > SIMPLE_FINE_LIMIT[kind] for kind in kinds):
        limits = "、".join(f"对{PartyKind(kind).label}{money(SIMPLE_FINE_LIMIT[kind])}" for kind in kinds)
        return (
            f"{_item_words(item)}的法定罚款下限为{money(floor)}，超过简易程序{limits}的限额，"
            "且不能给予警告，请适用普通程序"
        )
    return ""


def require_simple_items(items, party_kind: str, warning: bool, fine: Decimal | None) -> None:
    """Every item of an on-the-spot decision may be decided so, and provides the measures decided: a
    warning only where the item has 警告, a fine only where it has 罚款 and not below its legal minimum."""
    for item in items:
        refusal = simple_item_refusal(item, party_kind)
        if refusal:
            kit.refuse("item_codes", refusal)
        measures = penalties.item_measures(item)
        if warning and PenaltyMeasure.WARNING not in measures:
            kit.refuse("warning", f"{_item_words(item)}的处罚种类不含警告，不能当场给予警告")
        if fine is not None and PenaltyMeasure.FINE not in measures:
            kit.refuse("fine", f"{_item_words(item)}的处罚种类不含罚款，不能当场处以罚款")
        floor = penalties.lowest_fine(item)
        if fine is not None and fine < floor:
            kit.refuse(
                "fine",
                f"罚款{money(fine)}低于{_item_words(item)}的法定罚款下限{money(floor)}，请适用普通程序",
            )


# the decisions whose weight makes them major (重大执法决定): those on the party's liability
MAJOR_KINDS = (DecisionKind.PENALTY, DecisionKind.NO_PENALTY)


def major_reasons(case, decision) -> list[str]:
    """Why the decision is major (empty: it is not): the criteria of the case's items in the agency's
    重大执法决定法制审核目录 and the law's (a hearing held, a case found 疑难复杂; 行政处罚法 第五十八条),
    all read from catalog.major, which the catalogue and the public 目录 state. `decision` has the fields
    of cases.services.DecisionInput / review.ReviewRound. The 法制审核 gate (review.gate) and the
    经济影响评估 rule below read it."""
    if case.is_simple or decision.kind not in MAJOR_KINDS:
        return []
    reasons = [reason for item in case.items.all() for reason in major.item_reasons(item, decision)]
    reasons += major.case_reasons(heard=bool(case.hearing_held_on), complex_=bool(case.is_complex))
    return list(dict.fromkeys(reasons))


def require_economic_impact(case: Case, decision) -> None:
    """涉企行政执法案件经济影响评估 (seed 002 (六): 探索建立涉企行政执法案件经济影响评估制度): a major
    penalty decision on an enterprise (当事人为法人或其他组织) states its assessment of the decision's
    effect on the enterprise's operation, employees and obligations, and how the harm is kept down."""
    if case.party_kind != PartyKind.ORGANISATION or decision.kind != DecisionKind.PENALTY:
        return
    reasons = major_reasons(case, decision)
    if reasons and not (decision.economic_impact or "").strip():
        kit.refuse(
            "economic_impact",
            f"本案属对企业作出的重大执法决定（{'、'.join(reasons)}），请填写“涉企经济影响评估”"
            "（对企业生产经营、职工就业和债权债务的影响，以及降低负面影响的措施）",
        )
