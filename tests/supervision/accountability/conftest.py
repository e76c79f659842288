"""责任追究 fixtures: 东区司法局's supervisor (region 东区), a neighbour county's supervisor, 东区市场监督管理局
with two certified officers (张伟 the one held responsible, 李娜) and its head, 西县市场监督管理局 with a
certified officer of its own; the accountability clock set to Friday 2026-03-06."""

from datetime import date

import pytest
from factory.django import DjangoModelFactory

from tests.cases.conftest import catalogue, certified, handler_user, new_case, officers  # noqa: F401
from tests.factories import AgencyFactory
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.cases.models import Challenge
from zhifa.core.models import Record
from zhifa.supervision.accountability import clocks, services
from zhifa.supervision.accountability.choices import SourceKind
from zhifa.supervision.models import AccountabilityCase

TODAY = date(2026, 3, 6)  # a Friday


class AccountabilityWrites(Writes):
    counted = (AccountabilityCase, AccountabilityCase.certificates.through)


class ChallengeFactory(DjangoModelFactory):
    """A 行政复议 or 行政诉讼 against a case's decision, with its outcome."""

    class Meta:
        model = Challenge

    kind = "reconsideration"
    organ = "测试市人民政府"
    filed_on = date(2026, 1, 10)
    outcome = "revoked"
    concluded_on = date(2026, 2, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    def set_to(day: date) -> date:
        monkeypatch.setattr(clocks, "today", lambda: day)
        return day

    set_to(TODAY)
    return set_to


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(
        agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor", real_name="周敏"
    )


@pytest.fixture
def west_supervisor(agencies, make_user, city):
    west_justice = AgencyFactory(name="西县司法局", region=city["west"], kind="justice")
    return make_user(west_justice, RoleCode.SUPERVISOR, username="west_supervisor")


@pytest.fixture
def zhang(officers):  # noqa: F811 (the cases fixture)
    return officers[0]


@pytest.fixture
def li(officers):  # noqa: F811 (the cases fixture)
    return officers[1]


@pytest.fixture
def west_officer(agencies):
    return certified(agencies["west_market"], "王强")


@pytest.fixture
def head(agencies, make_user):
    """东区市场监督管理局's head: sees its officers' proceedings, acts on none."""
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def west_head(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.AGENCY_HEAD, username="west_head")


def complaint(*people, facts="执法检查中未出示执法证件，态度粗暴") -> services.OpenInput:
    return services.OpenInput(
        source_kind=SourceKind.COMPLAINT,
        officers=people,
        source_text="群众来信反映执法人员态度粗暴",
        source_reference="投诉〔2026〕3号",
        facts=facts,
    )


@pytest.fixture
def proceeding(supervisor, zhang):
    (made,) = services.proceeding_open(actor=supervisor, data=complaint(zhang))
    return made


@pytest.fixture
def heard(proceeding, supervisor):
    services.proceeding_investigate(
        actor=supervisor, proceeding=proceeding, investigation="调取执法记录仪视频，情况属实"
    )
    services.proceeding_notify(
        actor=supervisor, proceeding=proceeding, notice="拟收回执法证，可于五个工作日内陈述申辩"
    )
    services.proceeding_hear(actor=supervisor, proceeding=proceeding, statement="对事实无异议")
    proceeding.refresh_from_db()
    return proceeding


@pytest.fixture
def writes():
    return AccountabilityWrites


@pytest.fixture
def records_of():
    def of(proceeding) -> list[str]:
        return list(
            Record.objects.filter(
                subject_type="supervision.accountabilitycase", subject_id=str(proceeding.pk)
            )
            .order_by("id")
            .values_list("action", flat=True)
        )

    return of
