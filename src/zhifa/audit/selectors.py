"""Reads of the audit log, for the 审计管理员 (audit.view_auditentry). The log is one for the instance, as
its chain is: whoever holds the permission reads all of it (a failed login under an unknown username
belongs to no agency)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from .chain import AuditVerification, verify_audit_chain
from .choices import AuditAction, AuditOutcome
from .models import AuditChain, AuditEntry

VIEW = "audit.view_auditentry"

SORTS = {
    "-seq": ("-seq",),
    "seq": ("seq",),
    "user": ("actor_username", "-seq"),
    "action": ("action", "-seq"),
    "ip": ("ip", "-seq"),
}
SORT_LABELS = {
    "-seq": "时间（新→旧）",
    "seq": "时间（旧→新）",
    "user": "用户名",
    "action": "操作",
    "ip": "IP地址",
}


@dataclass(frozen=True)
class Filters:
    """What the page's and the API's filters mean once parsed (views.parse_filters, api.EntryFilters)."""

    q: str = ""  # the user: username or name, in part
    action: str = ""
    outcome: str = ""
    object_type: str = ""
    object_id: str = ""
    ip: str = ""  # an address or its beginning ("10.1.")
    since: date | None = None  # local days (Asia/Shanghai), both ends included
    until: date | None = None
    sort: str = "-seq"


def entries(filters: Filters = Filters()) -> QuerySet[AuditEntry]:
    rows = AuditEntry.objects.all()
    if filters.q:
        rows = rows.filter(Q(actor_username__icontains=filters.q) | Q(actor_name__icontains=filters.q))
    if filters.action in AuditAction.values:
        rows = rows.filter(action=filters.action)
    if filters.outcome in AuditOutcome.values:
        rows = rows.filter(outcome=filters.outcome)
    if filters.object_type:
        rows = rows.filter(object_type=filters.object_type)
    if filters.object_id:
        rows = rows.filter(object_id=filters.object_id)
    if filters.ip:
        rows = rows.filter(ip__startswith=filters.ip)
    if filters.since:
        rows = rows.filter(at__gte=_day_start(filters.since))
    if filters.until:
        rows = rows.filter(at__lt=_day_start(filters.until + timedelta(days=1)))
    return rows.order_by(*SORTS.get(filters.sort, SORTS["-seq"]))


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


# Object types that are no model: what an entry names instead (core.exports names a list export "export").
PSEUDO_TYPES = {"export": "列表导出", "document": "报表下载"}


def type_label(object_type: str) -> str:
    """ "accounts.user" → "用户": the Chinese name of an object type (the code where no model has it)."""
    from django.apps import apps

    if not object_type:
        return ""
    if object_type in PSEUDO_TYPES:
        return PSEUDO_TYPES[object_type]
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def object_types() -> list[tuple[str, str]]:
    """The object types the log names, with their Chinese names, for the page's filter (one query)."""
    found = AuditEntry.objects.exclude(object_type="").order_by().values_list("object_type", flat=True)
    return sorted(((code, type_label(code)) for code in set(found)), key=lambda c: c[1])


# ---- the chain's state: a walk of the whole log, so never part of the page's own cost ----------------

CACHE_KEY = "audit:chain-state"


@dataclass(frozen=True)
class ChainState:
    """The last verification of the chain and the head it reached: the page shows it and says when the
    log has grown since (then the state is of the entries up to `head_seq` only)."""

    verification: AuditVerification
    head_seq: int
    checked_at: datetime


def chain_state() -> ChainState | None:
    """The last verification (None: never run, or the cache was cleared)."""
    return cache.get(CACHE_KEY)


def chain_verify() -> ChainState:
    """Verify the chain now (the page's button, the verify-audit command) and keep the result."""
    state = ChainState(verify_audit_chain(), chain_head_seq(), timezone.now())
    cache.set(CACHE_KEY, state, None)
    return state


def chain_head_seq() -> int:
    return AuditChain.objects.filter(pk=1).values_list("head_seq", flat=True).first() or 0
