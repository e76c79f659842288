"""社会监督 fixtures: 东区司法局's supervisor (region 东区), 测试市司法局's (the whole city), a neighbour county's,
东区市场监督管理局 with its head (reads what concerns it), a serving 监督员 and 联系点 of 东区司法局; the clock set
to Friday 2026-03-06 (the working-day clock itself is real)."""

from datetime import date

import pytest

from tests.factories import AgencyFactory
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record
from zhifa.core.validators import credit_code_with_check
from zhifa.social import clocks
from zhifa.social.models import (
    ContactPoint,
    Feedback,
    FeedbackFile,
    Supervisor,
    SurveyCampaign,
    SurveyResponse,
)
from zhifa.social.services import contact_points, feedback, supervisors, surveys
from zhifa.supervision.actions import clocks as action_clocks
from zhifa.supervision.models import SupervisionItem

TODAY = date(2026, 3, 6)  # a Friday
CODE = credit_code_with_check("91970102MA0000301")


class SocialWrites(Writes):
    counted = (
        Supervisor,
        ContactPoint,
        Feedback,
        FeedbackFile,
        SurveyCampaign,
        SurveyResponse,
        SupervisionItem,
    )


@pytest.fixture(autouse=True)
def today(monkeypatch):
    def set_to(day: date) -> date:
        monkeypatch.setattr(clocks, "today", lambda: day)
        monkeypatch.setattr(action_clocks, "today", lambda: day)
        return day

    set_to(TODAY)
    return set_to


@pytest.fixture
def bureau(agencies):
    return agencies["east_justice"]


@pytest.fixture
def market(agencies):
    return agencies["east_market"]


@pytest.fixture
def supervisor(bureau, make_user):
    return make_user(bureau, RoleCode.SUPERVISOR, username="east_supervisor", real_name="周敏")


@pytest.fixture
def city_supervisor(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_supervisor")


@pytest.fixture
def west_supervisor(make_user, city):
    west_justice = AgencyFactory(name="西县司法局", region=city["west"], kind="justice")
    return make_user(west_justice, RoleCode.SUPERVISOR, username="west_supervisor")


@pytest.fixture
def head(market, make_user):
    return make_user(market, RoleCode.AGENCY_HEAD, username="east_head", real_name="杨帆")


@pytest.fixture
def west_head(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.AGENCY_HEAD, username="west_head")


def supervisor_input(**overrides) -> supervisors.SupervisorInput:
    values = dict(
        name="郑海燕", category="npc", unit="东区人大代表", phone="13905710021", fields_followed="市场监管",
        term_start=date(2025, 3, 1), term_end=date(2027, 2, 28),
    )  # fmt: skip
    values.update(overrides)
    return supervisors.SupervisorInput(**values)


def point_input(**overrides) -> contact_points.PointInput:
    values = dict(
        name="测试绿源食品有限公司", kind="enterprise", credit_code=CODE, address="东区兴业路8号",
        liaison="马晓东", liaison_phone="13405710076", term_start=date(2025, 3, 1), term_end=date(2027, 2, 28),
    )  # fmt: skip
    values.update(overrides)
    return contact_points.PointInput(**values)


@pytest.fixture
def member(supervisor, market):
    return supervisors.supervisor_appoint(actor=supervisor, data=supervisor_input(agencies=[market]))


@pytest.fixture
def point(supervisor, market):
    return contact_points.point_establish(actor=supervisor, data=point_input(agencies=[market]))


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def received(supervisor, member, market):
    return feedback.feedback_submit(
        actor=supervisor,
        data=feedback.FeedbackInput(
            agency=market, supervisor=member, title="检查时未出示执法证件", text="农贸市场检查时未亮证",
            received_on=date(2026, 3, 2), files=[feedback.Upload("照片说明.pdf", pdf_bytes())],
        ),
    )  # fmt: skip


@pytest.fixture
def campaign(supervisor, city):
    return surveys.survey_create(
        actor=supervisor,
        data=surveys.CampaignInput(
            region=city["east"], year=2026, title="2026年东区满意度测评", method="third_party",
            conducted_by="测试民意调查中心",
        ),
    )  # fmt: skip


@pytest.fixture
def writes():
    return SocialWrites


@pytest.fixture
def records_of():
    def of(subject) -> list[str]:
        return list(
            Record.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))
            .order_by("id")
            .values_list("action", flat=True)
        )

    return of
