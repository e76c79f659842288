"""The 法制审核 list on the core list kit (selectors.REVIEW_SORTS): exact order both ways, the default for
an undeclared column, the export in the same order."""

from datetime import date

import pytest

from tests.cases.conftest import intake
from tests.helpers import sorted_column, xlsx_rows
from zhifa.cases import services as cases
from zhifa.cases.models import Case
from zhifa.review.models import Review


@pytest.fixture
def two(submitted, agencies, handler_user):
    other = cases.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake())
    Case.objects.filter(pk=other.pk).update(party_name="乙公司")
    second = Review.objects.create(case=other, due_on=date(2026, 4, 1), created_by=handler_user)
    Review.objects.filter(pk=submitted.pk).update(due_on=date(2026, 4, 10))
    return [submitted, second]


def listed(client, **params) -> list[int]:
    return sorted_column(client, "/review/", column="pk", **params)


def test_the_deadline_both_ways_and_the_default(client, reviewer, two):
    first, second = two
    client.force_login(reviewer)
    assert listed(client, sort="due") == [second.pk, first.pk]
    assert listed(client, sort="-due") == [first.pk, second.pk]
    assert listed(client, sort="created_at") == listed(client)


def test_the_export_follows_the_sort(client, reviewer, two):
    first, _ = two
    client.force_login(reviewer)
    body = client.get("/review/", {"sort": "-due"}).content.decode()
    assert 'href="/review/export.xlsx?sort=-due"' in body
    rows = xlsx_rows(client.get("/review/export.xlsx", {"sort": "due"}))
    assert [row[1] for row in rows[1:]] == ["乙公司", first.case.party_name]
