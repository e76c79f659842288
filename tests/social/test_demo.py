"""The demo's 社会监督: the register with every term state, the four feedback (answered, turned into a
监督事项, open past its answer date on 周敏's 工作台, forwarded as a 投诉举报), and the closed 第三方测评 whose
rates 评议考核 reads."""

from fractions import Fraction

import pytest

from tests.helpers import html
from zhifa.accounts.models import User
from zhifa.core.models import Agency, Region
from zhifa.social import clocks, selectors
from zhifa.social.choices import SupervisorStatus, TermState
from zhifa.social.models import Feedback, Supervisor
from zhifa.social.services import terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    """The real clock: the shared demo was loaded on it (the package's pinned `today` is for its own tests)."""


def test_the_demo_social_supervision(demo_db, client):
    states = {
        s.name: terms.state(s, ended=SupervisorStatus.DISMISSED) for s in Supervisor.objects.order_by("pk")
    }
    assert states == {
        "郑海燕": TermState.SERVING, "冯立群": TermState.EXPIRING, "秦文博": TermState.EXPIRED,
        "钱国栋": TermState.ENDED, "许静怡": TermState.SERVING,
    }  # fmt: skip
    assert list(Feedback.objects.order_by("pk").values_list("status", flat=True)) == [
        "answered", "supervised", "received", "forwarded"
    ]  # fmt: skip
    complaint = Feedback.objects.get(status="forwarded").complaint
    assert (complaint.channel, complaint.agency.name) == ("supervisor", "东湖区交通运输局")
    assert Feedback.objects.get(status="supervised").supervision_item.agency.name == "东湖区生态环境局"
    results = selectors.satisfaction_by_agency(Region.objects.get(code="990100"), clocks.today().year)
    market = results[Agency.objects.get(name="东湖区市场监督管理局").pk]
    assert (market.satisfaction_rate, market.mean_score) == (Fraction(3, 4), Fraction(318, 4))
    client.force_login(User.objects.get(username="dh_jd"))
    page = html(client.get("/"))
    assert "答复反馈：涉企罚款裁量说明不充分" in page and "监督员冯立群任期即将到期" in page
    assert "许静怡" not in html(client.get("/social/supervisors/"))  # the city's, not the county's
    client.force_login(User.objects.get(username="dh_jgfz"))
    assert "75.00%" in html(client.get(f"/social/results/?year={clocks.today().year}"))
