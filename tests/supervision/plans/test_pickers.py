"""A plan task's 报送单位 picker searches the plan agency's region remotely once it has more than a few
dozen agencies: the plan page renders only the chosen ones whatever their number; an agency outside the
region is refused naming the field, and nothing is written."""

import re

import pytest

from tests.factories import AgencyFactory
from tests.helpers import html
from tests.supervision.plans.helpers import Wrote

pytestmark = pytest.mark.django_db


def options(text: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', text, re.S)
    assert select, f"no select {name}"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def test_many_agencies_render_no_option(settings, client, east_plan, sv, city):
    settings.ZHIFA_PICKER_PLAIN_MAX = 2
    client.force_login(sv["east_sup"])
    page = html(client.get(f"/supervision/plans/{east_plan.pk}/"))
    assert options(page, "targets") == []
    assert f'data-remote-search="/api/agencies/search?region_code={city["east"].code}"' in page
    for i in range(30):
        AgencyFactory(name=f"东区第{i}局", region=city["east"])
    assert page.count("<option") == html(client.get(f"/supervision/plans/{east_plan.pk}/")).count("<option")


def test_an_agency_outside_the_region_is_refused(settings, client, east_plan, sv):
    settings.ZHIFA_PICKER_PLAIN_MAX = 0
    client.force_login(sv["east_sup"])
    wrote = Wrote()
    response = client.post(
        f"/supervision/plans/{east_plan.pk}/tasks/",
        {"title": "检查", "kind": "key", "owner": "监督科", "due": "2026-12-30",
         "targets": [sv["agencies"]["west_market"].pk]},
    )  # fmt: skip
    assert response.context["task_form"].errors["targets"] == ["所选报送单位不在本计划制定机关所辖区域内"]
    assert wrote.none
