"""The demo's 报送 (demo/stats_reports.py): 东湖区司法局's last quarter (accepted, returned, not sent) forwarded to
江州市司法局, and last year's 统计年报 waiting for everyone."""

import pytest
from django.utils import timezone

from tests.helpers import html
from zhifa.accounts.models import User
from zhifa.stats.models import ReportRound, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    """The demo runs on the real clock (tests/stats set Wednesday 2026-04-01 for the others)."""
    return timezone.localdate()


def test_the_demo_reports(demo_db, client, today):
    county = ReportRound.objects.get(agency__name="东湖区司法局", kind="quarterly")
    statuses = dict(county.submissions.values_list("agency__name", "status"))
    assert (statuses["东湖区市场监督管理局"], statuses["东湖区综合行政执法局"]) == ("accepted", "returned")
    assert set(statuses.values()) == {"accepted", "returned", "pending"}
    forwarded = Submission.objects.get(round__agency__name="江州市司法局", agency__name="东湖区司法局")
    assert (forwarded.status, forwarded.forwarded_from) == ("submitted", county)
    assert county.submissions.get(agency__name="东湖区市场监督管理局").figures == forwarded.figures
    annual = ReportRound.objects.get(agency__name="东湖区司法局", kind="annual")
    assert annual.period == str(today.year - 1)

    client.force_login(User.objects.get(username="dh_jgfz"))
    assert f"{annual.period_label}行政执法统计年报：待填报" in html(client.get("/"))
    client.force_login(User.objects.get(username="dh_jd"))
    page = html(client.get(f"/stats/reports/rounds/{county.pk}/"))
    assert "审核通过1个" in page
    client.force_login(User.objects.get(username="js_jd"))
    assert f"{county}：东湖区司法局已报送，待审核" in html(client.get("/"))
