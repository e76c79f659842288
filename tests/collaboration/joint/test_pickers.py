"""联合执法's 参与部门 picker searches the leading group's region remotely once it has more than a few
dozen agencies: the page renders only the chosen departments whatever their number; a department outside
the group's region is refused naming the field, and nothing is written."""

import re

import pytest

from tests.factories import AgencyFactory
from tests.helpers import html

from .conftest import JointWrites

pytestmark = pytest.mark.django_db

NEW = "/collaboration/joint/new/apply/"


def options(text: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', text, re.S)
    assert select, f"no select {name}"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def test_many_departments_render_no_option(settings, client, group, market_user, east):
    settings.ZHIFA_PICKER_PLAIN_MAX = 3
    for i in range(5):
        AgencyFactory(name=f"东区第{i}局", region=east)
    client.force_login(market_user)
    page = html(client.get(NEW))
    assert options(page, "agencies") == []
    assert f'data-remote-search="/api/agencies/search?region_code={east.code}"' in page
    for i in range(30):
        AgencyFactory(name=f"东区新{i}局", region=east)
    assert page.count("<option") == html(client.get(NEW)).count("<option")


def test_a_department_outside_the_region_is_refused(settings, client, group, market_user, agencies, zhang):
    settings.ZHIFA_PICKER_PLAIN_MAX = 0
    client.force_login(market_user)
    writes = JointWrites()
    response = client.post(NEW, {
        "title": "联合检查", "place": "某地", "starts_on": "2026-03-20", "ends_on": "2026-03-21",
        "agencies": [agencies["west_market"].pk], "officers": "张伟", "plan": "方案",
    })  # fmt: skip
    assert response.context["form"].errors["agencies"] == ["所选参与部门不在本级领导小组所辖区域内"]
    assert writes.none
