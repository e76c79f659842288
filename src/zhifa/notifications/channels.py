"""Outbound channels (短信、邮件…): each message written to the 站内消息 is also handed, after the business
action commits, to every channel in the setting ZHIFA_NOTIFY_CHANNELS (dotted paths of `Channel`
subclasses; default: the console, i.e. the log).

A deployment connects its own SMS gateway by subclassing `SmsChannel` and implementing `send_sms`, then
listing its class in ZHIFA_NOTIFY_CHANNELS (docs/deploy.md 短信网关). A channel's failure is logged and
never undoes or interrupts the action that notified: the message is already in the recipient's inbox."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.utils.module_loading import import_string

from .models import Message

log = logging.getLogger("zhifa.notifications")

DEFAULT_CHANNELS = ["zhifa.notifications.channels.ConsoleChannel"]


class Channel:
    """One outbound channel. `send` delivers one message or raises; it runs after the commit, outside the
    business action's transaction, one message at a time."""

    def send(self, message: Message) -> None:
        raise NotImplementedError


class ConsoleChannel(Channel):
    """The default: one log line per message (a development machine, or a deployment without a gateway)."""

    def send(self, message: Message) -> None:
        log.info(
            "站内消息 %s → 用户%s：[%s] %s %s",
            message.pk,
            message.recipient_id,
            message.get_kind_display(),
            message.title,
            message.link,
        )


def message_text(message: Message) -> str:
    """The message as one line of plain text (an SMS, an e-mail's body): title, body and the page's path."""
    parts = [f"【执法通】{message.title}", message.body, f"详见：{message.link}"]
    return "；".join(part for part in parts if part)


class EmailChannel(Channel):
    """E-mail through Django's send_mail (EMAIL_HOST…, DEFAULT_FROM_EMAIL); users without an address are
    skipped."""

    def send(self, message: Message) -> None:
        from django.core.mail import send_mail

        address = message.recipient.email
        if not address:
            return
        send_mail(message.title, message_text(message), None, [address])


class SmsChannel(Channel):
    """The SMS interface: a deployment's gateway subclasses this and implements `send_sms` (its own HTTP
    call, credentials from its own settings). Users without a mobile number are skipped."""

    def send(self, message: Message) -> None:
        mobile = message.recipient.mobile
        if not mobile:
            return
        self.send_sms(mobile, message_text(message))

    def send_sms(self, mobile: str, text: str) -> None:
        raise NotImplementedError("请在部署的短信网关适配器中实现 send_sms")


def configured() -> list[Channel]:
    """The channels of ZHIFA_NOTIFY_CHANNELS, instantiated (read on each delivery, so a changed setting
    takes effect without a restart of anything that imported this module)."""
    paths = getattr(settings, "ZHIFA_NOTIFY_CHANNELS", DEFAULT_CHANNELS)
    return [import_string(path)() for path in paths]


def deliver(messages: Iterable[Message]) -> int:
    """Hand each message to each channel; a failing channel is logged and the others go on. The number of
    deliveries that succeeded."""
    messages = list(messages)
    delivered = 0
    try:
        channels = configured()
    except Exception:  # a mistyped path in the setting: the inbox still has the messages
        log.exception("站内消息：外发渠道配置有误（ZHIFA_NOTIFY_CHANNELS）")
        return 0
    for channel in channels:
        for message in messages:
            try:
                channel.send(message)
            except Exception:
                log.exception("站内消息 %s：渠道 %s 发送失败", message.pk, type(channel).__name__)
            else:
                delivered += 1
    return delivered
