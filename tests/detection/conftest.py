"""线索中心 fixtures: 东区 with its justice bureau's supervisor, 东区市场监督管理局 (its head reads its
hits), 西县's market agency, the cases app's published catalogue, and `make_case` (a case made directly
with its decision: the cases app's own tests carry a case through its steps; here only the data the
models read matters). Runs use the immediate task backend."""

from datetime import date
from decimal import Decimal

import pytest

from tests.cases.conftest import catalogue  # noqa: F401 (a fixture)
from tests.factories import field
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.cases.choices import CaseStatus, DecisionKind, HandlerRole
from zhifa.cases.models import Case, CaseHandler, Decision
from zhifa.catalog.procedures import Procedure
from zhifa.detection.models import Hit, ParamSetting, Run

TODAY = date(2026, 6, 1)


class DetectionWrites(Writes):
    counted = (Hit, Run, ParamSetting)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(
        agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor", real_name="周敏"
    )


@pytest.fixture
def west_supervisor(agencies, make_user, city):
    from tests.factories import AgencyFactory

    west_justice = AgencyFactory(name="西县司法局", region=city["west"], kind="justice")
    return make_user(west_justice, RoleCode.SUPERVISOR, username="west_supervisor")


@pytest.fixture
def head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def west_head(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.AGENCY_HEAD, username="west_head")


@pytest.fixture
def item_of(catalogue):  # noqa: F811
    return lambda code="SCJG-CF-001": catalogue.items.get(code=code)


_serial = iter(range(1, 10_000))


@pytest.fixture
def make_case(catalogue, agencies):  # noqa: F811
    def make(
        agency=None,
        *,
        fine="5000",
        level="ordinary",
        low=None,
        high=None,
        deviation="",
        decided_on=date(2026, 4, 1),
        kind=DecisionKind.PENALTY,
        status=CaseStatus.CLOSED,
        party="91110101MA00000019",
        party_name="东区第一食品店",
        registered_on=date(2026, 3, 2),
        decision_due=date(2026, 5, 31),
        item="SCJG-CF-001",
        officers=(),
        decide=True,
    ):
        n = next(_serial)
        case = Case.objects.create(
            agency=agency or agencies["east_market"],
            number=f"东市监罚〔2026〕{n}号",
            procedure=Procedure.ORDINARY,
            source="inspection",
            status=status,
            summary="销售不符合食品安全标准的食品",
            discovered_on=date(2026, 3, 1),
            registered_on=registered_on,
            decision_due=decision_due,
            place="东区人民路1号",
            catalog_version=catalogue,
            field=field("market"),
            party_kind="organisation",
            party_name=party_name,
            party_credit_code=party,
        )
        case.items.add(catalogue.items.get(code=item))
        for officer, role in zip(officers, (HandlerRole.LEAD, HandlerRole.CO), strict=False):
            CaseHandler.objects.create(case=case, officer=officer, role=role)
        if decide:
            Decision.objects.create(
                case=case,
                kind=kind,
                fine=Decimal(fine) if fine is not None else None,
                level=level,
                recommended_min=Decimal(low) if low is not None else None,
                recommended_max=Decimal(high) if high is not None else None,
                deviation_reason=deviation,
                reasoning="说理",
                decided_on=decided_on,
            )
        return case

    return make
