"""演示数据 of 站内消息 (idempotent): the earlier modules' assignments, returns and escalations have already
told their people (the services' hooks); here the day's 期限提醒 runs once (it keys each deadline, so a
second load adds none), and 刘洋 (dh_cbfz) gets a notice from the system, already read, so that his list
shows both states."""

from django.urls import reverse
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.notifications import events, services
from zhifa.notifications.choices import MessageKind
from zhifa.notifications.models import Message

WELCOME_KEY = "demo:welcome"


def load(stdout) -> None:
    due = events.deadlines_coming_due(on=timezone.localdate())
    leader = User.objects.get(username="dh_cbfz")
    made = services.notify(
        [leader],
        MessageKind.OTHER,
        "欢迎使用站内消息",
        "任务分派、期限提醒、退回和督办升级都会在这里提示，右上角显示未读条数。",
        reverse("notifications:message_list"),
        dedupe_key=WELCOME_KEY,
    )
    for message in made:
        services.message_read(actor=leader, message=message)
    total = Message.objects.count()
    stdout.write(f"站内消息：共{total}条（本次期限提醒{due}条）\n")
