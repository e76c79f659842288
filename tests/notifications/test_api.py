"""/api/notifications/: the same answers as the pages — own messages only, 标为已读, 全部标为已读."""

from tests.notifications.conftest import message
from zhifa.notifications.models import Message


def test_the_list_is_own_newest_first_and_filters_unread(client, recipient, colleague):
    first = message(recipient, title="第一条")
    second = message(recipient, title="第二条", link="/review/3/")
    message(colleague, title="别人的")
    Message.objects.filter(pk=first.pk).update(read_at=first.created_at)
    client.force_login(recipient)
    body = client.get("/api/notifications/messages").json()
    assert body["count"] == 2
    assert [(m["title"], m["kind"], m["kind_label"]) for m in body["items"]] == [
        ("第二条", "assigned", "任务分派"),
        ("第一条", "assigned", "任务分派"),
    ]
    unread = client.get("/api/notifications/messages?unread=true").json()
    assert [(m["id"], m["link"], m["read_at"]) for m in unread["items"]] == [(second.pk, "/review/3/", None)]
    assert client.get("/api/notifications/messages/unread-count").json() == {"unread": 1}


def test_mark_one_read(client, recipient):
    made = message(recipient)
    client.force_login(recipient)
    response = client.post(f"/api/notifications/messages/{made.pk}/read")
    assert response.status_code == 200 and response.json()["read_at"] is not None
    assert Message.objects.get().read_at is not None


def test_another_users_message_is_404_and_stays_unread(client, recipient, colleague):
    theirs = message(colleague)
    client.force_login(recipient)
    response = client.post(f"/api/notifications/messages/{theirs.pk}/read")
    assert response.status_code == 404 and response.json() == {"detail": "未找到该对象，或您无权查看"}
    assert Message.objects.get().read_at is None


def test_mark_all_read(client, recipient, colleague):
    message(recipient)
    message(recipient)
    message(colleague)
    client.force_login(recipient)
    assert client.post("/api/notifications/messages/read-all").json() == {"marked": 2}
    assert client.post("/api/notifications/messages/read-all").json() == {"marked": 0}
    assert Message.objects.filter(read_at__isnull=True).count() == 1


def test_the_public_is_refused(client, db):
    assert client.get("/api/notifications/messages").status_code == 401
