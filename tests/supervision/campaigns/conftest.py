"""案卷评查 fixtures: a county (东区) with a justice bureau, two departments with closed case files made
directly (the cases app's own tests carry a case through its steps; here only the closed file matters),
and reviewers of each department and of the bureau."""

from datetime import date
from decimal import Decimal

import pytest

from tests.cases.conftest import catalogue  # noqa: F401 (a fixture)
from tests.factories import AgencyFactory, CertificateFactory, OfficerFactory, field
from zhifa.accounts.choices import RoleCode
from zhifa.cases.choices import CaseStatus, DecisionKind, HandlerRole
from zhifa.cases.models import Case, CaseHandler, Decision
from zhifa.catalog.procedures import Procedure
from zhifa.supervision.campaigns import services

YEAR = 2026


@pytest.fixture
def east(agencies, city):
    """东区's agencies: the 司法局 and two departments."""
    return {
        "justice": agencies["east_justice"],
        "market": agencies["east_market"],
        "ecology": AgencyFactory(name="东区生态环境局", region=city["east"]),
    }


@pytest.fixture
def version(catalogue):  # noqa: F811 (the imported fixture)
    """A published catalogue version the test cases point to (only the FK matters here)."""
    return catalogue


def make_closed(
    agency, version, n, *, year=YEAR, status=CaseStatus.CLOSED, prefix="", officers=None, **decision
):
    """`n` closed files of `agency`, numbered 〔year〕1号 … n号, decided in `year`."""
    cases = []
    for i in range(1, n + 1):
        case = Case.objects.create(
            agency=agency,
            number=f"{prefix or agency.short_name}罚〔{year}〕{i}号",
            procedure=Procedure.ORDINARY,
            source="inspection",
            status=status,
            summary="销售不符合食品安全标准的食品",
            discovered_on=date(year, 3, 1),
            registered_on=date(year, 3, 2),
            decision_due=date(year, 5, 31),
            place="东区人民路1号",
            catalog_version=version,
            field=field("market"),
            party_kind="organisation",
            party_name=f"东区第{i}食品店",
            party_credit_code="91110101MA00000019",
        )
        for officer, role in zip(officers or [], (HandlerRole.LEAD, HandlerRole.CO), strict=False):
            CaseHandler.objects.create(case=case, officer=officer, role=role)
        Decision.objects.create(
            case=case,
            kind=DecisionKind.PENALTY,
            fine=Decimal("5000"),
            reasoning="说理",
            decided_on=date(year, 4, 1),
            **decision,
        )
        cases.append(case)
    return cases


@pytest.fixture
def certified(east):
    pair = [OfficerFactory(agency=east["market"], name=name) for name in ("张伟", "李娜")]
    for officer in pair:
        CertificateFactory(officer=officer, issued_on=date(2025, 1, 1), expires_on=date(2030, 1, 1))
    return pair


@pytest.fixture
def supervisor(east, make_user):
    return make_user(east["justice"], RoleCode.SUPERVISOR, username="east_supervisor", real_name="周敏")


@pytest.fixture
def reviewers(east, make_user):
    return {
        "market": make_user(
            east["market"], RoleCode.LEGAL_REVIEWER, username="market_reviewer", real_name="陈静"
        ),
        "ecology": make_user(
            east["ecology"], RoleCode.LEGAL_REVIEWER, username="ecology_reviewer", real_name="林涛"
        ),
    }


@pytest.fixture
def campaign(east, supervisor):
    return services.campaign_create(
        actor=supervisor, agency=east["justice"], title="2026年度行政执法案卷评查", year=YEAR
    )


@pytest.fixture
def drawn(campaign, east, version, certified, supervisor):
    """A campaign drawn over 12 closed files of 市场监管 and 3 of 生态环境."""
    make_closed(east["market"], version, 12, officers=certified)
    make_closed(east["ecology"], version, 3)
    services.campaign_commit(actor=supervisor, campaign=campaign, per_agency=10)
    return services.campaign_draw(actor=supervisor, campaign=campaign)
