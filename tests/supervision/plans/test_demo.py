"""The demo's 监督计划、工作台账与督办 (`demo.supervision.load_plans`) on the demo organisations, on a fixed day:
the city's and 东湖区's plans of the year, published; every entry past its deadline reported but one; a 督办
in progress with a report and an extension; idempotent."""

import io
from datetime import date

import pytest

from zhifa.core import records
from zhifa.demo import core as demo_core
from zhifa.demo.supervision import load_plans
from zhifa.supervision.models import LedgerEntry, LedgerReport, Oversight, SupervisionPlan
from zhifa.supervision.plans import selectors

pytestmark = pytest.mark.django_db


def test_demo_plans_ledger_and_oversight(clock):
    clock.set(date(2026, 12, 3))
    out = io.StringIO()
    demo_core.load(out)
    load_plans(out)
    counts = [m.objects.count() for m in (SupervisionPlan, LedgerEntry, LedgerReport, Oversight)]
    load_plans(out)
    assert [m.objects.count() for m in (SupervisionPlan, LedgerEntry, LedgerReport, Oversight)] == counts
    # 江州市: 12 milestones × 14 agencies that are not justice bureaus (江州市市场监督管理局 included) + its
    # own; 东湖区: 12 × 7 + its own
    assert counts == [2, 12 * 14 + 1 + 12 * 7 + 1, 254 - 1, 1]
    assert set(SupervisionPlan.objects.values_list("status", "year")) == {("published", 2026)}
    overdue = [e for e in LedgerEntry.objects.select_related("agency") if selectors.is_overdue(e)]
    assert [e.agency.name for e in overdue] == ["东湖区生态环境局"]
    oversight = Oversight.objects.get()
    assert (oversight.status, oversight.agency.name, oversight.supervisor_agency.name) == (
        "in_progress",
        "东湖区市场监督管理局",
        "东湖区司法局",
    )
    assert (oversight.reports.count(), oversight.extensions.count()) == (1, 1)
    assert oversight.due > date(2026, 12, 3)
    assert records.verify().ok
