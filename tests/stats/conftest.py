"""报送 fixtures: 东区 with its 市场监督管理局 (the cases fixtures' agency, with one registered case and one
penalty of 70,000 yuan in 2026 Q1), 东区综合行政执法局, 东区司法局 (the receiving bureau) and 测试市司法局 above it;
西县市场监督管理局 is another county's; the 报送 clock set to Wednesday 2026-04-01."""

from datetime import date
from decimal import Decimal

import pytest

from tests.cases.conftest import catalogue, certified, handler_user, leader, new_case, officers, registered  # noqa: F401
from tests.factories import AgencyFactory
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.cases.models import Case, Decision
from zhifa.core.models import Record
from zhifa.stats.models import ReportRound, Submission
from zhifa.stats.reports import clocks, services

TODAY = date(2026, 4, 1)  # a Wednesday


class ReportWrites(Writes):
    counted = (ReportRound, Submission)

    def state(self) -> tuple:
        rows = tuple(
            Submission.objects.values_list("pk", "status", "figures", "note", "due_on").order_by("pk")
        )
        return (*super().state(), rows, Record.objects.count())


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
def cases_q1(registered):  # noqa: F811 — the cases fixture
    """东区市场监督管理局: the registered case (立案 2026-03-02) decided with a fine of 70,000 yuan on 03-20, and a
    second case decided 不予行政处罚 on 03-25; a fine of 10,000 decided in April does not count in Q1."""
    Decision.objects.create(case=registered, kind="penalty", fine=Decimal("70000"), reasoning="依法处罚",
                            decided_on=date(2026, 3, 20), measures=["fine"])  # fmt: skip

    def copy(**fields) -> Case:
        return Case.objects.create(
            agency=registered.agency, procedure=registered.procedure, source=registered.source, summary="另案",
            discovered_on=date(2026, 1, 5), place="东区", catalog_version=registered.catalog_version,
            field=registered.field, party_kind=registered.party_kind, party_name="某店", **fields,
        )  # fmt: skip

    Decision.objects.create(case=copy(registered_on=date(2026, 2, 2)), kind="no_penalty", reasoning="轻微",
                            decided_on=date(2026, 3, 25))  # fmt: skip
    Decision.objects.create(case=copy(registered_on=date(2025, 12, 30)), kind="penalty", fine=Decimal("10000"),
                            reasoning="依法处罚", decided_on=date(2026, 4, 1), measures=["fine"])  # fmt: skip
    return registered


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_jd", real_name="周敏")


@pytest.fixture
def city_supervisor(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_jd", real_name="吴刚")


@pytest.fixture
def market_head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="market_head", real_name="杨帆")


@pytest.fixture
def urban_head(urban, make_user):
    return make_user(urban, RoleCode.AGENCY_HEAD, username="urban_head", real_name="梁超")


@pytest.fixture
def west_head(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.AGENCY_HEAD, username="west_head")


@pytest.fixture
def quarter(agencies, urban, supervisor):
    """东区司法局's 2026年第一季度 季度执法数据 round."""
    return services.round_issue(
        actor=supervisor, bureau=agencies["east_justice"], data=services.RoundInput("quarterly", "2026-Q1")
    )


def sub(round_, agency) -> Submission:
    return Submission.objects.select_related("round", "agency").get(round=round_, agency=agency)
