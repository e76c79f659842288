"""监督事项 fixtures: 东区司法局's supervisor (region 东区), 测试市司法局's (the whole city), the supervised
东区市场监督管理局 with its head (who answers), a third agency of the same county with its own head, a
neighbour county's agency; a case of 东区市场监督管理局; and the supervision clock set to Friday 2026-03-06."""

from datetime import date

import pytest

from tests.cases.conftest import catalogue, handler_user, new_case, officers  # noqa: F401
from tests.factories import AgencyFactory
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record
from zhifa.supervision.actions import clocks, services
from zhifa.supervision.actions.choices import Grade, SupervisionKind, TargetKind
from zhifa.supervision.models import Escalation, Finding, Instrument, Reply, ReplyFile, SupervisionItem

TODAY = date(2026, 3, 6)  # a Friday


class SupervisionWrites(Writes):
    counted = (SupervisionItem, Finding, Instrument, Reply, ReplyFile, Escalation)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The supervision clock's today (the working-day clock itself is real)."""

    def set_to(day: date) -> date:
        monkeypatch.setattr(clocks, "today", lambda: day)
        return day

    set_to(TODAY)
    return set_to


@pytest.fixture
def bureau(agencies):
    bureau = agencies["east_justice"]
    bureau.short_name = "东司"
    bureau.save()
    return bureau


@pytest.fixture
def supervisor(bureau, make_user):
    return make_user(bureau, RoleCode.SUPERVISOR, username="east_supervisor", real_name="周敏")


@pytest.fixture
def city_supervisor(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_supervisor")


@pytest.fixture
def west_supervisor(agencies, make_user, city):
    west_justice = AgencyFactory(name="西县司法局", region=city["west"], kind="justice")
    return make_user(west_justice, RoleCode.SUPERVISOR, username="west_supervisor")


@pytest.fixture
def head(agencies, make_user):
    """The supervised agency's head: answers for it."""
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head", real_name="杨帆")


@pytest.fixture
def third_agency(city):
    return AgencyFactory(name="东区生态环境局", region=city["east"])


@pytest.fixture
def third_head(third_agency, make_user):
    return make_user(third_agency, RoleCode.AGENCY_HEAD, username="third_head")


@pytest.fixture
def item(supervisor, agencies, bureau):
    (made,) = services.item_open(
        actor=supervisor,
        data=services.OpenInput(
            kind=SupervisionKind.KEY,
            target_kind=TargetKind.AGENCY,
            title="乱罚款问题重点监督",
            agencies=[agencies["east_market"]],
            category="fines",
            reason="群众投诉反映罚款随意",
        ),
    )
    return made


@pytest.fixture
def finding(item, supervisor):
    return services.finding_add(actor=supervisor, item=item, text="对同类违法行为罚款金额悬殊，未说明理由")


@pytest.fixture
def notice(item, finding, supervisor):
    return services.instrument_issue(
        actor=supervisor,
        item=item,
        grade=Grade.NOTICE,
        requirements="请逐案说明罚款金额的裁量理由，并规范裁量基准的适用",
        finding_ids=[finding.pk],
    )


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def replied(item, notice, head):
    services.reply_submit(
        actor=head,
        item=item,
        text="已逐案说明裁量理由，并组织全局培训",
        files=[services.Upload("整改报告.pdf", pdf_bytes())],
    )
    item.refresh_from_db()
    return item


@pytest.fixture
def writes():
    return SupervisionWrites


@pytest.fixture
def records_of():
    def of(item) -> list[str]:
        return list(
            Record.objects.filter(subject_type="supervision.supervisionitem", subject_id=str(item.pk))
            .order_by("id")
            .values_list("action", flat=True)
        )

    return of
