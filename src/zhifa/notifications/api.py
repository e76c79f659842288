"""/api/notifications/ 站内消息: the signed-in user's own messages (another user's is a 404), 标为已读 and
全部标为已读 — the same selectors and services as the pages."""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from zhifa.core.params import Id

from . import selectors, services

router = Router(tags=["站内消息"])


class MessageOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()


class UnreadOut(Schema):
    unread: int


class ReadAllOut(Schema):
    marked: int


@router.get("/messages", response=list[MessageOut], summary="我的站内消息（新消息在前）")
@paginate
def message_list(request, unread: bool = False):
    return selectors.inbox(request.auth, unread_only=unread)


@router.get("/messages/unread-count", response=UnreadOut, summary="未读消息数")
def unread_count(request):
    return {"unread": selectors.unread_count(request.auth)}


@router.post("/messages/{int:message_id}/read", response=MessageOut, summary="标为已读")
def message_read(request, message_id: Id):
    return services.message_read(actor=request.auth, message=message_id)


@router.post("/messages/read-all", response=ReadAllOut, summary="全部标为已读")
def messages_read_all(request):
    return {"marked": services.messages_read_all(actor=request.auth)}
