"""The demo reaches the dashboards: 江州市's supervisor sees the city with both counties, its figures the
same as counted directly; 东湖区's supervisor and 杨帆 (机关负责人) theirs; every number is a link."""

import re

import pytest
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.cases.models import Case
from zhifa.core.models import Region

pytestmark = pytest.mark.django_db


def test_the_demo_dashboards(demo_db, client):
    today = timezone.localdate()
    city = Region.objects.get(name="江州市")
    client.force_login(User.objects.get(username="js_jd"))
    response = client.get("/stats/")
    assert response.status_code == 200
    board = response.context["board"]
    registered = Case.objects.filter(
        agency__region__path__startswith=city.path, registered_on__year=today.year, registered_on__lte=today
    )
    assert board.count("case_status") == registered.count() > 0
    names = [u["unit"].name for u in response.context["units"]]
    assert {"东湖区", "青山县"} <= set(names)
    page = response.content.decode()
    for _label, _value, url in response.context["headline"]:
        assert url in page.replace("&amp;", "&")
    # the county's dashboard from the city's drill-down
    county = next(u for u in response.context["units"] if u["unit"].name == "东湖区")
    assert client.get(county["url"]).status_code == 200
    client.force_login(User.objects.get(username="dh_jgfz"))
    own = client.get("/stats/")
    assert own.status_code == 200
    assert own.context["scope"].agency == User.objects.get(username="dh_jgfz").agency
    assert re.search(r"统计分析驾驶舱 · \S+", own.content.decode())
