"""Writes of the 站内消息: `notify` (called by the services where something happens, through
notifications.events) and the recipient's 标为已读.

Messages are not entries of the record log: they tell of an action that is itself recorded there, and
reading one changes nothing but the reader's own inbox."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from . import channels, selectors
from .choices import MessageKind
from .models import Message, validate_site_link

TITLE_MAX = Message._meta.get_field("title").max_length
BODY_MAX = Message._meta.get_field("body").max_length


def notify(
    recipients: Iterable, kind: MessageKind, title: str, body: str, link: str, *, dedupe_key: str = ""
) -> list[Message]:
    """Write one message to each recipient (one bulk insert) and hand them to the outbound channels once
    the surrounding transaction commits (a rolled-back action sends nothing). A recipient appearing twice
    gets one message; with `dedupe_key`, a recipient who already has a message of that key gets none."""
    validate_site_link(link)
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    if dedupe_key and users:
        seen = Message.objects.filter(recipient__in=users, dedupe_key=dedupe_key).values_list(
            "recipient_id", flat=True
        )
        for pk in set(seen):
            users.pop(pk, None)
    if not users:
        return []
    made = Message.objects.bulk_create(
        Message(
            recipient=user,
            kind=kind,
            title=title[:TITLE_MAX],
            body=body[:BODY_MAX],
            link=link,
            dedupe_key=dedupe_key,
        )
        for user in users.values()
    )
    transaction.on_commit(lambda: channels.deliver(made))
    return made


def message_read(*, actor, message: Message | int) -> Message:
    """标为已读 (also when the recipient opens it with 查看): the first reading's time is kept. Another
    user's message is a 404."""
    message = selectors.message_of(actor, message if isinstance(message, int) else message.pk)
    if message.read_at is None:
        message.read_at = timezone.now()
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=message.read_at)
    return message


def messages_read_all(*, actor) -> int:
    """全部标为已读: the number of messages that were unread."""
    return Message.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
