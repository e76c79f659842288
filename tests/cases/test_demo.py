"""The case demo: ~60 cases in every status across the demo departments, driven through the services (so
the record log holds each whole process and verifies), one overdue decision, one due soon, one served
late, one fine above the benchmark with its reason, simple-procedure cases; valid identifiers; the
recordings the catalogue requires uploaded as evidence; idempotent."""

import json
from datetime import date

import pytest
from django.utils import timezone

from zhifa.cases import selectors, workbench
from zhifa.cases.choices import CaseStatus, DecisionKind, PartyKind
from zhifa.cases.models import Case, Decision, Evidence, Service
from zhifa.catalog.procedures import Procedure
from zhifa.core import records
from zhifa.core.models import Record
from zhifa.core.validators import validate_credit_code, validate_id_number
from zhifa.registry import selectors as registry

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def demo(demo_db):
    """The shared demo (tests/shared_demo.py); its idempotence is tests/test_demo.py's."""
    return {"media": demo_db.media}


def test_about_sixty_cases_in_every_status(demo):
    cases = Case.objects.all()
    assert 55 <= cases.count() <= 65
    assert set(cases.values_list("status", flat=True)) == set(CaseStatus.values)
    assert cases.values("agency").distinct().count() == 10
    kinds = set(Decision.objects.values_list("kind", flat=True))
    assert kinds == set(DecisionKind.values)  # penalties, 不予处罚, 移送 and 撤销立案
    transferred = Decision.objects.filter(kind=DecisionKind.TRANSFER).select_related("case")
    assert transferred and all(d.case.status in (CaseStatus.CLOSED, CaseStatus.ARCHIVED) for d in transferred)
    simple = cases.filter(procedure=Procedure.SIMPLE)
    assert simple.count() >= 4 and {c.status for c in simple} >= {CaseStatus.SERVED, CaseStatus.CLOSED}


def test_dates_are_in_2026_before_today(demo):
    for case in Case.objects.all():
        assert date(2026, 1, 1) <= case.discovered_on <= timezone.localdate()
        assert case.registered_on is None or case.discovered_on <= case.registered_on <= timezone.localdate()
    assert not Decision.objects.filter(decided_on__gt=timezone.localdate()).exists()
    assert not Service.objects.filter(served_on__gt=timezone.localdate()).exists()


def test_the_clocks_of_the_main_department(demo):
    main = Case.objects.filter(agency__name="东湖区市场监督管理局")
    clocks = {
        c.case.summary + c.case.party_name: c for c in selectors.pending_clocks(main, timezone.localdate())
    }
    overdue = [c for c in clocks.values() if c.overdue and c.step == "decide"]
    near = [c for c in clocks.values() if c.near_due and c.step == "decide"]
    assert len(overdue) == 1 and len(near) == 1
    assert Service.objects.filter(late=True).count() == 1
    # the open cases elsewhere keep their clocks
    assert (
        not Case.objects.filter(selectors.overdue_q(timezone.localdate()))
        .exclude(pk=overdue[0].case.pk)
        .exists()
    )


def test_one_fine_above_the_benchmark_with_its_reason(demo):
    deviating = Decision.objects.exclude(deviation_reason="")
    assert deviating.count() == 1
    decision = deviating.get()
    assert decision.fine > decision.recommended_max and "从重处罚" in decision.deviation_reason
    for other in Decision.objects.filter(
        deviation_reason="", fine__isnull=False, recommended_min__isnull=False
    ):
        assert other.recommended_min <= other.fine <= other.recommended_max, other.number


def test_parties_have_valid_identifiers_and_reasons_are_written(demo):
    for case in Case.objects.all():
        if case.party_kind == PartyKind.PERSON:
            validate_id_number(case.party_id_number)
        else:
            validate_credit_code(case.party_credit_code)
        assert len(case.summary) >= 6 and len(case.facts) >= 20 and case.place
    assert all(len(d.reasoning) >= 30 for d in Decision.objects.all())
    assert Case.objects.filter(party_kind=PartyKind.PERSON).exists()


def test_handlers_are_certified_for_the_field(demo):
    for case in Case.objects.exclude(status__in=[CaseStatus.INTAKE, CaseStatus.DECLINED]).select_related(
        "field"
    ):
        leads = case.handlers.exclude(role="assistant").select_related("officer")
        assert leads.count() == 2
        on = case.registered_on or case.discovered_on
        assert all(registry.can_enforce(h.officer, case.field, on=on) for h in leads), case


def test_every_case_has_its_whole_process_in_the_record_log(demo):
    assert records.verify().ok
    for case in Case.objects.all():
        actions = list(Record.objects.for_subject(case).order_by("seq").values_list("action", flat=True))
        assert actions[0] in ("case.intake", "case.simple")
        if case.status in (CaseStatus.ARCHIVED, CaseStatus.DECLINED):
            assert {"case.archive", "case.decline"} & set(actions)
        if case.status not in (CaseStatus.INTAKE, CaseStatus.DECLINED) and not case.is_simple:
            assert "case.register" in actions
        if hasattr(case, "decision") and not case.is_simple:
            payload = json.loads(Record.objects.for_subject(case).filter(action="case.decide").get().payload)
            assert payload["kind"] == case.decision.kind


def test_the_recordings_the_items_require_are_there(demo, settings):
    from zhifa.cases.evidence.services import check_evidence

    settings.MEDIA_ROOT = demo["media"]  # where the demo stored the files (each test has its own otherwise)
    assert (
        Evidence.objects.filter(kind="audio").count() >= 40 and Evidence.objects.filter(kind="photo").exists()
    )
    served = Case.objects.filter(status__in=[CaseStatus.SERVED, CaseStatus.EXECUTED, CaseStatus.CLOSED])
    for case in served.exclude(procedure=Procedure.SIMPLE):
        steps = {step for item in case.items.all() for step in item.av_steps} & {
            "on_site",
            "inquiry",
            "service",
        }
        if case.decision.kind in (DecisionKind.PENALTY, DecisionKind.NO_PENALTY):
            recorded = set(case.evidence.filter(kind="audio").values_list("step", flat=True))
            assert steps <= recorded, case
    assert check_evidence(list(Evidence.objects.select_related("case"))) == []


def test_the_demo_logins_have_work(demo):
    from zhifa.accounts.models import User

    officer = User.objects.get(username="dh_zf1")
    titles = [item.title for item in workbench.pending(officer, today=timezone.localdate())]
    assert any("已逾期" in title for title in titles) and any("即将到期" in title for title in titles)
    leader = User.objects.get(username="dh_jgfz")
    titles = [item.title for item in workbench.pending(leader, today=timezone.localdate())]
    assert any(title.startswith("待批准立案") for title in titles)
    assert any(title.startswith("本机关逾期案件：1件") for title in titles)


def test_the_pages_show_the_demo(demo, client):
    from zhifa.accounts.models import User

    client.force_login(User.objects.get(username="dh_zf1"))
    response = client.get("/cases/")
    assert response.status_code == 200 and response.context["page"].paginator.count >= 6
    for case in Case.objects.filter(agency__name="东湖区市场监督管理局"):
        assert client.get(f"/cases/{case.pk}/").status_code == 200


def test_demo_penalty_decisions_come_after_the_periods_of_the_notice_or_a_written_waiver(demo):
    from zhifa.cases import rules

    checked = waived = 0
    for decision in Decision.objects.filter(kind=DecisionKind.PENALTY, case__procedure=Procedure.ORDINARY):
        wait = rules.decision_wait(decision.case)
        assert wait is not None and wait.until == max(
            decision.case.statement_deadline,
            decision.case.hearing_deadline or decision.case.statement_deadline,
        )
        assert decision.decided_on >= wait.allowed_from, decision.case
        checked, waived = checked + 1, waived + bool(wait.waived_on)
    assert checked >= 20 and waived >= 1
    assert Evidence.objects.filter(kind="waiver").count() >= 3


def test_certified_officers_act_and_auxiliary_staff_assist(demo):
    """Issue 20: every enforcement act a person took in the demo (cases and inspections) was taken by an
    officer certified for it that day; 王芳 (执法辅助人员) registered a clue, assisting 张伟."""
    acts = [
        "case.step",
        "case.submit_review",
        "case.notify",
        "case.hearing",
        "case.decide",
        "case.simple",
        "inspections.inspection_start",
        "inspections.inspection_finish",
    ]
    by_people = Record.objects.filter(action__in=acts, actor__isnull=False).select_related("actor")
    assert {"inspections.inspection_start", "inspections.inspection_finish"} <= {r.action for r in by_people}
    for record in by_people:
        on = timezone.localtime(record.at).date()
        assert registry.acting_refusal(record.actor, [], on=on) is None, (record.action, record.actor_name)
    assisted = Record.objects.get(action="case.intake", actor__username="dh_fz1")
    supervisor = json.loads(assisted.payload)["supervisor"]
    assert assisted.actor_name == "王芳" and supervisor["name"] == "张伟"
    assert registry.acting_refusal(assisted.actor, [], on=timezone.localdate()) == (
        "王芳是行政执法辅助人员，没有有效的行政执法证件"
    )


def test_the_city_department_reads_the_county_market_cases(demo):
    """林涛 (js_sj) of 江州市市场监督管理局 sees the cases of both county 市场监督管理局 (and the unit inside
    东湖区's), offered no action on any; none of another field."""
    from zhifa.accounts.models import User

    reader = User.objects.get(username="js_sj")
    seen = selectors.cases_visible_to(reader)
    county_market = Case.objects.filter(agency__name__endswith="市场监督管理局").exclude(agency=reader.agency)
    assert county_market.count() > 0
    assert set(seen.values_list("agency__name", flat=True)) <= {
        "东湖区市场监督管理局",
        "青山县市场监督管理局",
        "东湖区市场监管综合行政执法大队",
    }
    assert {"东湖区市场监督管理局", "青山县市场监督管理局"} <= set(
        seen.values_list("agency__name", flat=True)
    )
    assert all(selectors.offered_actions(reader, case) == [] for case in seen)
