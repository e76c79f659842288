"""The justice bureau's 工作台 item of the agencies below the equipment standard: one item for its region,
counted in one query, naming each agency short with its shortfall; an agency at or above its standard is
not in it, and another county's bureau does not see it."""

from decimal import Decimal

import pytest

from tests.equipment.conftest import device_input
from tests.factories import AgencyFactory, OfficerFactory
from zhifa.accounts.choices import RoleCode
from zhifa.equipment import selectors, services
from zhifa.equipment.choices import DeviceStatus
from zhifa.equipment.workbench import below_ratio

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(market, head, staff, supervisor, agencies, city, make_user):
    """东区市场监督管理局: 3 officers, 1 device in use (+1 in repair) → 2 short. 东区交通运输局: 5 officers on its
    own standard 0.5 → needs 3, has 1 → 2 short. 东区生态环境局: 2 officers, 2 devices → at the standard.
    西县市场监督管理局 (another county): 4 officers, none → below, but not 东区's."""
    services.device_register(actor=head, agency=market, data=device_input("D-1"))
    services.device_register(actor=head, agency=market, data=device_input("D-2", status=DeviceStatus.REPAIR))
    transport = AgencyFactory(name="东区交通运输局", region=city["east"])
    for n in range(5):
        OfficerFactory(agency=transport, name=f"交通{n}")
    transport_head = make_user(transport, RoleCode.AGENCY_HEAD, username="transport_head")
    services.device_register(actor=transport_head, agency=transport, data=device_input("T-1"))
    services.standard_set(actor=supervisor, agency=transport, ratio="0.5", basis="交通运输系统标准")
    ecology = AgencyFactory(name="东区生态环境局", region=city["east"])
    for n in range(2):
        OfficerFactory(agency=ecology, name=f"环境{n}")
    ecology_head = make_user(ecology, RoleCode.AGENCY_HEAD, username="ecology_head")
    for n in (1, 2):
        services.device_register(actor=ecology_head, agency=ecology, data=device_input(f"E-{n}"))
    for n in range(4):
        OfficerFactory(agency=agencies["west_market"], name=f"西县{n}")
    return transport, ecology


def test_the_bureau_sees_one_item_of_its_agencies_below_the_standard(
    region, supervisor, django_assert_num_queries
):
    supervisor.has_perm("equipment.manage_standard")  # the permissions, loaded once per request
    with django_assert_num_queries(1):  # the agencies below, with their figures: one query
        (item,) = below_ratio(supervisor)
    assert (item.category, item.title, item.url, item.note, item.due, item.overdue) == (
        "音像记录设备",
        "2个机关的音像记录设备低于配备标准，共缺4台",
        "/equipment/ratios/?below=1",
        "东区交通运输局缺2台、东区市场监督管理局缺2台",
        None,
        False,
    )


def test_the_rows_carry_the_figures_of_the_ratio_page(region, supervisor, market):
    transport, _ecology = region
    rows = {row.agency.name: row for row in selectors.agencies_below(supervisor)}
    assert sorted(rows) == ["东区交通运输局", "东区市场监督管理局"]
    got = [
        (r.officers, r.devices, r.held, r.ratio, r.own_standard, r.required, r.shortfall)
        for r in rows.values()
    ]
    assert sorted(got) == [
        (3, 1, 0, Decimal("1"), False, 3, 2),
        (5, 1, 0, Decimal("0.5"), True, 3, 2),
    ]
    full = selectors.equipment_by_agency([market, transport])
    assert (full[market.pk].shortfall, full[transport.pk].shortfall) == (2, 2)


def test_an_agency_reaching_its_standard_leaves_the_item(region, supervisor, market, head):
    for n in (3, 4):
        services.device_register(actor=head, agency=market, data=device_input(f"D-{n}"))
    (item,) = below_ratio(supervisor)
    assert (item.title, item.note) == ("1个机关的音像记录设备低于配备标准，共缺2台", "东区交通运输局缺2台")


def test_a_product_that_is_a_whole_number_is_not_short(market, head, staff, supervisor):
    """3 officers × 0.7 = 2.1 → 3 needed; × 0.67 = 2.01 → 3; a standard of 1/3 written 0.34 → 1.02 → 2."""
    for n in (1, 2):
        services.device_register(actor=head, agency=market, data=device_input(f"D-{n}"))
    for ratio, short in (("0.66", 0), ("0.67", 1), ("0.7", 1), ("0.33", 0)):
        services.standard_set(actor=supervisor, agency=market, ratio=ratio, basis="")
        assert [r.shortfall for r in selectors.agencies_below(supervisor)] == ([short] if short else []), (
            ratio
        )


def test_another_countys_bureau_and_the_departments_see_no_item(region, agencies, city, head, make_user):
    west_bureau = make_user(
        AgencyFactory(name="西县司法局", region=city["west"], kind="justice"),
        RoleCode.SUPERVISOR,
        username="west_sv",
    )
    (item,) = below_ratio(west_bureau)
    assert (item.title, item.note) == (
        "1个机关的音像记录设备低于配备标准，共缺4台",
        "西县市场监督管理局缺4台",
    )
    assert below_ratio(head) == []  # the department keeps its register; the item is the bureau's
