"""Outbound channels: every configured channel gets each message after the commit; a failing channel is
logged and neither breaks the action that notified nor keeps the other channels from sending."""

import logging

import pytest
from django.core import mail

from tests.notifications.conftest import message
from zhifa.notifications import channels
from zhifa.notifications.models import Message

SENT: list[tuple[str, str]] = []


class Recording(channels.Channel):
    def send(self, message):
        SENT.append((type(self).__name__, message.title))


class Broken(channels.Channel):
    def send(self, message):
        raise ConnectionError("网关无响应")


class Gateway(channels.SmsChannel):
    def send_sms(self, mobile, text):
        SENT.append((mobile, text))


HERE = "tests.notifications.test_channels"


@pytest.fixture(autouse=True)
def _clear():
    SENT.clear()


def test_the_console_is_the_default_and_logs_a_line(recipient, caplog, django_capture_on_commit_callbacks):
    with (
        caplog.at_level(logging.INFO, logger="zhifa.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        made = message(recipient, title="案件已指定您承办：销售过期食品", link="/cases/9/")
    assert (
        f"站内消息 {made.pk} → 用户{recipient.pk}：[任务分派] 案件已指定您承办：销售过期食品 /cases/9/"
        in caplog.messages
    )


def test_nothing_is_sent_before_the_commit(recipient, settings, django_capture_on_commit_callbacks):
    settings.ZHIFA_NOTIFY_CHANNELS = [f"{HERE}.Recording"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message(recipient, title="甲")
    assert SENT == [] and len(callbacks) == 1


def test_a_failing_channel_is_logged_and_the_others_still_send(
    recipient, settings, caplog, django_capture_on_commit_callbacks
):
    settings.ZHIFA_NOTIFY_CHANNELS = [f"{HERE}.Broken", f"{HERE}.Recording"]
    with (
        caplog.at_level(logging.ERROR, logger="zhifa.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        made = message(recipient, title="甲")
    assert SENT == [("Recording", "甲")]
    assert [r.getMessage() for r in caplog.records] == [f"站内消息 {made.pk}：渠道 Broken 发送失败"]
    assert Message.objects.get().title == "甲"  # the inbox keeps it


def test_a_mistyped_channel_setting_leaves_the_inbox_intact(
    recipient, settings, caplog, django_capture_on_commit_callbacks
):
    settings.ZHIFA_NOTIFY_CHANNELS = ["zhifa.notifications.channels.NoSuchChannel"]
    with django_capture_on_commit_callbacks(execute=True):
        message(recipient)
    assert Message.objects.count() == 1
    assert "站内消息：外发渠道配置有误（ZHIFA_NOTIFY_CHANNELS）" in caplog.messages


def test_an_sms_gateway_gets_the_mobile_and_one_line(
    recipient, colleague, settings, django_capture_on_commit_callbacks
):
    recipient.mobile = "13800000001"
    recipient.save(update_fields=["mobile"])
    settings.ZHIFA_NOTIFY_CHANNELS = [f"{HERE}.Gateway"]
    with django_capture_on_commit_callbacks(execute=True):
        message(recipient, title="统计报表被退回修改", body="退回理由：数字有误", link="/stats/reports/7/")
        message(colleague)  # no mobile number: skipped
    assert SENT == [
        ("13800000001", "【执法通】统计报表被退回修改；退回理由：数字有误；详见：/stats/reports/7/")
    ]


def test_the_email_channel_mails_users_with_an_address(
    recipient, colleague, settings, django_capture_on_commit_callbacks
):
    recipient.email = "zhangwei@example.cn"
    recipient.save(update_fields=["email"])
    settings.ZHIFA_NOTIFY_CHANNELS = ["zhifa.notifications.channels.EmailChannel"]
    with django_capture_on_commit_callbacks(execute=True):
        message(recipient, title="期限提醒", body="", link="/cases/2/")
        message(colleague)
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["zhangwei@example.cn"], "期限提醒", "【执法通】期限提醒；详见：/cases/2/")
    ]
