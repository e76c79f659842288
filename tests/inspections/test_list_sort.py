"""The 抽查计划 and 检查任务 lists on the core list kit (selectors.PLAN_SORTS, TASK_SORTS): exact order,
the default for an undeclared column, the task export in the list's order."""

from datetime import date

import pytest

from tests.helpers import sorted_column, xlsx_rows
from zhifa.inspections import services


@pytest.fixture
def later_plan(agencies, catalogues, lead, plan):
    data = services.PlanInput(
        title="2026年公共场所专项抽查",
        year=2026,
        items=[(agencies["east_market"], "SCJG-JC-001")],
        ends_on=date(2026, 6, 30),
        ratios={"A": "10", "B": "10", "C": "20", "D": "50"},
        frequency=1,
    )
    return services.plan_create(actor=lead, agency=agencies["east_market"], data=data)


def test_plans_by_deadline_and_title(client, lead, plan, later_plan):
    client.force_login(lead)
    listed = lambda **q: sorted_column(client, "/inspections/", column="pk", rows="page", **q)  # noqa: E731
    assert listed() == [later_plan.pk, plan.pk]  # the default: the newest first
    assert listed(sort="ends") == [later_plan.pk, plan.pk]
    assert listed(sort="-ends") == [plan.pk, later_plan.pk]
    assert listed(sort="frequency") == listed()


def test_tasks_by_risk_level_and_the_export_follows(client, lead, drawn):
    client.force_login(lead)
    tasks = drawn.tasks.all()
    expected = [t.stratum for t in sorted(tasks, key=lambda t: (t.stratum, t.pk), reverse=True)]
    page = client.get("/inspections/tasks/", {"sort": "-stratum", "page_size": "100"}).context["page"]
    assert [t.stratum for t in page] == expected
    rows = xlsx_rows(client.get("/inspections/tasks/", {"sort": "-stratum", "export": "1"}))
    assert [row[2] for row in rows[1:]] == expected
    default = client.get("/inspections/tasks/", {"sort": "subject", "page_size": "100"}).context["page"]
    assert [t.pk for t in default] == [t.pk for t in tasks.order_by("due_on", "id")]
