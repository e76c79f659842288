"""Reads of 抄告 and the 信息共享 register, scoped by core.access: the sender's people and the supervisors of
its region (jurisdiction), the receiver's people (a view grant); anyone else sees nothing (404)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from zhifa.collaboration.models import Notice, SharingEntry
from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from . import clocks
from .choices import NoticeStatus
from .transitions import SHARING_VIEW, VIEW

# The 抄告 list's sortable columns on the core list kit (indexes: collaboration 0005, by the sender and the
# receiver; the status by their (…, status, due_on / ack_due) indexes); the default stays the newest first.
# The former `sender` (another table's name, no index) is no longer a column: it falls back to the default.
NOTICE_SORTS = Sorts(
    SortColumn("decided", "决定日期", ("decided_on",)),
    SortColumn("status", "状态", ("status", "due_on")),
    SortColumn("due", "抄告期限", ("due_on",)),
    SortColumn("created", "生成时间", ("created_at",)),
    default=("-created_at", "-id"),
)
# The 信息共享 register's: the default stays by provider and category.
SHARING_SORTS = Sorts(
    SortColumn("content", "共享内容", ("content",)),
    SortColumn("shared", "最近共享", ("last_shared_on",)),
    default=("provider__name", "category", "id"),
)


@dataclass(frozen=True)
class NoticeFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    direction: str = ""  # "out" (sent by my agency) | "in" (to my agency)
    overdue: bool = False
    sort: str = ""


def overdue_q(on=None) -> Q:
    day = on or clocks.today()
    return Q(status=NoticeStatus.PENDING, due_on__lt=day) | Q(status=NoticeStatus.SENT, ack_due__lt=day)


def notices_visible_to(user, filters: NoticeFilters = NoticeFilters()) -> QuerySet[Notice]:
    notices = access.visible_to(user, Notice.objects.all(), VIEW).select_related("sender", "receiver")
    if filters.q:
        notices = notices.filter(
            Q(title__icontains=filters.q) | Q(party__icontains=filters.q) | Q(number__icontains=filters.q)
            | Q(sender__name__icontains=filters.q) | Q(receiver__name__icontains=filters.q)
        )  # fmt: skip
    if filters.kind:
        notices = notices.filter(kind=filters.kind)
    if filters.status:
        notices = notices.filter(status=filters.status)
    if filters.direction == "out":
        notices = notices.filter(sender_id=user.agency_id)
    elif filters.direction == "in":
        notices = notices.filter(receiver_id=user.agency_id)
    if filters.overdue:
        notices = notices.filter(overdue_q())
    return NOTICE_SORTS.parse(filters.sort).apply(notices)


def get_notice(user, pk) -> Notice:
    try:
        return (
            notices_visible_to(user).select_related("case", "item", "sent_by", "acknowledged_by").get(pk=pk)
        )
    except (Notice.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该抄告，或您无权查看") from exc


def sharing_visible_to(user, q: str = "", category: str = "", sort: str = "") -> QuerySet[SharingEntry]:
    entries = access.visible_to(user, SharingEntry.objects.all(), SHARING_VIEW).select_related(
        "provider", "receiver"
    )
    if q:
        entries = entries.filter(
            Q(content__icontains=q) | Q(provider__name__icontains=q) | Q(receiver__name__icontains=q)
        )
    if category:
        entries = entries.filter(category=category)
    return SHARING_SORTS.parse(sort).apply(entries)


def get_sharing(user, pk) -> SharingEntry:
    try:
        return sharing_visible_to(user).get(pk=pk)
    except (SharingEntry.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该共享事项，或您无权查看") from exc
