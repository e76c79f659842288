"""Plans and draws through the services: commit, run, reveal, overrides, and the verify-draw command."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tests.inspections.conftest import certified
from zhifa.core.models import Record
from zhifa.inspections import drawing, services
from zhifa.inspections.choices import DrawStatus, PlanKind
from zhifa.inspections.models import Draw, Plan, Task


def plan_input(agencies, **overrides):
    return services.PlanInput(
        **{
            "title": "抽查计划",
            "year": 2026,
            "items": [(agencies["east_market"], "SCJG-JC-001")],
            "ends_on": date(2026, 11, 30),
            **overrides,
        }
    )


def test_plan_takes_only_items_of_the_random_inspection_list(agencies, catalogues, lead):
    with pytest.raises(ValidationError, match="不在东区市场监督管理局施行中的随机抽查事项清单内"):
        services.plan_create(
            actor=lead,
            agency=agencies["east_market"],
            data=plan_input(agencies, items=[(agencies["east_market"], "SCJG-XX-999")]),
        )
    assert not Plan.objects.exists()


def test_default_ratios_and_deadline(agencies, catalogues, lead):
    plan = services.plan_create(actor=lead, agency=agencies["east_market"], data=plan_input(agencies))
    assert plan.ratios == {"A": "1", "B": "2", "C": "10", "D": "30"}
    assert plan.file_by == date(2026, 3, 31)
    assert plan.kind == PlanKind.YEARLY


def test_publishing_after_the_deadline_needs_a_reason(agencies, catalogues, lead):
    plan = services.plan_create(actor=lead, agency=agencies["east_market"], data=plan_input(agencies))
    with pytest.raises(ValidationError, match="逾期公布须说明理由"):
        services.plan_publish(actor=lead, plan=plan, on=date(2026, 4, 1))
    published = services.plan_publish(actor=lead, plan=plan, on=date(2026, 4, 1), late_reason="机构调整")
    assert published.late_reason == "机构调整"


def test_a_plan_with_another_departments_items_is_joint(agencies, catalogues, health, lead):
    plan = services.plan_create(
        actor=lead,
        agency=agencies["east_market"],
        data=plan_input(agencies, items=[(agencies["east_market"], "SCJG-JC-001"), (health, "WSJK-JC-001")]),
    )
    assert plan.kind == PlanKind.JOINT
    assert set(plan.items.values_list("agency__name", flat=True)) == {"东区市场监督管理局", "东区卫生健康局"}


def test_commit_publishes_hashes_and_draws_nothing(plan, lead):
    draw = services.draw_commit(actor=lead, plan=plan)
    assert draw.status == DrawStatus.COMMITTED
    assert draw.candidate_hash == drawing.DrawInput.from_json(draw.input).digest()
    assert draw.seed == "" and draw.result is None and not Task.objects.exists()
    assert draw.subject_count == 40


def test_run_creates_tasks_with_two_certified_inspectors(drawn):
    tasks = list(drawn.tasks.prefetch_related("inspectors"))
    # 10 per stratum at 10/10/20/50 % → 1 + 1 + 2 + 5
    assert len(tasks) == 9
    for task in tasks:
        assert task.inspectors.count() == 2
        assert task.due_on == date(2026, 11, 30)


def test_a_seed_that_does_not_match_the_commitment_is_refused(plan, lead):
    seed = "ab" * 32
    draw = services.draw_commit(actor=lead, plan=plan, seed_commitment=drawing.seed_commitment(seed))
    with pytest.raises(ValidationError, match="随机种子与抽取前公布的种子承诺不一致"):
        services.draw_run(actor=lead, draw=draw, seed="cd" * 32)
    draw.refresh_from_db()
    assert draw.status == DrawStatus.COMMITTED and not Task.objects.exists()
    assert services.draw_run(actor=lead, draw=draw, seed=seed).status == DrawStatus.DRAWN


def test_too_few_eligible_inspectors_is_refused_with_the_shortfall(agencies, catalogues, lead, subjects):
    certified(agencies["east_market"], "孤身一人")
    plan = services.plan_create(actor=lead, agency=agencies["east_market"], data=plan_input(agencies))
    services.plan_publish(actor=lead, plan=plan)
    draw = services.draw_commit(actor=lead, plan=plan)
    with pytest.raises(ValidationError, match="符合条件的检查人员1名，每个对象需2名，还差1名"):
        services.draw_run(actor=lead, draw=draw)


def test_auxiliary_staff_and_uncertified_officers_are_not_inspectors(agencies, plan, lead):
    from tests.factories import OfficerFactory

    OfficerFactory(agency=agencies["east_market"], name="辅助员", kind="auxiliary")
    draw = services.draw_commit(actor=lead, plan=plan)
    assert len(draw.input["inspector_pools"][0]["inspectors"]) == 4


def test_conflicts_are_avoided(agencies, city, plan, lead, inspectors, subjects):
    services.residence_set(actor=lead, officer=inspectors[0], region=city["east"])
    services.relation_declare(actor=lead, officer=inspectors[1], subject=subjects[0], note="配偶任该企业股东")
    draw = services.draw_commit(actor=lead, plan=plan)
    pairs = {tuple(p) for p in draw.input["conflicts"]}
    assert (subjects[0].code, inspectors[1].certificates.get().number) in pairs
    assert sum(1 for _, inspector in pairs if inspector == inspectors[0].certificates.get().number) == 40
    services.draw_run(actor=lead, draw=draw)
    assert not Task.objects.filter(inspectors__officer=inspectors[0]).exists()


def test_the_previous_inspectors_of_a_subject_are_avoided(plan, lead, drawn):
    second = services.draw_commit(actor=lead, plan=plan)
    before = {
        (t.subject.code, i.officer.certificates.get().number)
        for t in drawn.tasks.all()
        for i in t.inspectors.all()
    }
    assert before <= {tuple(p) for p in second.input["conflicts"]}


def test_reveal_publishes_the_seed_and_the_file_verifies(revealed, tmp_path, capsys):
    assert revealed.seed and revealed.status == DrawStatus.REVEALED
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(services.draw_file(revealed), ensure_ascii=False), encoding="utf-8")
    call_command("verify-draw", str(path))
    assert "抽取结果可复现" in capsys.readouterr().out


@pytest.mark.parametrize("part", ["input", "seed", "result"])
def test_verify_draw_fails_on_a_tampered_file(revealed, tmp_path, part):
    document = services.draw_file(revealed)
    if part == "input":
        document["input"]["candidates"]["A"].pop()
    elif part == "seed":
        document["seed"] = "0" * 64
    else:
        document["result"]["subjects"]["D"].reverse()
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify-draw", str(path))
    assert exit_info.value.code == 1


def test_the_file_is_only_offered_after_the_reveal(drawn):
    with pytest.raises(ValidationError, match="种子公开后"):
        services.draw_file(drawn)


def test_override_needs_a_reason_and_is_shown_in_the_file(agencies, revealed, lead):
    spare = certified(agencies["east_market"], "候补员")
    assignment = revealed.tasks.first().inspectors.first()
    with pytest.raises(ValidationError, match="须写明理由"):
        services.inspector_override(actor=lead, assignment=assignment, officer=spare, reason=" ")
    services.inspector_override(actor=lead, assignment=assignment, officer=spare, reason="原抽中人员病假")
    document = services.draw_file(Draw.objects.get(pk=revealed.pk))
    assert document["overrides"] == [
        {
            "subject": assignment.task.subject.code,
            "replaced": assignment.officer.certificates.get().number,
            "by": spare.certificates.get().number,
            "reason": "原抽中人员病假",
        }
    ]
    assert drawing.verify(document) == []  # the algorithm's result stands; the override is shown beside it


def test_frequency_limits_the_number_of_draws(plan, lead):
    for _ in range(3):
        services.draw_commit(actor=lead, plan=plan)
    with pytest.raises(ValidationError, match="每年抽查3次"):
        services.draw_commit(actor=lead, plan=plan)


def test_every_step_is_recorded(revealed):
    actions = set(Record.objects.values_list("action", flat=True))
    assert {"inspections.draw_commit", "inspections.draw_run", "inspections.draw_reveal"} <= actions


def test_another_agency_cannot_draw(plan, west_lead):
    from django.http import Http404

    with pytest.raises(Http404):
        services.draw_commit(actor=west_lead, plan=plan)


def test_living_in_a_parent_region_conflicts_too(city, plan, lead, inspectors):
    """An inspector living in the city is not drawn for subjects of its districts."""
    services.residence_set(actor=lead, officer=inspectors[2], region=city["city"])
    draw = services.draw_commit(actor=lead, plan=plan)
    number = inspectors[2].certificates.get().number
    assert sum(1 for _, inspector in draw.input["conflicts"] if inspector == number) == 40


def test_override_refuses_a_conflicted_replacement(agencies, city, drawn, lead):
    spare = certified(agencies["east_market"], "候补员")
    services.residence_set(actor=lead, officer=spare, region=city["east"])
    with pytest.raises(ValidationError, match="居住在检查对象所在区划"):
        services.inspector_override(
            actor=lead, assignment=drawn.tasks.first().inspectors.first(), officer=spare, reason="病假"
        )
