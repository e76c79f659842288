"""统计年报 across a region (publicity.annual_report.compute_all): every figure one grouped query over all the
agencies — exact figures per agency, and the same number of queries for 2 agencies as for 5."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.conftest import catalogue  # noqa: F401 (a fixture)
from tests.detection.conftest import make_case  # noqa: F401 (a fixture)
from tests.factories import AgencyFactory
from zhifa.cases.choices import DecisionKind
from zhifa.cases.models import Decision
from zhifa.publicity import annual_report

pytestmark = pytest.mark.django_db
YEAR = 2026


def _values(rows: list[dict]) -> dict[str, str]:
    return {row["key"]: row["value"] for row in rows}


def _nonzero(rows: list[dict]) -> dict[str, str]:
    return {key: value for key, value in _values(rows).items() if value not in ("0", "0.00")}


def test_two_agencies_get_their_own_exact_figures(make_case, agencies):  # noqa: F811
    east, west = agencies["east_market"], agencies["west_market"]
    warned = make_case(east, fine="5000")
    Decision.objects.filter(case=warned).update(measures=["warning", "suspend_licence"])
    make_case(east, fine="1234.56", decided_on=date(YEAR, 5, 20))
    make_case(east, fine=None, kind=DecisionKind.NO_PENALTY)
    make_case(east, fine="999", registered_on=date(YEAR - 1, 12, 1), decided_on=date(YEAR - 1, 12, 20))
    make_case(west, fine="200")
    make_case(west, decide=False)

    found = annual_report.compute_all([east.pk, west.pk], YEAR)

    assert _nonzero(found[east.pk]) == {
        "cases.registered": "3",
        "cases.penalties": "2",
        "cases.measure.warning": "1",
        "cases.measure.fine": "2",
        "cases.measure.suspend_licence": "1",
        "cases.fine_total": "6234.56",
        "cases.no_penalty": "1",
    }
    assert _nonzero(found[west.pk]) == {
        "cases.registered": "2",
        "cases.penalties": "1",
        "cases.measure.fine": "1",
        "cases.fine_total": "200.00",
    }
    # the same rows, in the same order, as one agency's report alone
    assert found[east.pk] == annual_report.compute(east, YEAR)
    assert [row["key"] for row in found[west.pk]] == [row["key"] for row in found[east.pk]]


def test_the_queries_are_the_same_for_two_agencies_as_for_five(make_case, agencies, city):  # noqa: F811
    two = [agencies["east_market"], agencies["west_market"]]
    five = two + [AgencyFactory(name=f"东区第{n}局", region=city["east"]) for n in range(3)]
    for agency in five:
        make_case(agency, fine="100")
    with CaptureQueriesContext(connection) as for_two:
        annual_report.compute_all([a.pk for a in two], YEAR)
    with CaptureQueriesContext(connection) as for_five:
        found = annual_report.compute_all([a.pk for a in five], YEAR)
    assert len(for_five.captured_queries) == len(for_two.captured_queries) == 9
    assert [_values(found[a.pk])["cases.penalties"] for a in five] == ["1"] * 5
