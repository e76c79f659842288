"""站内消息 services and selectors: one insert per notice, a user's own messages only, read marks, counts."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from tests.notifications.conftest import message
from zhifa.notifications import selectors, services
from zhifa.notifications.choices import MessageKind
from zhifa.notifications.models import Message


def test_notify_writes_one_message_per_recipient_in_one_insert(
    recipient, colleague, django_assert_num_queries
):
    with django_assert_num_queries(1):
        made = services.notify(
            [recipient, colleague, recipient],
            MessageKind.RETURNED,
            "统计报表被退回修改",
            "退回理由：数字有误",
            "/stats/reports/7/",
        )
    rows = Message.objects.order_by("recipient__username").values_list(
        "recipient__username", "kind", "title", "body", "link", "read_at"
    )
    assert list(rows) == [
        ("east_colleague", "returned", "统计报表被退回修改", "退回理由：数字有误", "/stats/reports/7/", None),
        ("east_recipient", "returned", "统计报表被退回修改", "退回理由：数字有误", "/stats/reports/7/", None),
    ]
    assert len(made) == 2 and all(m.pk for m in made)


def test_notify_skips_nobody_and_inactive_users(recipient, colleague):
    colleague.is_active = False
    colleague.save(update_fields=["is_active"])
    assert [
        m.recipient for m in services.notify([None, colleague, recipient], MessageKind.OTHER, "标题", "", "/")
    ] == [recipient]
    assert services.notify([colleague], MessageKind.OTHER, "标题", "", "/") == []
    assert Message.objects.count() == 1


@pytest.mark.parametrize("link", ["https://example.com/cases/1/", "//evil.example/", "cases/1/", ""])
def test_a_link_off_this_site_is_refused_and_nothing_written(recipient, link):
    with pytest.raises(ValidationError) as refused:
        services.notify([recipient], MessageKind.OTHER, "标题", "", link)
    assert refused.value.messages == ["“链接”须为本站地址（以 / 开头）"]
    assert Message.objects.count() == 0


def test_a_dedupe_key_tells_each_recipient_once(recipient, colleague):
    first = services.notify([recipient], MessageKind.DUE, "期限提醒", "", "/cases/1/", dedupe_key="due:x")
    again = services.notify(
        [recipient, colleague], MessageKind.DUE, "期限提醒", "", "/cases/1/", dedupe_key="due:x"
    )
    assert len(first) == 1
    assert [m.recipient for m in again] == [colleague]
    assert Message.objects.filter(dedupe_key="due:x").count() == 2


def test_inbox_is_the_users_own_newest_first_and_unread_filter(recipient, colleague):
    older = message(recipient, title="第一条")
    newer = message(recipient, title="第二条")
    Message.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(hours=1))
    message(colleague, title="别人的")
    services.message_read(actor=recipient, message=newer)
    assert [m.title for m in selectors.inbox(recipient)] == ["第二条", "第一条"]
    assert [m.title for m in selectors.inbox(recipient, unread_only=True)] == ["第一条"]


def test_unread_count_is_one_query(recipient, colleague, django_assert_num_queries):
    message(recipient)
    message(recipient)
    message(colleague)
    services.message_read(actor=recipient, message=message(recipient))
    with django_assert_num_queries(1):
        assert selectors.unread_count(recipient) == 2
    assert selectors.unread_count(colleague) == 1


def test_reading_keeps_the_first_reading_time(recipient):
    made = message(recipient)
    first = services.message_read(actor=recipient, message=made).read_at
    assert first is not None
    again = services.message_read(actor=recipient, message=made.pk)
    assert again.read_at == first
    assert Message.objects.get().read_at == first


def test_another_users_message_is_404_and_stays_unread(recipient, colleague):
    theirs = message(colleague)
    with pytest.raises(Http404):
        services.message_read(actor=recipient, message=theirs)
    with pytest.raises(Http404):
        selectors.message_of(recipient, theirs.pk)
    assert Message.objects.get().read_at is None


def test_read_all_marks_only_the_actors_unread(recipient, colleague):
    read = message(recipient)
    services.message_read(actor=recipient, message=read)
    message(recipient)
    message(recipient)
    theirs = message(colleague)
    assert services.messages_read_all(actor=recipient) == 2
    assert selectors.unread_count(recipient) == 0
    assert Message.objects.get(pk=theirs.pk).read_at is None
    assert services.messages_read_all(actor=recipient) == 0
