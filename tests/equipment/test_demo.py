"""The demo's equipment: 东湖区司法局 sees 东湖区市场监督管理局 below its standard, three cameras out, one recorded
piece of evidence with its camera, 陈静 with her 法律职业资格 in the 摸底统计, and the 办案系统 marked 已对接 by
the demo's first exchange import."""

import pytest
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.equipment import selectors, survey
from zhifa.equipment.models import Device, RecordingDevice
from zhifa.equipment.systems.models import InformationSystem
from zhifa.exchange.models import Batch

pytestmark = pytest.mark.django_db


def test_the_demo_equipment(demo_db, client):
    bureau = User.objects.get(username="dh_jd")
    below = {row.agency.name: row for row in selectors.agencies_below(bureau)}
    assert list(below) == ["东湖区市场监督管理局"]
    assert (below["东湖区市场监督管理局"].shortfall, below["东湖区市场监督管理局"].held) == (1, 3)
    assert Device.objects.filter(status="repair").count() == 1
    assert RecordingDevice.objects.count() == 1
    rows = {r.agency.name: r for r in survey.survey_rows(list(selectors.agencies_for_ratio(bureau)))}
    market = rows["东湖区市场监督管理局"]
    assert (market.reviewers, market.qualified, market.qualified_share) == (1, 1, 100)
    assert (market.systems, market.systems_connected) == (3, 2)  # one more is 停用
    # its 办案系统 is linked to the source 江州市司法局 imported from: 已对接 on the day of the first import
    first = Batch.objects.filter(direction="import").order_by("created_at", "id").first()
    linked = InformationSystem.objects.get(agency=market.agency, name="市场监管综合执法办案系统")
    assert (linked.exchange_source, linked.connection, linked.connected_on) == (
        "ZF320199",
        "connected",
        timezone.localdate(first.created_at),
    )
    client.force_login(bureau)
    assert "东湖区市场监督管理局" in client.get("/equipment/ratios/?below=1").content.decode()
