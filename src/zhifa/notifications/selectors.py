"""Reads of the 站内消息: always one user's own messages."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Message


def inbox(user, unread_only: bool = False) -> QuerySet[Message]:
    """The user's messages, newest first (the index message_inbox_idx); only the unread ones on request."""
    messages = Message.objects.filter(recipient=user)
    if unread_only:
        messages = messages.filter(read_at__isnull=True)
    return messages.order_by("-created_at", "-pk")


def unread_count(user) -> int:
    """The top bar's number: one COUNT query."""
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()


def message_of(user, pk: int) -> Message:
    """The user's own message; anyone else's (or none) is a 404."""
    return get_object_or_404(Message, pk=pk, recipient=user)
