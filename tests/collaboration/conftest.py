"""协同 (抄告, 协助, 行刑衔接) fixtures: 东区 with its 市场监督管理局 (a business department, the cases fixtures'
agency), 东区综合行政执法局 (AgencyKind.COMPREHENSIVE), 东区交通运输局 (a third agency), 西县交通运输局 (another
county); users of each; the 协同 clock set to Friday 2026-03-06."""

from datetime import date

import pytest

from tests.cases.conftest import catalogue, certified, handler_user, leader, new_case, officers, registered  # noqa: F401
from tests.factories import AgencyFactory
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.collaboration.models import AssistanceRequest, Notice, Referral, SharingEntry
from zhifa.collaboration.notices import clocks

TODAY = date(2026, 3, 6)  # a Friday


class HandoffWrites(Writes):
    counted = (Notice, SharingEntry, AssistanceRequest, Referral)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    def set_to(day: date) -> date:
        monkeypatch.setattr(clocks, "today", lambda: day)
        return day

    set_to(TODAY)
    return set_to


@pytest.fixture
def urban(agencies, city):
    return AgencyFactory(name="东区综合行政执法局", region=city["east"], kind="comprehensive")


@pytest.fixture
def transport(agencies, city):
    return AgencyFactory(name="东区交通运输局", region=city["east"])


@pytest.fixture
def west_transport(agencies, city):
    return AgencyFactory(name="西县交通运输局", region=city["west"])


@pytest.fixture
def clerk(agencies, make_user):
    """An officer of 东区市场监督管理局 (the business department)."""
    return make_user(agencies["east_market"], RoleCode.OFFICER, username="market_clerk", real_name="王敏")


@pytest.fixture
def urban_officer(urban, make_user):
    return make_user(urban, RoleCode.OFFICER, username="urban_officer", real_name="梁超")


@pytest.fixture
def transport_officer(transport, make_user):
    return make_user(transport, RoleCode.OFFICER, username="transport_officer", real_name="高峰")


@pytest.fixture
def west_officer(west_transport, make_user):
    return make_user(west_transport, RoleCode.OFFICER, username="west_transport_officer")


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(
        agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor", real_name="周敏"
    )
