"""站内消息 pages: the list (全部/未读, paged, newest first), 查看 (marks read, opens the link), 全部标为已读,
and the top bar's count."""

from django.utils import timezone

from tests.notifications.conftest import message
from zhifa.notifications.choices import MessageKind
from zhifa.notifications.models import Message


def test_the_list_shows_badge_title_and_time_newest_first(client, recipient, colleague):
    older = message(recipient, title="法制审核已指派给您：销售过期食品", kind=MessageKind.ASSIGNED)
    Message.objects.filter(pk=older.pk).update(
        created_at=timezone.make_aware(timezone.datetime(2026, 3, 2, 9, 5))
    )
    newer = message(recipient, title="统计报表被退回修改", kind=MessageKind.RETURNED)
    Message.objects.filter(pk=newer.pk).update(
        created_at=timezone.make_aware(timezone.datetime(2026, 3, 3, 14, 30))
    )
    message(colleague, title="别人的消息")
    client.force_login(recipient)
    response = client.get("/messages/")
    assert response.status_code == 200
    assert [m.title for m in response.context["page"]] == [
        "统计报表被退回修改",
        "法制审核已指派给您：销售过期食品",
    ]
    html = response.content.decode()
    assert '<span class="badge">退回</span>' in html and '<span class="badge">任务分派</span>' in html
    assert "2026-03-03 14:30" in html and "2026-03-02 09:05" in html
    assert "别人的消息" not in html
    assert 'data-testid="unread-count">2<' in html


def test_the_unread_filter_and_paging(client, recipient, settings):
    settings.ZHIFA_PAGE_SIZE = 2
    for n in range(3):
        message(recipient, title=f"消息{n}")
    Message.objects.filter(title="消息0").update(read_at=timezone.now())
    client.force_login(recipient)
    assert [m.title for m in client.get("/messages/?show=unread").context["page"]] == ["消息2", "消息1"]
    page = client.get("/messages/?page=2").context["page"]
    assert [m.title for m in page] == ["消息0"] and page.paginator.count == 3


def test_the_list_costs_the_same_however_many_messages(client, recipient, django_assert_max_num_queries):
    for n in range(15):
        message(recipient, title=f"消息{n}")
    client.force_login(recipient)
    with django_assert_max_num_queries(12):
        assert client.get("/messages/").status_code == 200


def test_open_marks_read_and_goes_to_the_link(client, recipient):
    made = message(recipient, link="/review/5/")
    client.force_login(recipient)
    response = client.post(f"/messages/{made.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/review/5/"
    assert Message.objects.get().read_at is not None


def test_open_is_a_post_only(client, recipient):
    made = message(recipient)
    client.force_login(recipient)
    assert client.get(f"/messages/{made.pk}/open/").status_code == 405
    assert Message.objects.get().read_at is None


def test_another_users_message_is_404_and_stays_unread(client, recipient, colleague):
    theirs = message(colleague)
    client.force_login(recipient)
    assert client.post(f"/messages/{theirs.pk}/open/").status_code == 404
    assert Message.objects.get().read_at is None


def test_read_all(client, recipient, colleague):
    message(recipient)
    message(recipient)
    message(colleague)
    client.force_login(recipient)
    response = client.post("/messages/read-all/", follow=True)
    assert "已将2条消息标为已读" in response.content.decode()
    assert Message.objects.filter(read_at__isnull=True).get().recipient == colleague


def test_the_top_bar_link_without_a_count_when_all_is_read(client, recipient):
    client.force_login(recipient)
    html = client.get("/messages/").content.decode()
    assert 'data-testid="topbar-messages">消息</a>' in html and "unread-count" not in html


def test_the_public_sees_no_message_link(client, db):
    response = client.get("/accounts/login/")
    assert "topbar-messages" not in response.content.decode()
    assert client.get("/messages/").status_code == 302  # to the login
