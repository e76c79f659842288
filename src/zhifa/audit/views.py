"""安全审计 pages of the 审计管理员: the audit log with its filters, its export, and the chain's check."""

from datetime import UTC, date
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhifa.core import exports
from zhifa.core.exports import Column
from zhifa.core.forms import filters_of, query_of
from zhifa.core.pagination import paginate
from zhifa.core.params import BadParameter

from . import selectors
from .choices import AuditAction, AuditOutcome
from .selectors import VIEW

FILTER_KEYS = ("q", "action", "outcome", "object_type", "object_id", "ip", "since", "until", "sort")
DATE_LABELS = {"since": "起始日期", "until": "截止日期"}
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _day(raw: str, name: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(f"“{DATE_LABELS[name]}”应为日期（YYYY-MM-DD）") from None


def parse_filters(request) -> tuple[dict, selectors.Filters]:
    """The query string as typed (kept in the form) and as the selector reads it; a malformed date is a
    400 naming the field."""
    raw = filters_of(request, FILTER_KEYS)
    return raw, selectors.Filters(
        q=raw["q"],
        action=raw["action"] if raw["action"] in AuditAction.values else "",
        outcome=raw["outcome"] if raw["outcome"] in AuditOutcome.values else "",
        object_type=raw["object_type"][:64],
        object_id=raw["object_id"][:64],
        ip=raw["ip"][:45],
        since=_day(raw["since"], "since"),
        until=_day(raw["until"], "until"),
        sort=raw["sort"] if raw["sort"] in selectors.SORTS else "-seq",
    )


def utc(at) -> str:
    """The time in UTC and in Beijing time, as text: a template's date filter would turn both into
    the site's zone."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def shanghai(at) -> str:
    return at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


@login_required
@permission_required(VIEW, raise_exception=True)
def entry_list(request):
    raw, filters = parse_filters(request)
    page = paginate(request, selectors.entries(filters))
    state, head_seq = selectors.chain_state(), selectors.chain_head_seq()
    context = {
        "page": page,
        "rows": [
            (entry, utc(entry.at), shanghai(entry.at), selectors.type_label(entry.object_type))
            for entry in page
        ],
        "filters": raw,
        "query": query_of(raw),
        "actions": AuditAction.choices,
        "outcomes": AuditOutcome.choices,
        "object_types": selectors.object_types(),
        "sorts": list(selectors.SORT_LABELS.items()),
        "state": state,
        "head_seq": head_seq,
        "unchecked": head_seq - state.head_seq if state else 0,
    }
    return render(request, "audit/entry_list.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_POST
def chain_verify(request):
    """校验审计链: a walk of the whole log, on demand (the list page never pays for it)."""
    selectors.chain_verify()
    return redirect("audit:entry_list")


EXPORT = exports.register(
    exports.ListExport(
        key="audit.entry_list",
        filename="安全审计日志.xlsx",
        columns=(
            Column("序号", lambda e: e.seq),
            Column("时间（北京时间）", lambda e: shanghai(e.at)),
            Column("时间（协调世界时）", lambda e: utc(e.at)),
            Column("用户名", lambda e: e.actor_username),
            Column("姓名", lambda e: e.actor_name),
            Column("IP地址", lambda e: e.ip or ""),
            Column("操作", lambda e: e.get_action_display()),
            Column("对象类型", lambda e: selectors.type_label(e.object_type)),
            Column("对象ID", lambda e: e.object_id),
            Column("对象", lambda e: e.object_repr),
            Column("结果", lambda e: e.get_outcome_display()),
            Column("说明", lambda e: e.detail),
            Column("哈希", lambda e: e.hash),
        ),
        queryset=lambda user, params: selectors.entries(parse_filters(exports.request_of(params))[1]),
        perm=VIEW,
    )
)


@login_required
@permission_required(VIEW, raise_exception=True)
def entry_export(request):
    return exports.respond(request, EXPORT)
