"""Runs (one hit per subject across runs), handling with a reason (refusals write nothing), the
precision, and a confirmed hit turned into a 监督事项 or a 督办."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from zhifa.detection import selectors, services
from zhifa.detection.choices import FollowUp, HitStatus
from zhifa.detection.models import Hit, Run
from zhifa.supervision.models import Oversight, SupervisionItem

from .conftest import TODAY, DetectionWrites


@pytest.fixture
def outliers(make_case, agencies):
    """Three 决定超出裁量基准 hits of 东区 and one of 西县."""
    east = [make_case(fine=f, low="50000", high="70000") for f in ("80000", "90000", "40000")]
    west = make_case(agencies["west_market"], fine="80000", low="50000", high="70000")
    return east, west


@pytest.fixture
def run(outliers):
    return services.run_model(actor=None, model="discretion", today=TODAY)


@pytest.mark.django_db
def test_a_run_records_itself_and_its_hits(run, outliers):
    assert (run.model, run.version, run.found, run.added) == ("discretion", "1", 4, 4)
    assert run.params == {"defaults": {"tolerance_pct": 0}, "regions": {}}
    assert run.finished_at is not None
    assert Hit.objects.filter(model="discretion", status=HitStatus.OPEN).count() == 4


@pytest.mark.django_db
def test_a_second_run_keeps_one_hit_per_subject(run, outliers, supervisor, city):
    hit = Hit.objects.get(case=outliers[0][0])
    services.hit_dismiss(actor=supervisor, hit=hit, reason="罚款已由复议机关变更")
    again = services.run_model(actor=supervisor, model="discretion", today=TODAY)
    # 东区's supervisor runs over 东区 only: its three hits found again, none added
    assert (again.region, again.found, again.added) == (city["east"], 3, 0)
    assert Hit.objects.count() == 4
    hit.refresh_from_db()
    assert (hit.status, hit.last_run_id, hit.first_run_id) == (HitStatus.DISMISSED, again.pk, run.pk)


@pytest.mark.django_db
def test_running_needs_the_permission(head):
    writes = DetectionWrites()
    with pytest.raises(PermissionDenied):
        services.run_model(actor=head, model="discretion")
    assert writes.none


@pytest.mark.django_db
def test_an_unknown_model_is_refused(supervisor):
    writes = DetectionWrites()
    with pytest.raises(ValidationError) as error:
        services.run_model(actor=supervisor, model="nothing")
    assert error.value.message_dict == {"model": ["没有该问题发现模型"]}
    assert writes.none


@pytest.mark.django_db
@pytest.mark.parametrize("action", [services.hit_confirm, services.hit_dismiss])
@pytest.mark.parametrize("reason", ["", "   "])
def test_handling_without_a_reason_is_refused(run, supervisor, action, reason):
    hit = Hit.objects.filter(agency__name="东区市场监督管理局").first()
    writes = DetectionWrites()
    with pytest.raises(ValidationError) as error:
        action(actor=supervisor, hit=hit, reason=reason)
    assert list(error.value.message_dict) == ["reason"]
    assert error.value.message_dict["reason"][0] in ("请填写确认理由", "请填写排除理由")
    assert writes.none
    hit.refresh_from_db()
    assert hit.status == HitStatus.OPEN


@pytest.mark.django_db
def test_precision_is_confirmed_over_handled(run, supervisor):
    east = list(Hit.objects.filter(agency__name="东区市场监督管理局").order_by("pk"))
    services.hit_confirm(actor=supervisor, hit=east[0], reason="核实属实")
    services.hit_confirm(actor=supervisor, hit=east[1], reason="核实属实")
    services.hit_dismiss(actor=supervisor, hit=east[2], reason="基准适用错误")
    (stats,) = [s for s in selectors.model_stats(supervisor) if s.model.code == "discretion"]
    assert (stats.open, stats.confirmed, stats.dismissed) == (0, 2, 1)
    assert str(stats.precision) == "66.7"
    assert stats.precision_text == "66.7%（2/3）"


@pytest.mark.django_db
def test_a_handled_hit_cannot_be_handled_again(run, supervisor):
    hit = Hit.objects.filter(agency__name="东区市场监督管理局").first()
    services.hit_confirm(actor=supervisor, hit=hit, reason="核实属实")
    writes = DetectionWrites()
    with pytest.raises(ValidationError) as error:
        services.hit_dismiss(actor=supervisor, hit=hit, reason="改变主意")
    assert error.value.message_dict == {"status": ["问题线索当前为“已确认”，不能排除（应为：待核实）"]}
    assert writes.none


@pytest.mark.django_db
def test_supervisor_of_another_county_cannot_handle(run, west_supervisor):
    hit = Hit.objects.filter(agency__name="东区市场监督管理局").first()
    writes = DetectionWrites()
    with pytest.raises(Http404):
        services.hit_confirm(actor=west_supervisor, hit=hit, reason="核实属实")
    assert writes.none


@pytest.mark.django_db
def test_an_agency_head_reads_but_cannot_handle(run, head):
    hit = Hit.objects.filter(agency__name="东区市场监督管理局").first()
    with pytest.raises(PermissionDenied):
        services.hit_confirm(actor=head, hit=hit, reason="核实属实")


@pytest.mark.django_db
def test_who_sees_which_hits(run, supervisor, west_supervisor, head, west_head, officer):
    def seen(user):
        return sorted(h.agency.name for h in selectors.hits_visible_to(user))

    assert seen(supervisor) == ["东区市场监督管理局"] * 3
    assert seen(west_supervisor) == ["西县市场监督管理局"]
    assert seen(head) == ["东区市场监督管理局"] * 3
    assert seen(west_head) == ["西县市场监督管理局"]
    assert seen(officer) == []


@pytest.mark.django_db
def test_a_confirmed_hit_becomes_a_supervision_item(run, supervisor, outliers):
    hit = Hit.objects.get(case=outliers[0][0])
    with pytest.raises(ValidationError):  # only a confirmed hit
        services.hit_supervise(actor=supervisor, hit=hit)
    services.hit_confirm(actor=supervisor, hit=hit, reason="核实属实")
    item = services.hit_supervise(actor=supervisor, hit=hit)
    hit.refresh_from_db()
    assert (hit.follow_up, hit.supervision_item) == (FollowUp.ITEM, item)
    assert item.case == outliers[0][0]
    assert item.title.startswith("决定超出裁量基准未说明理由：案件")
    assert item.reason == hit.reason
    writes = DetectionWrites()
    with pytest.raises(ValidationError):
        services.hit_oversee(actor=supervisor, hit=hit, ground="repeated")
    assert writes.none and SupervisionItem.objects.count() == 1


@pytest.mark.django_db
def test_a_confirmed_hit_becomes_an_oversight(run, supervisor, outliers, agencies, city):
    hit = Hit.objects.get(case=outliers[0][1])
    services.hit_confirm(actor=supervisor, hit=hit, reason="核实属实")
    writes = DetectionWrites()
    with pytest.raises(ValidationError) as error:
        services.hit_oversee(actor=supervisor, hit=hit, ground="")
    assert list(error.value.message_dict) == ["ground"]
    assert writes.none and Oversight.objects.count() == 0
    oversight = services.hit_oversee(actor=supervisor, hit=hit, ground="repeated", description="限期纠正")
    hit.refresh_from_db()
    assert (hit.follow_up, hit.oversight, oversight.case) == (FollowUp.OVERSIGHT, oversight, outliers[0][1])


@pytest.mark.django_db
def test_the_nightly_task_runs_every_model_and_reschedules(outliers, settings):
    from zhifa.detection import framework, tasks

    result = tasks.run_nightly.enqueue(reschedule=False)
    # four 决定超出裁量基准; the same party fined three times (以罚代管); 东区's fines all in one month (趋利)
    assert result.return_value == 6
    assert dict(Run.objects.filter(found__gt=0).values_list("model", "found")) == {
        "discretion": 4,
        "repeat_fine": 1,
        "profit": 1,
    }
    assert Run.objects.count() == len(framework.registered())
    assert set(Run.objects.values_list("trigger", flat=True)) == {"nightly"}


def test_next_night_is_two_in_the_morning():
    from datetime import datetime

    from django.utils import timezone

    from zhifa.detection.tasks import next_night

    evening = timezone.make_aware(datetime(2026, 6, 1, 21, 0))
    assert timezone.localtime(next_night(evening)) == timezone.make_aware(datetime(2026, 6, 2, 2, 0))
    early = timezone.make_aware(datetime(2026, 6, 1, 1, 0))
    assert timezone.localtime(next_night(early)) == timezone.make_aware(datetime(2026, 6, 1, 2, 0))
    assert date(2026, 6, 1)


@pytest.mark.django_db
def test_ensure_nightly_enqueues_once_on_the_database_backend(settings):
    from django_tasks_db.models import DBTaskResult

    from zhifa.detection.tasks import ensure_nightly

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert ensure_nightly() is True
    assert ensure_nightly() is False
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "zhifa.detection.tasks.run_nightly"
    assert timezone_hour(queued.run_after) == 2


def timezone_hour(at) -> int:
    from django.utils import timezone

    return timezone.localtime(at).hour
