"""The demo's 监督事项: an overdue one opened from a case (the banner on the case page, on both sides'
工作台), one answered and waiting for the supervisor, one escalated to 限期整改."""

import pytest

from tests.helpers import html
from zhifa.accounts.models import User
from zhifa.inspections.models import Inspection
from zhifa.supervision.models import SupervisionItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    """The real clock: the shared demo was loaded on it (the package's pinned `today` is for its own tests)."""


def test_the_demo_items(demo_db, client):
    # the supervision demo's own items; the later apps' demos (complaints, detection, …) open theirs after
    rows = list(
        SupervisionItem.objects.order_by("pk").values_list("target_kind", "status", "escalation", "grade")[:5]
    )
    assert rows == [
        ("case", "awaiting", "", "notice"),
        ("agency", "replied", "", "opinion"),
        ("theme", "awaiting", "deadline", "notice"),
        ("case", "open", "", ""),  # from a record of a case's 全过程记录
        ("agency", "open", "", ""),  # from an inspection
    ]
    from_case = SupervisionItem.objects.get(source_type="cases.case")
    client.force_login(User.objects.get(username="dh_jd"))
    assert f"{from_case.title}（逾期未答复或未整改，可升级）" in html(client.get("/"))
    client.force_login(User.objects.get(username="dh_jgfz"))
    assert f"{from_case.title}（逾期未答复或未整改）" in html(client.get("/"))
    client.force_login(User.objects.get(username="dh_zf1"))
    assert "本案正在接受东湖区司法局的日常监督" in html(client.get(f"/cases/{from_case.case_id}/"))

    from_record = SupervisionItem.objects.get(source_type="core.record")
    from_inspection = SupervisionItem.objects.get(source_type="inspections.inspection")
    assert from_record.title.startswith("对案件") and from_record.title.endswith("的监督")
    assert "执法记录“作出决定”" in from_record.title
    inspection = Inspection.objects.get(pk=from_inspection.source_id)
    day = inspection.started_on
    assert (
        from_inspection.title
        == f"对{inspection.subject.name}的行政检查（{day.year}年{day.month}月{day.day}日）的监督"
    )
    assert (from_inspection.agency, from_inspection.category) == (inspection.agency, "inspections")
    client.force_login(User.objects.get(username="dh_jd"))
    page = html(client.get(f"/supervision/actions/{from_record.pk}/"))
    assert f'执法记录 <a href="/records/{from_record.source_id}/">{from_record.source_label}</a>' in page
    client.force_login(User.objects.get(username="dh_jgfz"))
    page = html(client.get(f"/records/{from_record.source_id}/"))
    assert f'东湖区司法局正在日常监督：<a href="/supervision/actions/{from_record.pk}/">' in page
