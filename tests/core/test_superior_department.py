"""业务主管部门 (Agency.superior_department): the explicit link to the department of the same 系统 one level up,
read first by vertical oversight (counterparts_below) and 督办 (superior_of); the name is only the fallback
when the link is not entered."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import AgencyFactory, RegionFactory
from zhifa.core import services
from zhifa.core.models import Agency, Record
from zhifa.supervision.plans.services import superior_of

pytestmark = pytest.mark.django_db


def counterparts(agency) -> list[str]:
    return sorted(Agency.objects.counterparts_below(agency).values_list("name", flat=True))


@pytest.fixture
def city_market(city):
    return AgencyFactory(name="测试市市场监督管理局", region=city["city"])


@pytest.fixture
def city_ecology(city):
    return AgencyFactory(name="测试市生态环境局", region=city["city"])


def test_a_department_whose_name_does_not_follow_the_pattern_is_found_through_the_link(
    city, agencies, city_market
):
    odd = AgencyFactory(name="东区食品药品监督管理分局", region=city["east"])
    assert "东区食品药品监督管理分局" not in counterparts(city_market)
    assert superior_of(odd) is None
    odd = services.agency_update(actor=None, agency=odd, superior_department=city_market)
    assert counterparts(city_market) == [
        "东区市场监督管理局",
        "东区食品药品监督管理分局",
        "西县市场监督管理局",
    ]
    assert superior_of(odd) == city_market


def test_the_link_wins_over_the_name_so_another_system_is_not_found(
    city, agencies, city_market, city_ecology
):
    # named like a market department, but the 业务主管部门 entered is the city's 生态环境局
    west = services.agency_update(
        actor=None, agency=agencies["west_market"], superior_department=city_ecology
    )
    assert counterparts(city_market) == ["东区市场监督管理局"]
    assert counterparts(city_ecology) == ["西县市场监督管理局"]
    assert superior_of(west) == city_ecology
    assert superior_of(agencies["east_market"]) == city_market  # no link: the name still serves


def test_a_chain_of_links_reaches_from_the_province():
    province = RegionFactory(code="950000", name="测试省", level="province")
    city = RegionFactory(code="950100", name="甲市", level="city", parent=province)
    county = RegionFactory(code="950102", name="乙县", level="county", parent=city)
    provincial = AgencyFactory(name="测试省药品监督管理局", region=province)
    city_branch = AgencyFactory(
        name="测试省药品监督管理局甲市检查分局", region=city, superior_department=provincial
    )
    AgencyFactory(name="乙县药品稽查所", region=county, superior_department=city_branch)
    AgencyFactory(name="乙县市场监督管理局", region=county)
    assert counterparts(provincial) == ["乙县药品稽查所", "测试省药品监督管理局甲市检查分局"]


def test_a_superior_must_be_in_a_region_above(city, agencies, city_market):
    before = Record.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.agency_update(
            actor=None, agency=agencies["east_market"], superior_department=agencies["east_justice"]
        )
    assert refused.value.message_dict == {
        "superior_department": ["业务主管部门须为上级行政区划的部门（东区司法局属于东区，本机关属于东区）"]
    }
    with pytest.raises(ValidationError) as refused:
        services.agency_update(actor=None, agency=city_market, superior_department=agencies["west_market"])
    assert refused.value.message_dict == {
        "superior_department": [
            "业务主管部门须为上级行政区划的部门（西县市场监督管理局属于西县，本机关属于测试市）"
        ]
    }
    assert Record.objects.count() == before
    agencies["east_market"].refresh_from_db()
    assert agencies["east_market"].superior_department is None


def test_the_agency_page_and_the_api_show_it(client, agencies, city_market, make_user):
    from zhifa.accounts.choices import RoleCode

    services.agency_update(actor=None, agency=agencies["east_market"], superior_department=city_market)
    admin = make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sysadmin")
    client.force_login(admin)
    page = client.get(f"/org/agencies/{agencies['east_market'].pk}/").content.decode()
    assert '<td data-testid="superior-department">测试市市场监督管理局</td>' in page
    body = client.get(f"/api/agencies/{agencies['east_market'].pk}").json()
    assert body["superior_department_id"] == city_market.pk
