"""联合执法 fixtures in 东区 of 测试市: the leading group (office 东区综合行政执法局, leader 王建国), the departments
东区市场监督管理局 (catalogue of tests.cases: SCJG-CF-001/003/004 …), 东区生态环境局 (STHJ-CF-001 and also
SCJG-CF-004: two departments competent, the office decides) and 东区交通运输局 (JTYS-CF-001, never a
participant: the hand-over), each with a certified officer's account; 东区司法局's supervisor; and the joint
clocks set to Friday 2026-03-06."""

from datetime import date

import pytest

from tests.cases.conftest import DISPLAY_BASIS, catalogue, certified, handler_user, link, officers  # noqa: F401
from tests.catalog.conftest import item_fields
from tests.factories import AgencyFactory
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import services as catalog
from zhifa.collaboration.joint import clocks, services
from zhifa.collaboration.meetings import clocks as meeting_clocks
from zhifa.collaboration.models import (
    ActionTask,
    Finding,
    FindingShare,
    GroupMember,
    Handover,
    JointAction,
    LeadingGroup,
    Liaison,
    Meeting,
    MeetingDecision,
    Participant,
)
from zhifa.collaboration.organisation import services as organisation
from zhifa.collaboration.organisation.choices import MemberRole

TODAY = date(2026, 3, 6)  # a Friday


class JointWrites(Writes):
    counted = (
        JointAction, Participant, ActionTask, Finding, FindingShare, Handover, LeadingGroup, GroupMember,
        Liaison, Meeting, MeetingDecision,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def today(monkeypatch):
    def set_to(day: date) -> date:
        monkeypatch.setattr(clocks, "today", lambda: day)
        monkeypatch.setattr(meeting_clocks, "today", lambda: day)
        return day

    set_to(TODAY)
    return set_to


def publish(agency, *codes):
    draft = catalog.draft_open(actor=None, agency=agency)
    for code in codes:
        catalog.item_create(
            actor=None, draft=draft, code=code, legal_bases=[DISPLAY_BASIS], **item_fields(name=code)
        )
    return catalog.version_publish(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))


@pytest.fixture
def east(city):
    return city["east"]


@pytest.fixture
def office(east):
    return AgencyFactory(name="东区综合行政执法局", region=east)


@pytest.fixture
def ecology(east):
    agency = AgencyFactory(name="东区生态环境局", region=east)
    publish(agency, "STHJ-CF-001", "SCJG-CF-004")
    return agency


@pytest.fixture
def transport(east):
    agency = AgencyFactory(name="东区交通运输局", region=east)
    publish(agency, "JTYS-CF-001")
    return agency


@pytest.fixture
def leader_user(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.AGENCY_HEAD, username="leader", real_name="王建国")


@pytest.fixture
def group(east, office, leader_user):
    return organisation.group_save(
        actor=None, region=east, office=office, leader=leader_user,
        members=[organisation.MemberInput(MemberRole.LEADER, "王建国", "区政府副区长")],
    )  # fmt: skip


@pytest.fixture
def zhang(officers):  # noqa: F811
    return officers[0]


@pytest.fixture
def market_user(handler_user):  # noqa: F811
    return handler_user


@pytest.fixture
def hu(ecology):
    return certified(ecology, "胡斌")


@pytest.fixture
def ecology_user(ecology, hu, make_user):
    return link(make_user(ecology, RoleCode.OFFICER, username="hu", real_name="胡斌"), hu)


@pytest.fixture
def office_user(office, make_user):
    return link(
        make_user(office, RoleCode.OFFICER, username="liang", real_name="梁超"), certified(office, "梁超")
    )


@pytest.fixture
def transport_user(transport, make_user):
    return link(
        make_user(transport, RoleCode.OFFICER, username="gao", real_name="高峰"), certified(transport, "高峰")
    )


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(
        agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor", real_name="周敏"
    )


def special(_all, ecology, zhang, hu, starts_on=date(2026, 3, 11), **overrides) -> services.ActionInput:
    fields = dict(
        title="无证食品小作坊专项整治", place="东区城乡结合部", starts_on=starts_on, ends_on=date(2026, 3, 13),
        agencies=[ecology], officers=[zhang, hu], tasks=["市场监管：查资质", "生态环境：查排污"],
        plan="两部门集中行动，事后分别立案。",
    )  # fmt: skip
    fields.update(overrides)
    return services.ActionInput(**fields)


@pytest.fixture
def applied(group, agencies, catalogue, ecology, zhang, hu, market_user):  # noqa: F811
    return services.action_apply(
        actor=market_user, lead=agencies["east_market"], data=special(agencies, ecology, zhang, hu)
    )


@pytest.fixture
def active(applied, office_user, market_user, today):
    services.action_approve(actor=office_user, action=applied, note="同意")
    today(date(2026, 3, 11))
    return services.action_start(actor=market_user, action=applied)


def finding_input(*codes, **overrides) -> services.FindingInput:
    fields = dict(
        description="无证加工豆制品，废水直排", party_kind="person", party_name="钱小军",
        party_id_number="330723198805060015", place="新村路18号", found_on=date(2026, 3, 11), item_codes=list(codes),
    )  # fmt: skip
    fields.update(overrides)
    return services.FindingInput(**fields)
