"""突出问题 fixtures: 东区司法局's supervisor (region 东区), 东区市场监督管理局 with its head (自查, 整改), a third
agency of the same county with its own head, a neighbour county's supervisor; the problems clock set to
Friday 2026-03-06 (the working-day clock itself is real)."""

from datetime import date

import pytest

from tests.factories import AgencyFactory
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record
from zhifa.supervision.actions import clocks as action_clocks
from zhifa.supervision.models import (
    FollowUp,
    MonitoringDevice,
    Problem,
    ProblemList,
    RectificationTask,
    SupervisionItem,
    TaskFile,
    TaskReport,
)
from zhifa.supervision.problems import clocks, services

TODAY = date(2026, 3, 6)  # a Friday


class ProblemWrites(Writes):
    counted = (
        ProblemList,
        Problem,
        RectificationTask,
        TaskReport,
        TaskFile,
        FollowUp,
        MonitoringDevice,
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
def market(agencies):
    return agencies["east_market"]


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
def head(market, make_user):
    return make_user(market, RoleCode.AGENCY_HEAD, username="east_head", real_name="杨帆")


@pytest.fixture
def third_agency(city):
    return AgencyFactory(name="东区生态环境局", region=city["east"])


@pytest.fixture
def third_head(third_agency, make_user):
    return make_user(third_agency, RoleCode.AGENCY_HEAD, username="third_head")


@pytest.fixture
def problem(head, market):
    return services.problem_record(
        actor=head,
        data=services.ProblemInput(
            agency=market,
            category="fines",
            title="罚款金额随意",
            description="同类违法行为罚款金额悬殊，未说明裁量理由",
        ),
    )


@pytest.fixture
def task(problem, supervisor):
    return services.task_assign(
        actor=supervisor,
        problem=problem,
        measures="逐案说明裁量理由，组织裁量基准培训",
        due_on=date(2026, 3, 20),
    )


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def submitted(task, head):
    services.task_submit(
        actor=head, task=task, text="已完成整改", files=[services.Upload("整改报告.pdf", pdf_bytes())]
    )
    task.refresh_from_db()
    return task


@pytest.fixture
def device(head, market):
    return services.device_register(
        actor=head,
        agency=market,
        data=services.DeviceInput(
            name="东湖路口测速设备",
            location="东湖路与解放路交叉口",
            legal_basis="《道路交通安全法》第一百一十四条",
            approval_authority="东区人民政府",
            approval_number="东府〔2024〕3号",
            approved_on=date(2024, 5, 10),
            published=True,
        ),
    )


@pytest.fixture
def writes():
    return ProblemWrites


@pytest.fixture
def records_of():
    def of(subject) -> list[str]:
        return list(
            Record.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))
            .order_by("id")
            .values_list("action", flat=True)
        )

    return of
