from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .choices import MessageKind


def validate_site_link(value: str) -> None:
    """A message links to a page of this site only: a path, never another host (//host or a scheme)."""
    if not value.startswith("/") or value.startswith("//"):
        raise ValidationError("“链接”须为本站地址（以 / 开头）")


class Message(models.Model):
    """站内消息 — one message to one user. Its recipient alone sees it (another user's message is a 404);
    `dedupe_key` makes a repeated notice (the daily 期限提醒 of the same deadline) a no-op."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField("类别", max_length=16, choices=MessageKind.choices, default=MessageKind.OTHER)
    title = models.CharField("标题", max_length=200)
    body = models.CharField("内容", max_length=500, blank=True)
    link = models.CharField("链接", max_length=300, validators=[validate_site_link])
    dedupe_key = models.CharField("去重键", max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    # the walk of tests/test_access_walk.py finds a user's messages through the recipient's agency
    jurisdiction_field = "recipient__agency"

    class Meta:
        verbose_name = verbose_name_plural = "站内消息"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # the inbox (全部/未读, newest first) and the top bar's unread count
            models.Index(fields=["recipient", "read_at", "-created_at"], name="message_inbox_idx"),
            models.Index(fields=["recipient", "-created_at"], name="message_recipient_new_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], condition=~Q(dedupe_key=""), name="message_dedupe_once"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
