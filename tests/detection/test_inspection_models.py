"""重复检查、检查频次过高 and 异地趋利执法 over seeded inspections: the exact hits."""

from datetime import date

import pytest

from zhifa.inspections.models import Inspection, Subject

from .test_models import hits


@pytest.fixture
def shop(agencies, city):
    return Subject.objects.create(
        agency=agencies["east_market"],
        kind="organisation",
        name="东区第一食品店",
        code="S1",
        region=city["east"],
    )


@pytest.fixture
def other_shop(agencies, city):
    return Subject.objects.create(
        agency=agencies["east_market"],
        kind="organisation",
        name="东区第二食品店",
        code="S2",
        region=city["east"],
        yearly_cap=5,
    )


@pytest.fixture
def inspect(supervisor):
    def make(agency, subject, on, case=None):
        return Inspection.objects.create(
            agency=agency,
            subject=subject,
            subject_code=subject.code,
            started_on=on,
            started_by=supervisor,
            case=case,
        )

    return make


@pytest.mark.django_db
def test_repeat_inspection_by_another_department_within_30_days(agencies, shop, other_shop, inspect, city):
    from tests.factories import AgencyFactory

    ecology = AgencyFactory(name="东区生态环境局", region=city["east"])
    inspect(agencies["east_market"], shop, date(2026, 5, 1))
    repeat = inspect(ecology, shop, date(2026, 5, 20))
    inspect(agencies["east_market"], shop, date(2026, 5, 25))  # the same department again: the other model's
    inspect(agencies["east_market"], other_shop, date(2026, 3, 1))
    inspect(ecology, other_shop, date(2026, 4, 15))  # 45 days later
    found = hits("repeat_inspection")
    assert set(found) == {f"inspection:{repeat.pk}", f"inspection:{repeat.pk + 1}"}
    assert found[f"inspection:{repeat.pk}"].reason == (
        "东区生态环境局于2026-05-20检查东区第一食品店，此前30日内已有其他部门检查过该企业"
    )


@pytest.mark.django_db
def test_over_cap(agencies, shop, other_shop, inspect, settings):
    settings.ZHIFA_ENTERPRISE_YEARLY_CAP = 2
    for month in (2, 5, 8):
        inspect(agencies["east_market"], shop, date(2026, month, 1))
    for month in (2, 5, 8):
        inspect(agencies["east_market"], other_shop, date(2026, month, 1))  # its own cap is 5
    inspect(agencies["east_market"], shop, date(2025, 6, 1))
    found = hits("over_cap")
    key = f"subject:{shop.pk}:year:2026"
    assert set(found) == {key}
    assert found[key].reason == "东区第一食品店在2026年被1个部门检查3次，超过每年2次的上限"


@pytest.mark.django_db
def test_profit_remote_fine(agencies, city, inspect, make_case):
    from tests.factories import RegionFactory

    elsewhere = RegionFactory(code="970200", name="邻市", level="city")
    far_shop = Subject.objects.create(
        agency=agencies["east_market"], kind="organisation", name="邻市食品店", code="S9", region=elsewhere
    )
    near_shop = Subject.objects.create(
        agency=agencies["east_market"], kind="organisation", name="东区食品店", code="S8", region=city["east"]
    )
    remote = make_case(fine="3000")
    local = make_case(fine="3000")
    inspect(agencies["east_market"], far_shop, date(2026, 3, 1), case=remote)
    inspect(agencies["east_market"], near_shop, date(2026, 3, 1), case=local)
    found = hits("profit")
    assert set(found) == {f"case:{remote.pk}:remote"}
    assert (
        found[f"case:{remote.pk}:remote"].reason
        == "东区市场监督管理局对所在区划以外的企业检查后罚款¥3,000.00，存在异地趋利执法之嫌"
    )
