"""Page and API refuse the same ill-formed input of the 培训管理 writes alike (tests/parity.py): control
characters in every free-text field, and the bad input of the issue (a year out of range, hours that are
not a positive number of halves, a month outside the year, an empty reason)."""

from datetime import date

import pytest

from tests.factories import OfficerFactory
from tests.parity import Door, check_door
from zhifa.training.models import LeaderStudy, PlanItem, Trainer, TrainingPlan
from zhifa.training.services import leader_study, trainers

pytestmark = pytest.mark.django_db
COUNTED = (TrainingPlan, PlanItem, Trainer, LeaderStudy)
OP = "zhifa_training_api_"


def plan_door() -> Door:
    return Door(
        "编制年度培训计划", f"{OP}plan_create", page="/training/plans/new/", api="/api/training/plans",
        good={"year": 2027, "title": "2027年度培训计划"}, text_fields={"title": "计划名称"},
        bad=[("year", 1999, "年度应在2000至2100之间"), ("title", "", "请填写计划名称")],
    )  # fmt: skip


def item_door(pk: int) -> Door:
    return Door(
        "添加培训内容", f"{OP}plan_item_add", page=f"/training/plans/{pk}/items/",
        api=f"/api/training/plans/{pk}/items", good={"content": "行政复议法", "hours": "4"},
        text_fields={"content": "培训内容", "audience": "参训对象"},
        bad=[("hours", "0", "计划学时应大于0"), ("hours", "2.3", "计划学时以0.5学时为单位"),
             ("month", 13, "计划月份应在1至12之间"), ("content", "", "请填写培训内容")],
    )  # fmt: skip


def trainer_door(page: str, api: str, operation: str, method: str = "post") -> Door:
    return Door(
        f"培训师资（{operation}）", f"{OP}{operation}", page=page, api=api, method=method,
        good={"name": "陈律", "unit": "江州大学法学院", "specialty": "行政处罚法"},
        text_fields={"name": "姓名", "unit": "工作单位", "specialty": "擅长领域", "title": "职称职务"},
        bad=[("phone", "电话", "联系方式格式不正确：只能包含数字、空格和“+-()”，5至32位"),
             ("specialty", "", "请填写擅长领域")],
    )  # fmt: skip


def withdraw_door(pk: int) -> Door:
    return Door(
        "移出师资库", f"{OP}trainer_withdraw", page=f"/training/trainers/{pk}/withdraw/",
        api=f"/api/training/trainers/{pk}/withdraw", good={"reason": "调离本市"}, text_fields={"reason": "移出理由"},
        bad=[("reason", "", "请填写移出理由")],
    )  # fmt: skip


def study_door(officer_id: int) -> Door:
    return Door(
        "记录领导干部学法", f"{OP}study_record", page="/training/studies/new/", api="/api/training/studies",
        good={"held_on": "2026-05-20", "topic": "学习行政执法监督条例", "hours": "2", "attendees": [officer_id]},
        text_fields={"topic": "学法主题", "lecturer": "授课人"},
        bad=[("hours", "0", "学时应大于0"), ("hours", "25", "学时不能超过24"), ("attendees", [], "请选择参学人员")],
        to_api=lambda d: {("attendee_ids" if k == "attendees" else k): v for k, v in d.items()},
    )  # fmt: skip


def correct_door(pk: int, officer_id: int) -> Door:
    return Door(
        "更正领导干部学法", f"{OP}study_correct", page=f"/training/studies/{pk}/correct/",
        api=f"/api/training/studies/{pk}", method="put",
        good={"held_on": "2026-05-20", "topic": "学习行政执法监督条例", "hours": "3", "attendees": [officer_id],
              "correction_reason": "学时有误"},
        text_fields={"topic": "学法主题", "lecturer": "授课人", "correction_reason": "更正理由"},
        bad=[("hours", "0", "学时应大于0"), ("attendees", [], "请选择参学人员"),
             ("correction_reason", "", "请填写更正理由")],
        to_api=lambda d: {("attendee_ids" if k == "attendees" else k): v for k, v in d.items()},
    )  # fmt: skip


def delete_door(pk: int) -> Door:
    return Door(
        "删除领导干部学法", f"{OP}study_delete", page=f"/training/studies/{pk}/delete/",
        api=f"/api/training/studies/{pk}", method="delete", good={"reason": "重复录入"},
        text_fields={"reason": "删除理由"}, bad=[("reason", "", "请填写删除理由")],
    )  # fmt: skip


# declared at import, so tests/test_parity_table.py sees every pair's Door
TABLE = [
    plan_door(), item_door(0), trainer_door("/training/trainers/new/", "/api/training/trainers", "trainer_add"),
    trainer_door("/training/trainers/0/edit/", "/api/training/trainers/0", "trainer_update", "put"),
    withdraw_door(0), study_door(0), correct_door(0, 0), delete_door(0),
]  # fmt: skip


def test_plan_doors(client, head, plan):
    check_door(client, head, plan_door(), COUNTED)
    check_door(client, head, item_door(plan.pk), COUNTED)


def test_trainer_doors(client, head):
    check_door(
        client,
        head,
        trainer_door("/training/trainers/new/", "/api/training/trainers", "trainer_add"),
        COUNTED,
    )
    trainer = trainers.trainer_add(
        actor=head, data=trainers.TrainerInput(name="刘珂", unit="东区市场监督管理局", specialty="食品安全")
    )
    pk = trainer.pk
    edit = trainer_door(
        f"/training/trainers/{pk}/edit/", f"/api/training/trainers/{pk}", "trainer_update", "put"
    )
    check_door(client, head, edit, COUNTED)
    check_door(client, head, withdraw_door(pk), COUNTED)


def test_study_door(client, head, market):
    officer = OfficerFactory(agency=market, name="刘洋")
    check_door(client, head, study_door(officer.pk), COUNTED)


def test_study_correct_and_delete_doors(client, head, market):
    officer = OfficerFactory(agency=market, name="刘洋")
    study = leader_study.leader_study_record(
        actor=head,
        data=leader_study.StudyInput(
            held_on=date(2026, 5, 20), topic="民法典", hours="2", attendee_ids=[officer.pk]
        ),
    )
    check_door(client, head, correct_door(study.pk, officer.pk), COUNTED)
    check_door(client, head, delete_door(study.pk), COUNTED)
