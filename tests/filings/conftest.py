import pytest

from tests.factories import AgencyFactory
from zhifa.accounts.choices import RoleCode


@pytest.fixture
def people(agencies, city, make_user):
    """东区市场监督管理局's head files; 东区司法局's supervisor examines; 西县司法局's sees none of it."""
    west_justice = AgencyFactory(name="西县司法局", region=city["west"], kind="justice")
    return {
        "head": make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head"),
        "bureau": make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_sv"),
        "other_bureau": make_user(west_justice, RoleCode.SUPERVISOR, username="west_sv"),
    }
