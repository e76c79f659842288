import pytest
from django.db import transaction

from tests.concurrency import run_in_processes
from zhifa.core import numbering
from zhifa.core.models import Agency, NumberFormat

pytestmark = pytest.mark.django_db


def test_numbers_are_sequential_per_agency_kind_and_year(agencies):
    agency = agencies["east_market"]
    NumberFormat.objects.create(agency=agency, kind="罚决", prefix="东市监罚")
    assert numbering.next_number(agency, "罚决", year=2026) == "东市监罚〔2026〕1号"
    assert numbering.next_number(agency, "罚决", year=2026) == "东市监罚〔2026〕2号"
    assert numbering.next_number(agency, "罚决", year=2027) == "东市监罚〔2027〕1号"
    assert numbering.next_number(agencies["west_market"], "罚决", year=2026).endswith("〔2026〕1号")


def test_without_a_configured_prefix_the_short_name_and_kind_are_used(agencies):
    agency = agencies["east_market"]
    assert numbering.next_number(agency, "立", year=2026) == f"{agency.short_name}立〔2026〕1号"


def test_a_rolled_back_document_does_not_consume_its_number(agencies):
    agency = agencies["east_market"]
    numbering.next_number(agency, "罚决", year=2026)
    with pytest.raises(RuntimeError), transaction.atomic():
        numbering.next_number(agency, "罚决", year=2026)
        raise RuntimeError("the document failed to save")
    assert numbering.next_number(agency, "罚决", year=2026).endswith("〔2026〕2号")


def test_the_year_defaults_to_the_local_date(agencies, settings):
    from django.utils import timezone

    number = numbering.next_number(agencies["east_market"], "罚决")
    assert f"〔{timezone.localdate().year}〕" in number


def _take_numbers(agency_id: int, n: int) -> list[str]:
    agency = Agency.objects.get(pk=agency_id)
    return [numbering.next_number(agency, "罚决", year=2026) for _ in range(n)]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_get_no_gap_and_no_duplicate(agencies):
    agency = agencies["east_market"]
    NumberFormat.objects.create(agency=agency, kind="罚决", prefix="东市监罚")
    results = run_in_processes(_take_numbers, [(agency.pk, 20)] * 5)
    numbers = [number for result in results for number in result]
    assert sorted(numbers) == sorted(f"东市监罚〔2026〕{i}号" for i in range(1, 101))
