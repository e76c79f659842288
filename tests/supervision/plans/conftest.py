"""Fixtures of 监督计划、工作台账与督办: the shared city (测试市 with 东区 and 西县) plus a 东区生态环境局 and a
city-level market regulator (the superior department of 东区市场监督管理局), the users of each side, and a
clock held at 2026-03-02 (a Monday) that a test may move on."""

from datetime import date

import pytest

from tests.cases.conftest import catalogue, handler_user, intake, officers  # noqa: F401
from tests.factories import AgencyFactory
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services as case_services
from zhifa.supervision.plans import services

TODAY = date(2026, 3, 2)


class Clock:
    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.set(TODAY)

    def set(self, day: date) -> None:
        self.today = day
        self.monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def sv(agencies, city, make_user, clock):
    """The agencies and users of the supervision side and the supervised side."""
    agencies["east_env"] = AgencyFactory(name="东区生态环境局", region=city["east"])
    agencies["city_market"] = AgencyFactory(name="测试市市场监督管理局", region=city["city"])
    return {
        "agencies": agencies,
        "east_sup": make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_sup"),
        "city_sup": make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_sup"),
        "east_head": make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head"),
        "env_head": make_user(agencies["east_env"], RoleCode.AGENCY_HEAD, username="env_head"),
        "west_head": make_user(agencies["west_market"], RoleCode.AGENCY_HEAD, username="west_head"),
        "city_market_head": make_user(agencies["city_market"], RoleCode.AGENCY_HEAD, username="city_mk_head"),
        "east_officer": make_user(agencies["east_market"], RoleCode.OFFICER, username="east_off"),
    }


@pytest.fixture
def east_plan(sv):
    """东区司法局's 2026 plan with the seeds' milestones, not yet published."""
    return services.plan_create(
        actor=sv["east_sup"], agency=sv["agencies"]["east_justice"], year=2026, title="东区2026年度监督计划"
    )


@pytest.fixture
def published(east_plan, sv):
    return services.plan_publish(actor=sv["east_sup"], plan=east_plan)


@pytest.fixture
def case(sv, catalogue, handler_user):  # noqa: F811
    return case_services.case_intake(actor=handler_user, agency=sv["agencies"]["east_market"], data=intake())


@pytest.fixture
def oversight(sv):
    return services.oversight_open(
        actor=sv["east_sup"],
        agency=sv["agencies"]["east_market"],
        title="某商户被反复投诉",
        ground="repeated",
        description="查明事实，依法处理",
    )
