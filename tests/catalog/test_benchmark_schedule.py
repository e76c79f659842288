"""裁量基准定期评估 on a schedule (seed 000 §12, 002 (五)): every benchmark in force falls due
ZHIFA_BENCHMARK_EVALUATION_MONTHS after its last evaluation (or its first publication), shows on the
catalogue keepers' 工作台 when due or overdue, and a 需修订 is answered by the next version that revises it."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.catalog.conftest import LEVELS
from tests.catalog.helpers import submit_and_approve
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import evaluations, services
from zhifa.catalog.models import BenchmarkEvaluation
from zhifa.catalog.workbench import pending
from zhifa.core.models import Agency, Record

pytestmark = pytest.mark.django_db

CODE = "SCJG-CF-001"


def schedule(agency, on, within=30):
    return evaluations.schedule(Agency.objects.filter(pk=agency.pk), on=on, due_within_days=within)


def evaluate(agency, on, needs_revision=False, findings="运行良好"):
    return services.benchmark_evaluate(
        actor=None, agency=agency, item_code=CODE, on=on, findings=findings, needs_revision=needs_revision
    )


def test_months_are_added_to_the_months_last_day():
    assert evaluations.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert evaluations.add_months(date(2026, 3, 1), -12) == date(2025, 3, 1)
    assert evaluations.add_months(date(2026, 11, 15), 2) == date(2027, 1, 15)


def test_a_never_evaluated_benchmark_falls_due_a_year_after_it_took_effect(agencies, published):
    east = agencies["east_market"]
    assert schedule(east, date(2026, 12, 1)) == []  # due 2027-01-01: 31 days ahead
    (row,) = schedule(east, date(2026, 12, 2))
    assert (row.item_code, row.last_evaluated, row.due, row.overdue) == (CODE, None, date(2027, 1, 1), False)
    (row,) = schedule(east, date(2027, 1, 2))
    assert row.overdue


def test_an_evaluation_restarts_the_clock_and_the_interval_is_a_setting(agencies, published, settings):
    east = agencies["east_market"]
    evaluate(east, date(2026, 3, 2))
    assert schedule(east, date(2027, 1, 2)) == []
    (row,) = schedule(east, date(2027, 3, 3))
    assert (row.last_evaluated, row.due, row.overdue) == (date(2026, 3, 2), date(2027, 3, 2), True)
    settings.ZHIFA_BENCHMARK_EVALUATION_MONTHS = 6
    (row,) = schedule(east, date(2026, 9, 2), within=0)
    assert row.due == date(2026, 9, 2) and not row.overdue


def test_due_and_overdue_evaluations_on_the_keepers_workbench(agencies, make_user, published):
    reviewer = make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER, username="east_legal")
    items = [i for i in pending(reviewer, today=date(2027, 1, 5)) if i.category == "裁量基准评估"]
    assert [(i.title, i.due, i.overdue) for i in items] == [
        (
            "东区市场监督管理局事项SCJG-CF-001“销售不符合食品安全标准的食品”的裁量基准评估已逾期（应于2027-01-01前评估）",
            date(2027, 1, 1),
            True,
        )
    ]
    assert items[0].url == f"/catalog/benchmark-evaluations/?agency={agencies['east_market'].pk}"
    other = make_user(agencies["west_market"], RoleCode.LEGAL_REVIEWER, username="west_legal")
    assert [i for i in pending(other, today=date(2027, 1, 5)) if i.category == "裁量基准评估"] == []


def test_a_revision_in_the_next_version_answers_the_evaluation(agencies, published):
    east = agencies["east_market"]
    evaluation = evaluate(
        east, timezone.localdate() - timedelta(days=3), needs_revision=True, findings="幅度过宽"
    )
    kept = services.benchmark_evaluate(
        actor=None,
        agency=east,
        item_code=CODE,
        on=timezone.localdate(),
        findings="另议",
        needs_revision=False,
    )
    draft = services.draft_open(actor=None, agency=east)
    item = draft.items.get(code=CODE)
    services.benchmark_set(
        actor=None,
        item=item,
        legal_basis=item.legal_bases.get(),
        levels=LEVELS,
        exemptions=[],
        fact_label="货值金额（元）",
    )
    version = submit_and_approve(actor=None, draft=draft, reason="amended")
    evaluation.refresh_from_db()
    kept.refresh_from_db()
    assert evaluation.revised_in == version and evaluation.conclusion == "需修订"
    assert kept.revised_in is None and kept.conclusion == "继续适用"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"item_code": "NOPE"}, "item_code", "事项：东区市场监督管理局施行中的清单没有编码为NOPE的裁量基准"),
        ({"findings": "  "}, "findings", "请填写评估意见"),
        ({"on": date(2099, 1, 1)}, "on", "评估日期不能晚于今天"),
    ],
)
def test_refusals_name_the_field_and_write_nothing(agencies, published, change, field, message):
    records = Record.objects.count()
    data = {
        "item_code": CODE,
        "on": date(2026, 3, 2),
        "findings": "运行良好",
        "needs_revision": False,
        **change,
    }
    with pytest.raises(Exception) as refused:
        services.benchmark_evaluate(actor=None, agency=agencies["east_market"], **data)
    assert refused.value.message_dict[field] == [message]
    assert not BenchmarkEvaluation.objects.exists() and Record.objects.count() == records


def test_the_api_lists_the_schedule_and_records_an_evaluation(agencies, make_user, published, client):
    east = agencies["east_market"]
    client.force_login(make_user(east, RoleCode.LEGAL_REVIEWER, username="east_legal"))
    url = f"/api/catalog/agencies/{east.pk}/benchmark-evaluations"
    listed = client.get(url).json()
    assert listed["interval_months"] == 12
    created = client.post(
        url,
        {"item_code": CODE, "on": "2026-03-02", "findings": "罚款幅度偏高", "needs_revision": True},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["conclusion"] == "需修订" and created.json()["revised_in_id"] is None
    refused = client.post(url, {"item_code": CODE, "findings": ""}, content_type="application/json")
    assert refused.status_code == 422
    assert {"loc": ["body", "findings"], "msg": "请填写评估意见"} in refused.json()["detail"]
    assert BenchmarkEvaluation.objects.count() == 1
    west = f"/api/catalog/agencies/{agencies['west_market'].pk}/benchmark-evaluations"
    assert client.get(west).status_code == 404


def test_the_page_shows_the_due_benchmarks(agencies, make_user, published, client, monkeypatch):
    east = agencies["east_market"]
    client.force_login(make_user(east, RoleCode.LEGAL_REVIEWER, username="east_legal"))
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2027, 1, 5))
    body = client.get(f"/catalog/benchmark-evaluations/?agency={east.pk}").content.decode()
    assert "待评估的裁量基准" in body and "已逾期" in body and "2027-01-01" in body
