"""The demo's 监督事项: an overdue one opened from a case (the banner on the case page, on both sides'
工作台), one answered and waiting for the supervisor, one escalated to 限期整改."""

import pytest
from django.core.management import call_command

from tests.helpers import html
from zhifa.accounts.models import User
from zhifa.supervision.models import SupervisionItem

pytestmark = pytest.mark.django_db


def test_the_demo_items(client):
    call_command("demo", no_serve=True)
    rows = list(
        SupervisionItem.objects.order_by("pk").values_list("target_kind", "status", "escalation", "grade")
    )
    assert rows == [
        ("case", "awaiting", "", "notice"),
        ("agency", "replied", "", "opinion"),
        ("theme", "awaiting", "deadline", "notice"),
    ]
    from_case = SupervisionItem.objects.get(target_kind="case")
    client.force_login(User.objects.get(username="dh_jd"))
    assert f"{from_case.title}（逾期未答复或未整改，可升级）" in html(client.get("/"))
    client.force_login(User.objects.get(username="dh_jgfz"))
    assert f"{from_case.title}（逾期未答复或未整改）" in html(client.get("/"))
    client.force_login(User.objects.get(username="dh_zf1"))
    assert "本案正在接受东湖区司法局的日常监督" in html(client.get(f"/cases/{from_case.case_id}/"))
