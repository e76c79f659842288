"""Reads on the registry, scoped by core.access. `can_enforce` and `allowed_case_roles` are what later
modules (cases, inspections, review) ask before assigning a person to a case or an inspection."""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from zhifa.accounts.choices import RoleCode
from zhifa.core import access, kit
from zhifa.core.privacy import mask_id_number
from zhifa.core.sorting import SortColumn, Sorts

from . import clocks
from .choices import AUXILIARY_ROLES, CaseRole, CertificateKind, CertificateStatus, PersonKind, PersonStatus
from .models import Certificate, EnforcementBody, EnforcementField, Officer, TrainingRecord
from .models.bodies import entrustment_lapsed_q
from .names import initials_of


def _field_code(field: EnforcementField | str) -> str:
    return field.code if isinstance(field, EnforcementField) else field


def can_enforce(officer: Officer, field: EnforcementField | str, *, on: date | None = None) -> bool:
    """执法资格: an active officer (not auxiliary staff) holding, on `on`, a valid 行政执法证 that covers
    `field`. Derived from the certificates every time; there is no flag to set by hand."""
    on = on or timezone.localdate()
    if officer.kind != PersonKind.OFFICER or officer.status != PersonStatus.ACTIVE:
        return False
    if lapsed_entrustment(officer.agency_id, on=on) is not None:
        return False
    return (
        officer.certificates.valid_on(on)
        .filter(kind=CertificateKind.ENFORCEMENT, fields__code=_field_code(field))
        .exists()
    )


def allowed_case_roles(
    officer: Officer, *, field: EnforcementField | str | None = None, on: date | None = None
) -> frozenset[str]:
    """Which case roles this person may hold. 执法辅助人员 only ever assist (seed 000 §10); an officer
    may also handle, investigate, review, decide and coerce when `can_enforce` in the field (or, with
    no field given, in any field)."""
    if officer.status != PersonStatus.ACTIVE:
        return frozenset()
    if officer.kind == PersonKind.AUXILIARY:
        return AUXILIARY_ROLES
    on = on or timezone.localdate()
    certified = (
        can_enforce(officer, field, on=on)
        if field is not None
        else officer.certificates.valid_on(on).filter(kind=CertificateKind.ENFORCEMENT).exists()
    )
    return frozenset(CaseRole) if certified else AUXILIARY_ROLES


# ---- who may act (issue 20 item 1; seed 000 §9–10, 001 §6) ----------------------------------------


def _day(on: date) -> str:
    return f"{on.year}年{on.month}月{on.day}日"


def officer_of(user) -> Officer | None:
    """The officer record a signed-in user is linked to (Officer.user), or None."""
    if user is None or not getattr(user, "pk", None):
        return None
    return Officer.objects.filter(user_id=user.pk).first()


def _fields(fields) -> list[EnforcementField]:
    codes = [_field_code(f) for f in fields]
    found = {f.code: f for f in EnforcementField.objects.filter(code__in=codes)}
    return [found[code] for code in dict.fromkeys(codes) if code in found]


def officer_refusal(officer: Officer | None, name: str, fields, *, on: date) -> str | None:
    """Why the person `name` (linked to `officer`, or to none) may not act as a 行政执法人员 in every one
    of `fields` on `on`, in Chinese; None when they may. An empty `fields` asks for a valid certificate
    in any field. The one rule behind every enforcement act of cases and inspections."""
    if officer is not None:
        name = officer.name
    fields = _fields(fields)
    scope = f"（{'、'.join(f.name for f in fields)}领域）" if fields else ""
    if officer is None:
        return f"{name}没有有效的行政执法证件{scope}"
    if officer.kind == PersonKind.AUXILIARY:
        return f"{name}是行政执法辅助人员，没有有效的行政执法证件{scope}"
    if officer.status != PersonStatus.ACTIVE:
        return f"{name}当前为“{officer.get_status_display()}”，不得从事执法活动"
    if (body := lapsed_entrustment(officer.agency_id, on=on)) is not None:
        return entrustment_problem(body, name, on)
    certificates = officer.certificates.filter(kind=CertificateKind.ENFORCEMENT)
    if not fields:
        if certificates.valid_on(on).exists():
            return None
        return _certificate_problem(name, certificates, "", on)
    for field in fields:
        covering = certificates.filter(fields=field)
        if not covering.valid_on(on).exists():
            return _certificate_problem(name, covering, f"（{field.name}领域）", on)
    return None


def lapsed_entrustment(agency_id: int, *, on: date) -> EnforcementBody | None:
    """The agency's enforcement body when it is a 受委托组织 whose 委托期限 does not cover `on` (seed 000 §6:
    the entrustment ended, so nobody may enforce in its name), else None."""
    return (
        EnforcementBody.objects.filter(agency_id=agency_id)
        .filter(entrustment_lapsed_q(on))
        .select_related("entrusting_agency")
        .first()
    )


def entrustment_problem(body: EnforcementBody, name: str, on: date) -> str:
    if body.entrusted_from and body.entrusted_from > on:
        return f"{body.name}的委托期限自{_day(body.entrusted_from)}起算，{name}{_day(on)}不得以其名义执法"
    until = _day(body.entrusted_until) if body.entrusted_until else ""
    return f"{body.name}的委托期限已于{until}届满，{name}不得再以其名义执法"


def _certificate_problem(name: str, certificates: QuerySet[Certificate], scope: str, on: date) -> str:
    """The state on `on` of the latest of `certificates` (none of them valid that day), in words."""
    latest = certificates.order_by("-issued_on", "-pk").first()
    if latest is None:
        return f"{name}没有有效的行政执法证件{scope}"
    if latest.status == CertificateStatus.SUSPENDED and not latest.suspension_over(on):
        until = f"至{_day(latest.suspended_until)}" if latest.suspended_until else ""
        return f"{name}的行政执法证件{latest.number}{scope}已被暂扣{until}，{_day(on)}不能从事执法活动"
    if latest.status == CertificateStatus.REVOKED:
        return f"{name}的行政执法证件{latest.number}{scope}已被吊销"
    if latest.issued_on > on:
        return f"{name}的行政执法证件{latest.number}{scope}于{_day(latest.issued_on)}核发，{_day(on)}尚未取得"
    return f"{name}的行政执法证件{latest.number}{scope}已于{_day(latest.expires_on)}过期，{_day(on)}无效"


def acting_refusal(user, fields, *, on: date, act: str = "") -> str | None:
    """Why the signed-in `user` may not perform an enforcement act (`act`, named at the end) in `fields`
    on `on` (None: they may; the system actor always may). See officer_refusal."""
    if access.is_system(user):
        return None
    problem = officer_refusal(officer_of(user), user.real_name or user.username, fields, on=on)
    return f"{problem}，不能{act}" if problem and act else problem


def require_acting(user, fields, *, on: date, act: str) -> None:
    """Refuse ("actor") an enforcement act — 调查取证, 告知, 听证, 决定, 当场处罚, 行政强制措施, 检查 — unless
    `user` is linked to an officer certified for `fields` on `on`."""
    problem = acting_refusal(user, fields, on=on, act=act)
    if problem:
        kit.refuse("actor", problem)


def require_supervisor(user, fields, *, on: date, act: str, agency_id: int, supervisor: Officer | None):
    """The 事务性 work 执法辅助人员 may do (受案登记, 接收申请, 送达, 协助执行 …) is done, by anyone not
    certified themselves, as an assistant to a named officer of the agency certified for `fields` on
    `on`. Returns what the record notes of the supervisor ({} when the actor acts on their own)."""
    if acting_refusal(user, fields, on=on) is None:
        return {}
    if supervisor is None:
        name = user.real_name or user.username
        kit.refuse("supervisor", f"{name}不是持证执法人员，{act}须在执法人员指导下进行，请选择指导执法人员")
    assert supervisor is not None
    if supervisor.agency_id != agency_id:
        kit.refuse("supervisor", f"{supervisor.name}不是本机关的执法人员")
    problem = officer_refusal(supervisor, supervisor.name, fields, on=on)
    if problem:
        kit.refuse("supervisor", f"{problem}，不能指导{act}")
    return {"supervisor": {"officer": supervisor.pk, "name": supervisor.name}}


def enforcers_for(field: EnforcementField | str, *, on: date | None = None) -> QuerySet[Officer]:
    """Every officer who may enforce in `field` on `on` (the 执法检查人员名录库 is built on this)."""
    on = on or timezone.localdate()
    valid = Certificate.objects.valid_on(on).filter(
        officer=OuterRef("pk"), kind=CertificateKind.ENFORCEMENT, fields__code=_field_code(field)
    )
    return (
        Officer.objects.filter(kind=PersonKind.OFFICER, status=PersonStatus.ACTIVE)
        .filter(Exists(valid))
        .exclude(entrustment_lapsed_q(on, "agency__body__"))
    )


# ---- lists -----------------------------------------------------------------------------------------


# The officer list's sortable columns (backed by the officer_name / officer_agency_* indexes, registry 0007).
OFFICER_SORTS = Sorts(
    SortColumn("name", "姓名", ("name",)),
    SortColumn("kind", "人员类别", ("kind", "name")),
    SortColumn("post", "岗位", ("post", "name")),
)


def officers_visible_to(
    user,
    *,
    q: str = "",
    agency_id: int | str | None = None,
    kind: str = "",
    status: str = "",
    certificate: str = "",
    field: str = "",
    on: date | None = None,
) -> QuerySet[Officer]:
    """The officer list: search by name, pinyin initials (zw → 张伟) or certificate number; filters."""
    on = on or timezone.localdate()
    officers = access.visible_to(user, Officer.objects.select_related("agency"))
    if q := q.strip():
        officers = officers.filter(_search_q(q))
    if agency_id:
        officers = officers.filter(agency_id=agency_id)
    if kind:
        officers = officers.filter(kind=kind)
    if status:
        officers = officers.filter(status=status)
    if field:
        officers = officers.filter(fields__code=field)
    if certificate:
        officers = officers.filter(_certificate_q(certificate, on))
    return officers.order_by("agency_id", "name", "id")


def officer_choices(
    user,
    *,
    q: str = "",
    agency_id: int | None = None,
    perm: str = "",
    active: bool = False,
    kind: str | None = None,
    limit: int = 20,
) -> list[dict]:
    """At most `limit` officers `user` may see (or do `perm` for, e.g. see the cases of their agency),
    matching `q` like the officer list (name, pinyin initials, certificate number): what an officer picker
    shows as the user types. Labelled 姓名（机关）; one query."""
    from zhifa.core.selectors import picker_perm

    officers = access.visible_to(user, Officer.objects.all(), picker_perm(perm, "registry.view_officer"))
    if q := q.strip():
        officers = officers.filter(_search_q(q))
    if agency_id:
        officers = officers.filter(agency_id=agency_id)
    if active:
        officers = officers.filter(status=PersonStatus.ACTIVE)
    if kind:
        officers = officers.filter(kind=kind)
    rows = officers.order_by("agency_id", "name", "id").values_list("pk", "name", "agency__name")[:limit]
    return [{"id": pk, "label": officer_label(name, agency)} for pk, name, agency in rows]


def linkable_accounts(user, officer: Officer | None = None) -> QuerySet:
    """The active accounts `user` may link to an officer record (登录账号): within their staff-records scope
    and not yet linked to another officer (the officer's own account stays on offer)."""
    from zhifa.accounts.models import User

    from .services import MANAGE_OFFICER

    accounts = access.visible_to(user, User.objects.filter(is_active=True), MANAGE_OFFICER)
    free = Q(officer__isnull=True) | Q(officer=officer) if officer else Q(officer__isnull=True)
    return accounts.filter(free).order_by("agency_id", "username")


def account_choices(user, *, q: str = "", limit: int = 20) -> list[dict]:
    """At most `limit` of linkable_accounts matching `q` by 姓名 or username: what the officer form's 登录账号
    picker shows as the user types. Labelled like the account (姓名（用户名）); one query."""
    accounts = linkable_accounts(user)
    if q := q.strip():
        accounts = accounts.filter(Q(real_name__icontains=q) | Q(username__icontains=q))
    rows = accounts.values_list("pk", "real_name", "username")[:limit]
    return [{"id": pk, "label": f"{name}（{login}）" if name else login} for pk, name, login in rows]


def officer_label(name: str, agency_name: str) -> str:
    return f"{name}（{agency_name}）"


def _search_q(q: str) -> Q:
    match = Q(name__icontains=q) | Q(certificates__number=q.upper())
    if q.isascii() and q.isalpha():
        match |= Q(name_initials__startswith=q.lower())
    elif not q.isascii():
        match |= Q(name_initials__startswith=initials_of(q))
    return Q(pk__in=Officer.objects.filter(match).values("pk"))


def _certificate_q(state: str, on: date) -> Any:
    """Filter officers by the state of their enforcement certificates on `on`."""
    certs = Certificate.objects.filter(officer=OuterRef("pk"), kind=CertificateKind.ENFORCEMENT)
    valid = certs.valid_on(on)
    warn = on + timedelta(days=settings.ZHIFA_CERTIFICATE_EXPIRY_WARNING_DAYS)
    states: dict[str, Any] = {  # Exists, ~Exists and their combinations (Q)
        "valid": Exists(valid),
        "expiring": Exists(valid.filter(expires_on__lte=warn)),
        "expired": Exists(certs.filter(status=CertificateStatus.VALID, expires_on__lt=on)) & ~Exists(valid),
        "suspended": Exists(certs.suspended_on(on)),
        "revoked": Exists(certs.filter(status=CertificateStatus.REVOKED)) & ~Exists(valid),
        "none": ~Exists(certs),
    }
    return states.get(state, Q())


CERTIFICATE_FILTERS = [
    ("valid", "持有效证件"),
    ("expiring", "证件30日内到期"),
    ("expired", "证件已过期"),
    ("suspended", "证件被暂扣"),
    ("revoked", "证件被吊销"),
    ("none", "未持证"),
]


def certificates_visible_to(user, *, agency_id=None) -> QuerySet[Certificate]:
    certificates = access.visible_to(user, Certificate.objects.select_related("officer", "officer__agency"))
    if agency_id:
        certificates = certificates.filter(officer__agency_id=agency_id)
    return certificates.prefetch_related("fields")


def bodies_visible_to(user, *, q: str = "", status: str = "") -> QuerySet[EnforcementBody]:
    bodies = access.visible_to(user, EnforcementBody.objects.select_related("agency", "agency__region"))
    if q := q.strip():
        bodies = bodies.filter(Q(name__icontains=q) | Q(agency__name__icontains=q))
    if status:
        bodies = bodies.filter(status=status)
    return bodies


def certificates_due_for_recheck(certificates: QuerySet[Certificate], *, on: date | None = None):
    """执法证 are re-checked every two years: due when the last check (or the issue) is that old."""
    on = on or timezone.localdate()
    cutoff = on.replace(year=on.year - settings.ZHIFA_CERTIFICATE_RECHECK_YEARS, day=min(on.day, 28))
    return certificates.filter(status=CertificateStatus.VALID, expires_on__gte=on).filter(
        Q(last_checked_on__lte=cutoff) | Q(last_checked_on__isnull=True, issued_on__lte=cutoff)
    )


def certificates_expiring(certificates: QuerySet[Certificate], *, on: date | None = None):
    on = on or timezone.localdate()
    warn = on + timedelta(days=settings.ZHIFA_CERTIFICATE_EXPIRY_WARNING_DAYS)
    return certificates.filter(status=CertificateStatus.VALID, expires_on__gte=on, expires_on__lte=warn)


def certificates_expired(certificates: QuerySet[Certificate], *, on: date | None = None):
    """Expired certificates not yet replaced: a holder with a newer valid one of the same kind is fine."""
    on = on or timezone.localdate()
    replaced = Certificate.objects.valid_on(on).filter(officer=OuterRef("officer"), kind=OuterRef("kind"))
    return certificates.filter(status=CertificateStatus.VALID, expires_on__lt=on).exclude(Exists(replaced))


# ---- training, ratios, rotation --------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingStanding:
    officer: Officer
    hours: Decimal
    target: Decimal
    public_law_hours: Decimal
    public_law_target: Decimal

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.target - self.hours)

    @property
    def public_law_shortfall(self) -> Decimal:
        return max(Decimal(0), self.public_law_target - self.public_law_hours)

    @property
    def is_short(self) -> bool:
        return bool(self.shortfall or self.public_law_shortfall)


def training_standings(officers: QuerySet[Officer], year: int) -> list[TrainingStanding]:
    """Each active officer's hours in `year` against the yearly target; new officers (first enforcing
    that year) also owe the 30-hour public-law course. One grouped query for the hours."""
    from .choices import TrainingKind

    officers = officers.filter(status=PersonStatus.ACTIVE, kind=PersonKind.OFFICER).annotate(
        year_hours=Sum("trainings__hours", filter=Q(trainings__on__year=year)),
        public_law_hours=Sum(
            "trainings__hours", filter=Q(trainings__on__year=year, trainings__kind=TrainingKind.PUBLIC_LAW)
        ),
    )
    target = clocks.training_hours_per_year()
    public_target = clocks.new_officer_public_law_hours()
    return [
        TrainingStanding(
            officer=officer,
            hours=officer.year_hours or Decimal(0),
            target=target,
            public_law_hours=officer.public_law_hours or Decimal(0),
            public_law_target=public_target
            if officer.enforcing_since and officer.enforcing_since.year == year
            else Decimal(0),
        )
        for officer in officers.select_related("agency").order_by("agency_id", "name")
    ]


@dataclass(frozen=True)
class TrainingShortCount:
    short: int  # active officers short of the year's hours (or of the new officers' public-law course)
    agencies: int  # in how many agencies
    agency_id: int | None  # the one agency, when there is one


def training_short_count(officers: QuerySet[Officer], year: int) -> TrainingShortCount:
    """How many of `officers` training_standings would call short, counted in the database: one query
    with the year's hours as correlated sums, no officer built in Python (the 工作台 of a region)."""
    from django.db.models import DecimalField, Min, Subquery, Value
    from django.db.models.functions import Coalesce

    from .choices import TrainingKind

    def hours(**extra) -> Coalesce:
        rows = (
            TrainingRecord.objects.filter(
                officer=OuterRef("pk"), on__gte=date(year, 1, 1), on__lt=date(year + 1, 1, 1), **extra
            )
            .order_by()
            .values("officer")
            .annotate(total=Sum("hours"))
            .values("total")
        )
        zero = Value(Decimal(0), output_field=DecimalField())
        return Coalesce(Subquery(rows, output_field=DecimalField()), zero)

    target = clocks.training_hours_per_year()
    public_target = clocks.new_officer_public_law_hours()
    short = Q(year_hours__lt=target)
    if public_target:
        short |= Q(enforcing_since__year=year, public_law_hours__lt=public_target)
    counted = (
        officers.filter(status=PersonStatus.ACTIVE, kind=PersonKind.OFFICER)
        .order_by()
        .annotate(year_hours=hours(), public_law_hours=hours(kind=TrainingKind.PUBLIC_LAW))
        .filter(short)
        .aggregate(short=Count("pk"), agencies=Count("agency_id", distinct=True), agency=Min("agency_id"))
    )
    single = counted["agency"] if counted["agencies"] == 1 else None
    return TrainingShortCount(counted["short"], counted["agencies"], single)


def training_hours(officer: Officer, year: int) -> Decimal:
    total = TrainingRecord.objects.filter(officer=officer, on__year=year).aggregate(total=Sum("hours"))[
        "total"
    ]
    return total or Decimal(0)


@dataclass(frozen=True)
class AgencyRatios:
    """法制审核人员 ≥ 5% of officers (seeds 000 §11, 003 §4), and certificate coverage."""

    officers: int
    reviewers: int
    certified: int
    qualified: int = 0  # reviewers holding 法律职业资格 (seed 003 四(二)2)

    @property
    def reviewers_required(self) -> int:
        return math.ceil(self.officers * clocks.reviewer_ratio()) if self.officers else 0

    @property
    def reviewer_shortfall(self) -> int:
        return max(0, self.reviewers_required - self.reviewers)

    @property
    def reviewer_ratio(self) -> float:
        return self.reviewers / self.officers if self.officers else 0.0

    @property
    def qualified_share(self) -> float:
        """法制审核人员中具有法律职业资格的比例."""
        return self.qualified / self.reviewers if self.reviewers else 0.0

    @property
    def coverage(self) -> float:
        return self.certified / self.officers if self.officers else 0.0


def agency_ratios(agencies, *, on: date | None = None) -> dict[int, AgencyRatios]:
    """Ratios for every agency of `agencies`, in three grouped queries however many agencies."""

    on = on or timezone.localdate()
    agency_ids = list(agencies.values_list("pk", flat=True))
    active = Officer.objects.filter(
        agency_id__in=agency_ids, kind=PersonKind.OFFICER, status=PersonStatus.ACTIVE
    )
    valid = Certificate.objects.valid_on(on).filter(officer=OuterRef("pk"), kind=CertificateKind.ENFORCEMENT)
    officers = dict(active.values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n"))
    certified = dict(
        active.filter(Exists(valid)).values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n")
    )
    reviewers = {
        row["agency_id"]: row
        for row in reviewer_accounts(agency_ids)
        .values("agency_id")
        .annotate(
            n=Count("pk", distinct=True),
            qualified=Count("pk", distinct=True, filter=Q(officer__legal_qualification_number__gt="")),
        )
    }
    return {
        pk: AgencyRatios(
            officers=officers.get(pk, 0),
            reviewers=reviewers.get(pk, {}).get("n", 0),
            certified=certified.get(pk, 0),
            qualified=reviewers.get(pk, {}).get("qualified", 0),
        )
        for pk in agency_ids
    }


def reviewer_accounts(agency_ids) -> QuerySet:
    """法制审核人员: the active accounts holding the role in the agencies (the 5% counts them)."""
    from zhifa.accounts.models import User

    return User.objects.filter(agency_id__in=agency_ids, is_active=True, roles__code=RoleCode.LEGAL_REVIEWER)


@dataclass(frozen=True)
class ReviewerStanding:
    """A 法制审核人员's year of 法制审核业务 training against the reviewers' target (seed 003 四(二)3), with
    their 法律职业资格; `officer` is None for an account not linked to an officer record."""

    user: Any
    officer: Officer | None
    hours: Decimal
    target: Decimal

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.target - self.hours)

    @property
    def is_short(self) -> bool:
        return bool(self.shortfall)

    @property
    def qualified(self) -> bool:
        return bool(self.officer and self.officer.legal_qualification_number)


def reviewer_standings(agency_ids, year: int) -> list[ReviewerStanding]:
    """Each 法制审核人员 of the agencies: their hours of 法制审核业务 training in `year` (one grouped query)."""
    from .choices import TrainingKind

    users = list(
        reviewer_accounts(agency_ids)
        .distinct()
        .select_related("agency", "officer")
        .order_by("agency_id", "real_name", "pk")
    )
    officer_ids = [u.officer.pk for u in users if getattr(u, "officer", None) is not None]
    hours = dict(
        TrainingRecord.objects.filter(
            officer_id__in=officer_ids, kind=TrainingKind.LEGAL_REVIEW, on__year=year
        )
        .order_by()
        .values("officer_id")
        .annotate(total=Sum("hours"))
        .values_list("officer_id", "total")
    )
    target = clocks.reviewer_training_hours_per_year()
    standings = []
    for user in users:
        officer = getattr(user, "officer", None)
        got = hours.get(officer.pk) if officer is not None else None
        standings.append(ReviewerStanding(user=user, officer=officer, hours=got or Decimal(0), target=target))
    return standings


def rotation_due(officers: QuerySet[Officer], *, on: date | None = None) -> QuerySet[Officer]:
    """Officers in key posts for longer than the rotation period (default 5 years, seed 000 §9)."""
    on = on or timezone.localdate()
    cutoff = on.replace(year=on.year - settings.ZHIFA_ROTATION_YEARS, day=min(on.day, 28))
    return officers.filter(status=PersonStatus.ACTIVE, is_key_post=True, post_since__lte=cutoff)


# ---- public listing (seed 003 §2(二)1) -------------------------------------------------------------


def public_officers(agency) -> QuerySet[Officer]:
    """执法人员 shown to the public: active officers holding a valid certificate today (none of a
    受委托组织 whose 委托期限 has ended). Callers show only name, certificate number, field and agency —
    never the ID number or a phone number."""
    today = timezone.localdate()
    return (
        Officer.objects.filter(agency=agency, kind=PersonKind.OFFICER, status=PersonStatus.ACTIVE)
        .filter(Exists(Certificate.objects.valid_on(today).filter(officer=OuterRef("pk"))))
        .exclude(entrustment_lapsed_q(today, "agency__body__"))
        .prefetch_related("certificates__fields")
        .order_by("name")
    )


def public_bodies(region=None) -> QuerySet[EnforcementBody]:
    from .choices import BodyStatus

    bodies = EnforcementBody.objects.filter(status=BodyStatus.CONFIRMED, announced_on__isnull=False).exclude(
        entrustment_lapsed_q(timezone.localdate())
    )
    if region is not None:
        bodies = bodies.filter(agency__region__path__startswith=region.path)
    return bodies.select_related("agency", "entrusting_agency").order_by("agency__region__code", "name")


# ---- personal data by need ---------------------------------------------------------------------


@dataclass(frozen=True)
class PersonalDataViewer:
    """Whose full ID numbers `user` may see: officers of the agencies where they manage personnel
    (人事管理, registry.manage_officer) and their own record. Everyone else sees the masked form."""

    user_id: int | None
    agency_ids: frozenset[int]

    def id_number(self, officer: Officer) -> str:
        if officer.agency_id in self.agency_ids or (self.user_id and officer.user_id == self.user_id):
            return officer.id_number
        return mask_id_number(officer.id_number)


def personal_data_viewer(user) -> PersonalDataViewer:
    """One query for a whole page or export, not one per row."""
    from zhifa.core.models import Agency

    agencies = access.visible_to(user, Agency.objects.all(), "registry.manage_officer")
    return PersonalDataViewer(
        user_id=getattr(user, "pk", None), agency_ids=frozenset(agencies.values_list("pk", flat=True))
    )


# ---- 执法领域 ------------------------------------------------------------------------------------------


def fields_listed(*, q: str = "", active: str = "") -> QuerySet[EnforcementField]:
    """The 执法领域 list of the maintenance page and its API: by code or name, 启用/停用, in their order."""
    fields = EnforcementField.objects.all()
    if q := q.strip():
        fields = fields.filter(Q(code__icontains=q) | Q(name__icontains=q))
    if active in ("1", "0"):
        fields = fields.filter(active=active == "1")
    return fields.order_by("ordering", "code")


def fields_offered(*, keep=()) -> QuerySet[EnforcementField]:
    """The fields a choice offers: the 启用 ones — those a new certificate, catalogue item or officer may
    name —, and `keep` (a field or code, or several), what the record being edited already names (it keeps
    it even when 停用), in their order."""
    kept = [keep] if isinstance(keep, str | EnforcementField) else list(keep or ())
    offered = Q(active=True)
    if kept:
        offered |= Q(code__in=[_field_code(field) for field in kept])
    return EnforcementField.objects.filter(offered).order_by("ordering", "code")
