"""驾驶舱 fixtures: the test city (测试市 with 东区 and 西县), a supervisor at each level, 东区市场监督管理局's
head, and cases made directly with their decisions (tests.detection's `make_case`): 东区 three cases
registered in 2026 (two fined 5,000 and 1,234,567.89 yuan, one under investigation) and one in 2025;
西县 one fined 200 yuan."""

from datetime import date

import pytest

from tests.cases.conftest import catalogue  # noqa: F401 (a fixture)
from tests.detection.conftest import make_case  # noqa: F401 (a fixture)
from zhifa.accounts.choices import RoleCode
from zhifa.cases.choices import CaseStatus
from zhifa.stats.ontime import Period

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))
QUERY = {"start": "2026-01-01", "end": "2026-06-30"}


@pytest.fixture
def data(make_case, agencies):  # noqa: F811
    east, west = agencies["east_market"], agencies["west_market"]
    return {
        "fined": make_case(east, fine="5000", decided_on=date(2026, 4, 1)),
        "big": make_case(
            east, fine="1234567.89", decided_on=date(2026, 5, 20), registered_on=date(2026, 5, 1)
        ),
        "open": make_case(
            east, status=CaseStatus.INVESTIGATING, decide=False, registered_on=date(2026, 2, 3)
        ),
        "old": make_case(east, fine="999", registered_on=date(2025, 12, 1), decided_on=date(2025, 12, 20)),
        "west": make_case(west, fine="200", party_name="西县小店"),
    }


@pytest.fixture
def city_supervisor(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_supervisor")


@pytest.fixture
def east_supervisor(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def east_head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")
