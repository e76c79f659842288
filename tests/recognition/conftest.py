"""表彰奖励 fixtures: 东区市场监督管理局 with its head and an officer, 西县's head, 东区司法局's supervisor."""

from datetime import date

import pytest

from tests.factories import OfficerFactory
from zhifa.accounts.choices import RoleCode
from zhifa.recognition import services

TODAY = date(2026, 6, 10)


@pytest.fixture
def market(agencies):
    return agencies["east_market"]


@pytest.fixture
def head(market, make_user):
    return make_user(market, RoleCode.AGENCY_HEAD, username="east_head", real_name="杨帆")


@pytest.fixture
def clerk(market, make_user):
    return make_user(market, RoleCode.OFFICER, username="east_clerk")


@pytest.fixture
def west_head(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.AGENCY_HEAD, username="west_head")


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def li_na(market):
    return OfficerFactory(agency=market, name="李娜")


def award_input(**overrides) -> services.AwardInput:
    values = dict(
        awardee_kind="officer", kind="commendation", level="county", granted_by="东区人民政府",
        granted_on=date(2026, 1, 10), reason="查办过期食品翻新销售案件表现突出", document_number="东政发〔2026〕3号",
    )  # fmt: skip
    values.update(overrides)
    return services.AwardInput(**values)


@pytest.fixture
def award(head, li_na):
    return services.award_record(actor=head, data=award_input(officer=li_na), today=TODAY)
