"""逾期升级 tells the supervised agency's leaders (站内消息), not the supervisor who escalated."""

from datetime import date

from zhifa.accounts.choices import RoleCode
from zhifa.notifications.models import Message
from zhifa.supervision.actions import services
from zhifa.supervision.actions.choices import EscalationStep


def test_an_escalation_tells_the_agencys_leaders(
    item, notice, supervisor, head, third_head, agencies, make_user, today
):
    make_user(agencies["east_market"], RoleCode.UNIT_HEAD, username="east_unit_head")
    make_user(agencies["east_market"], RoleCode.OFFICER, username="east_officer_only")
    Message.objects.all().delete()
    today(date(2026, 3, 23))
    services.escalate(actor=supervisor, item=item, step=EscalationStep.DEADLINE, note="责令限期整改")
    rows = Message.objects.order_by("recipient__username").values_list(
        "recipient__username", "kind", "title", "body", "link"
    )
    told = (
        "escalated",
        "监督事项逾期升级：限期整改",
        "乱罚款问题重点监督，整改期限2026-04-07",
        f"/supervision/actions/{item.pk}/",
    )
    assert list(rows) == [("east_head", *told), ("east_unit_head", *told)]
