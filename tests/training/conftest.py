"""培训管理 fixtures: 东区市场监督管理局 with its head and three officers, 西县's head (another county), 东区司法局's
supervisor (the region 东区) and 测试市司法局's (the whole city)."""

from datetime import date

import pytest

from tests.factories import OfficerFactory
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.registry.models import TrainingRecord
from zhifa.training.models import LeaderStudy, PlanItem, Trainer, TrainingPlan
from zhifa.training.services import plans

TODAY = date(2026, 6, 10)


class TrainingWrites(Writes):
    counted = (TrainingPlan, PlanItem, Trainer, LeaderStudy, LeaderStudy.attendees.through, TrainingRecord)


@pytest.fixture
def writes():
    return TrainingWrites


@pytest.fixture
def market(agencies):
    return agencies["east_market"]


@pytest.fixture
def head(market, make_user):
    return make_user(market, RoleCode.AGENCY_HEAD, username="east_head", real_name="杨帆")


@pytest.fixture
def clerk(market, make_user):
    return make_user(market, RoleCode.OFFICER, username="east_clerk", real_name="张伟")


@pytest.fixture
def west_head(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.AGENCY_HEAD, username="west_head")


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def city_supervisor(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_supervisor")


@pytest.fixture
def staff(market):
    """Three active officers of 东区市场监督管理局."""
    return [OfficerFactory(agency=market, name=name) for name in ("李娜", "王强", "赵敏")]


@pytest.fixture
def plan(head):
    made = plans.plan_create(actor=head, data=plans.PlanInput(year=2026, title="2026年度执法人员培训计划"))
    plans.plan_item_add(
        actor=head,
        plan=made,
        data=plans.ItemInput(content="行政处罚法专题", hours="16", audience="全体执法人员", month=3),
    )
    return made
