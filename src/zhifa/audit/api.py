"""The audit log over the API, for the 审计管理员 (audit.view_auditentry; anyone else 403): the page's
filters, paged."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from zhifa.core.params import CalendarDay

from . import selectors
from .choices import AuditAction, AuditOutcome
from .selectors import VIEW

router = Router(tags=["audit"])


class EntryOut(Schema):
    seq: int
    at: datetime = Field(description="时间（协调世界时）")
    actor_id: int | None
    actor_username: str
    actor_name: str
    ip: str | None
    action: AuditAction
    action_label: str = Field(description="操作（中文）")
    object_type: str
    object_id: str
    object_repr: str
    outcome: AuditOutcome
    detail: str
    hash: str

    @staticmethod
    def resolve_action_label(obj):
        return obj.get_action_display()


class EntryFilters(Schema):
    q: str = Field("", max_length=150, description="用户名或姓名（部分）")
    action: AuditAction | None = None
    outcome: AuditOutcome | None = None
    object_type: str = Field("", max_length=64)
    object_id: str = Field("", max_length=64)
    ip: str = Field("", max_length=45, description="IP地址或其开头")
    since: CalendarDay | None = Field(None, description="起始日期（北京时间，含）")
    until: CalendarDay | None = Field(None, description="截止日期（北京时间，含）")
    sort: str = Field("-seq", description="排序：-seq、seq、user、action、ip")


@router.get("/entries", response=list[EntryOut], summary="安全审计日志（审计管理员）")
@paginate
def list_entries(request, filters: Query[EntryFilters]):
    if not request.auth.has_perm(VIEW):
        raise PermissionDenied("您无权查看安全审计日志")
    data = filters.dict()
    return selectors.entries(
        selectors.Filters(
            **{**data, "action": data["action"] or "", "outcome": data["outcome"] or ""},
        )
    )
