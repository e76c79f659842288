"""The catalogue demo: a published version for each of the ten departments (≥30 items on real legal bases,
≥8 benchmarks), a second version with a diff, a draft, two delegations (one due soon, one overdue), post
duties with an overlap and a gap; loaded through the services, so the records verify; idempotent."""

from datetime import date
from decimal import Decimal

import pytest

from zhifa.catalog import discretion, selectors, versioning
from zhifa.catalog.models import (
    Benchmark,
    BenchmarkEvaluation,
    CatalogVersion,
    Delegation,
    EnforcementItem,
    Exemption,
    LegalBasis,
)
from zhifa.core.models import Agency
from zhifa.demo.catalog import DRAFT_AGENCY, MAIN

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_db):
    """The shared demo (tests/shared_demo.py)."""


def first_versions():
    return CatalogVersion.objects.filter(number=1, status="published")


def test_every_department_publishes_its_catalogue(demo):
    versions = first_versions().select_related("agency")
    assert versions.count() == 10
    assert {v.agency.kind for v in versions} == {"department"}
    assert {(v.reason, v.effective_from) for v in versions} == {("initial", date(2026, 1, 1))}
    for version in versions:
        assert version.content_hash == versioning.content_hash(versioning.snapshot(version))
        assert version.items.count() >= 3
    items = EnforcementItem.objects.filter(version__in=versions)
    assert items.count() >= 30
    assert {"penalty", "inspection", "license", "coercion"} <= set(items.values_list("category", flat=True))
    assert not items.filter(legal_bases__isnull=True).exists()
    assert not items.filter(service_guide="").exists()
    assert not items.filter(implementing_body__isnull=True).exists()
    random = items.filter(is_random_inspection=True)
    assert random.exists() and not random.filter(inspection_object="").exists()
    assert not random.filter(inspection_method="").exists()
    reviewed = items.filter(needs_legal_review=True)
    assert reviewed.filter(major_fine_threshold=Decimal(50000)).exists()
    assert reviewed.filter(major_on_revocation=True).exists()
    assert reviewed.filter(major_on_suspension=True).exists()
    for coercive in items.filter(category="coercion"):
        assert "seizure" in coercive.av_steps


def test_real_legal_bases(demo):
    bases = LegalBasis.objects.filter(item__version__in=first_versions())
    laws = set(bases.values_list("law_name", flat=True))
    assert {
        "中华人民共和国食品安全法",
        "中华人民共和国大气污染防治法",
        "中华人民共和国安全生产法",
        "中华人民共和国道路运输条例",
        "城市市容和环境卫生管理条例",
    } <= laws
    food = bases.filter(law_name="中华人民共和国食品安全法", article="第一百二十四条").first()
    assert "货值金额不足一万元的，并处五万元以上十万元以下罚款" in food.text
    assert "货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款" in food.text
    assert (food.statutory_min, food.statutory_max) == (Decimal(50000), Decimal(100000))


def test_benchmarks_stay_inside_the_statutory_range(demo):
    benchmarks = Benchmark.objects.filter(item__version__in=first_versions()).select_related("legal_basis")
    with_levels = [b for b in benchmarks if b.levels.count() >= 3]
    assert len(with_levels) >= 8
    for benchmark in benchmarks:
        basis = benchmark.legal_basis
        assert benchmark.item.category == "penalty"
        for level in benchmark.levels.exclude(fine_min=None):
            assert basis.statutory_min is None or level.fine_min >= basis.statutory_min
            assert basis.statutory_max is None or level.fine_max <= basis.statutory_max
            assert level.fine_min <= level.fine_max
    assert Exemption.objects.filter(
        kind="first_offence", benchmark__in=benchmarks, legal_basis__contains="第三十三条"
    ).exists()


def test_second_version_shows_the_diff_history(demo):
    agency = Agency.objects.get(name=MAIN)
    first, second = CatalogVersion.objects.filter(agency=agency, status="published").order_by("number")
    assert (second.number, second.reason, second.effective_from) == (2, "amended", date(2026, 7, 1))
    assert [c["code"] for c in second.diff["added"]] == ["SCJG-QZ-001"]
    assert second.diff["changed"] == [
        {"code": "SCJG-CF-001", "name": "生产经营不符合食品安全标准的食品", "parts": ["benchmark"]}
    ]
    assert not second.diff["removed"]
    assert selectors.version_in_force(agency, date(2026, 6, 30)) == first
    assert selectors.version_in_force(agency, date(2026, 7, 1)) == second
    item = first.items.get(code="SCJG-CF-001")
    assert discretion.recommend(item, {"fact_value": 2500}, on=date(2026, 6, 30)).level == "ordinary"
    later = discretion.recommend(item, {"fact_value": 2500}, on=date(2026, 7, 1))
    assert (later.version, later.level) == (2, "minor")
    assert BenchmarkEvaluation.objects.filter(
        agency=agency, item_code="SCJG-CF-001", needs_revision=True
    ).exists()


def test_a_draft_is_left_open(demo):
    draft = CatalogVersion.objects.get(status="draft")
    assert draft.agency.name == DRAFT_AGENCY and draft.number == 2
    assert draft.items.filter(code="YJGL-QZ-001").exists()


def test_two_delegations_one_due_soon_one_overdue(demo):
    delegations = Delegation.objects.select_related("from_agency", "to_agency")
    assert delegations.count() == 2
    assert {d.to_agency.name for d in delegations} == {"东湖街道办事处", "青山镇人民政府"}
    overdue, soon = selectors.delegations_due(delegations)
    assert overdue.count() == 1 and soon.count() == 1
    assert overdue.get().from_agency.name.startswith("青山县")
    assert soon.get().from_agency.name.startswith("东湖区")


def test_duties_have_an_overlap_and_a_gap(demo):
    agency = Agency.objects.get(name=MAIN)
    version = selectors.version_in_force(agency, date(2026, 11, 1))
    assert list(selectors.duty_overlaps(agency, version)) == ["SCJG-CF-002"]
    assert [item.code for item in selectors.duty_gaps(agency, version)] == ["SCJG-QZ-001"]


def test_published_versions_were_approved_by_the_county_reviewers(demo):
    """seed 003 二(一)2: each published version was approved by its county 司法局 (and, where its
    随机抽查事项清单 changed, by the county 市场监督管理局); one waits and one was returned."""
    for version in CatalogVersion.objects.filter(status="published").select_related("agency__region"):
        reviews = {r.list_name: r for r in version.reviews.select_related("reviewer__region")}
        justice = reviews["catalog"]
        assert justice.status == "approved" and justice.reviewer.kind == "justice"
        assert justice.reviewer.region_id == version.agency.region_id
        if "random" in reviews:
            assert reviews["random"].status == "approved"
            assert reviews["random"].reviewer.name.endswith("市场监督管理局")
    main = Agency.objects.get(name=MAIN)
    assert {r.list_name for r in CatalogVersion.objects.get(agency=main, number=1).reviews.all()} == {
        "catalog",
        "random",
    }
    waiting = CatalogVersion.objects.get(status="submitted")
    assert (waiting.agency.name, waiting.number) == ("东湖区生态环境局", 2)
    assert [(r.reviewer.name, r.status) for r in waiting.reviews.all()] == [("东湖区司法局", "pending")]
    returned = CatalogVersion.objects.get(status="returned")
    assert (returned.agency.name, returned.number) == (MAIN, 3)
    review = returned.reviews.get(status="returned")
    assert (review.reviewer.name, review.decided_by.username) == ("东湖区司法局", "dh_jd")
    assert review.reason.startswith("删除“食品经营许可”事项须以划转文件为依据")
    assert selectors.version_in_force(main, date(2027, 6, 1)).number == 2
