"""督办 and 限期整改 periods per region (supervision.regional): the nearest region up the tree that names a
period wins, else the setting for every region, else the documented default (15 and 10 working days)."""

from datetime import date

import pytest

from zhifa.supervision.actions import clocks as action_clocks
from zhifa.supervision.plans import clocks, services
from zhifa.supervision.plans.forms import OversightOpenForm

pytestmark = pytest.mark.django_db


def open_for(sv, agency_key: str):
    return services.oversight_open(
        actor=sv["city_sup"] if agency_key == "west_market" else sv["east_sup"],
        agency=sv["agencies"][agency_key],
        title="重复检查督办",
        ground="repeated",
        description="查明事实，依法处理",
    )


def test_the_default_is_fifteen_working_days(sv):
    assert open_for(sv, "east_market").due == date(2026, 3, 23)  # Monday 3-2 + 15 working days


def test_the_nearest_region_up_the_tree_wins(sv, city, settings):
    settings.ZHIFA_OVERSIGHT_WORKDAYS_BY_REGION = {city["city"].code: 5, city["east"].code: 3}
    settings.ZHIFA_OVERSIGHT_WORKDAYS = 20
    assert open_for(sv, "east_market").due == date(2026, 3, 5)  # 东区's own 3
    assert open_for(sv, "west_market").due == date(2026, 3, 9)  # 西县 has none: the city's 5
    assert clocks.oversight_workdays(None) == 20  # a region none names, or none at all


def test_the_form_tells_the_period_of_the_region(sv, city, settings):
    settings.ZHIFA_OVERSIGHT_WORKDAYS_BY_REGION = {city["east"].code: 8}
    form = OversightOpenForm(actor=sv["east_sup"])
    assert form.fields["due"].help_text == (
        "不填则为督办之日起8个工作日（各地可另行设置）；遇休息日顺延至下一个工作日"
    )


def test_the_deadline_of_a_rectification_order_per_region(city, settings):
    assert action_clocks.deadline_workdays(city["east"]) == 10
    settings.ZHIFA_SUPERVISION_DEADLINE_WORKDAYS_BY_REGION = {city["city"].code: 7}
    assert action_clocks.deadline_workdays(city["east"]) == 7
    settings.ZHIFA_SUPERVISION_DEADLINE_WORKDAYS_BY_REGION = {}
    settings.ZHIFA_SUPERVISION_DEADLINE_WORKDAYS = 12
    assert action_clocks.deadline_workdays(city["east"]) == 12
