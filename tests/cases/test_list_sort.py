"""The case list's sortable columns (selectors.CASE_SORTS): exact order both ways, the default kept for a
column not declared, the export in the same order, no extra query."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.conftest import intake
from tests.helpers import sorted_column, xlsx_rows
from zhifa.cases import services
from zhifa.cases.models import Case


@pytest.fixture
def three(agencies, catalogue, handler_user):
    """Three cases, registered on different days, parties and numbers in another order."""
    made = []
    for party, registered_on, number in (
        ("乙公司", date(2026, 3, 3), "东市监立〔2026〕2号"),
        ("甲公司", date(2026, 3, 1), "东市监立〔2026〕3号"),
        ("丙公司", date(2026, 3, 2), "东市监立〔2026〕1号"),
    ):
        case = services.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake())
        Case.objects.filter(pk=case.pk).update(party_name=party, registered_on=registered_on, number=number)
        made.append(case)
    return made


def parties(client, **params) -> list[str]:
    return sorted_column(client, "/cases/", column=lambda row: row["case"].party_name, **params)


def test_registered_on_ascending_and_descending(client, handler_user, three):
    client.force_login(handler_user)
    assert parties(client, sort="registered") == ["甲公司", "丙公司", "乙公司"]
    assert parties(client, sort="-registered") == ["乙公司", "丙公司", "甲公司"]


def test_number_and_party(client, handler_user, three):
    client.force_login(handler_user)
    assert parties(client, sort="number") == ["丙公司", "乙公司", "甲公司"]
    assert parties(client, sort="-party") == sorted(["乙公司", "甲公司", "丙公司"], reverse=True)


@pytest.mark.parametrize("sort", ["created_at", "-summary", "registered_on", "agency__name", "-"])
def test_a_column_not_declared_is_the_newest_first(client, handler_user, three, sort):
    client.force_login(handler_user)
    assert parties(client, sort=sort) == ["丙公司", "甲公司", "乙公司"]


def test_the_header_shows_the_direction_and_the_export_follows(client, handler_user, three):
    client.force_login(handler_user)
    body = client.get("/cases/", {"status": "intake", "sort": "-registered"}).content.decode()
    assert (
        '<th aria-sort="descending" class="sortable"><a href="?status=intake&amp;sort=registered">立案日期'
        in body
    )
    assert 'href="/cases/export.xlsx?status=intake&amp;sort=-registered"' in body
    rows = xlsx_rows(client.get("/cases/export.xlsx", {"status": "intake", "sort": "-registered"}))
    assert [row[5] for row in rows[1:]] == ["乙公司", "丙公司", "甲公司"]


def test_sorting_adds_no_query(client, handler_user, three):
    client.force_login(handler_user)
    parties(client)
    with CaptureQueriesContext(connection) as default:
        parties(client)
    with CaptureQueriesContext(connection) as sorted_:
        parties(client, sort="-party", page_size="50")
    assert len(sorted_) == len(default)
