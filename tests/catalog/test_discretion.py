"""Discretion benchmarks: validation against the statutory range, and the calculator's rules."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.catalog.conftest import FIRST_OFFENCE, FOOD_BASIS, LEVELS, item_fields
from tests.catalog.helpers import submit_and_approve
from zhifa.catalog import discretion, services
from zhifa.catalog.services import BasisInput, ExemptionInput, LevelInput

pytestmark = pytest.mark.django_db


def set_levels(item, levels, **kwargs):
    return services.benchmark_set(
        actor=None,
        item=item,
        legal_basis=item.legal_bases.get(),
        levels=levels,
        fact_label="货值金额（元）",
        **kwargs,
    )


class TestBenchmarkValidation:
    def test_minimum_above_maximum(self, food_item):
        bad = LevelInput(
            "minor",
            "x",
            Decimal(0),
            Decimal(10),
            fine_basis="amount",
            fine_min=Decimal(70000),
            fine_max=Decimal(60000),
        )
        with pytest.raises(ValidationError, match="下限不能高于上限"):
            set_levels(food_item, [bad])

    def test_outside_the_statutory_range(self, food_item):
        low = LevelInput(
            "minor",
            "x",
            Decimal(0),
            Decimal(10),
            fine_basis="amount",
            fine_min=Decimal(1000),
            fine_max=Decimal(60000),
        )
        high = LevelInput(
            "minor",
            "x",
            Decimal(0),
            Decimal(10),
            fine_basis="amount",
            fine_min=Decimal(50000),
            fine_max=Decimal(150000),
        )
        with pytest.raises(ValidationError, match="低于法定下限"):
            set_levels(food_item, [low])
        with pytest.raises(ValidationError, match="超出法定上限"):
            set_levels(food_item, [high])

    def test_basis_kind_must_match_the_law(self, food_item):
        multiple = LevelInput(
            "minor",
            "x",
            Decimal(0),
            Decimal(10),
            fine_basis="goods_value",
            fine_min=Decimal(10),
            fine_max=Decimal(20),
        )
        with pytest.raises(ValidationError, match="计算方式"):
            set_levels(food_item, [multiple])

    def test_overlapping_conditions(self, food_item):
        overlapping = [
            LEVELS[0],
            LevelInput(
                "ordinary",
                "货值金额1000元以上",
                Decimal(1000),
                Decimal(5000),
                fine_basis="amount",
                fine_min=Decimal(60000),
                fine_max=Decimal(80000),
            ),
        ]
        with pytest.raises(ValidationError, match="重叠"):
            set_levels(food_item, overlapping)

    def test_only_penalty_items_have_benchmarks(self, draft):
        item = services.item_create(
            actor=None,
            draft=draft,
            code="JC-1",
            legal_bases=[FOOD_BASIS],
            **item_fields(category="inspection"),
        )
        with pytest.raises(ValidationError, match="行政处罚"):
            set_levels(item, LEVELS)

    def test_nothing_is_written_on_error(self, food_item):
        with pytest.raises(ValidationError):
            set_levels(food_item, [LEVELS[0], LEVELS[0]])
        assert not hasattr(type(food_item).objects.get(pk=food_item.pk), "benchmark")


class TestCalculator:
    def test_fact_picks_the_level_and_range(self, published):
        item = published.items.get()
        result = discretion.recommend(item, {"fact_value": 3000}, on=date(2026, 6, 1))
        assert (result.level, result.fine_min, result.fine_max) == (
            "ordinary",
            Decimal(60000),
            Decimal(80000),
        )
        assert result.allows_fine(Decimal(70000)) and not result.allows_fine(Decimal(90000))
        assert not result.no_penalty
        assert any("第一百二十四条" in line for line in result.basis)
        assert any("清单第1版" in line for line in result.basis)

    @pytest.mark.parametrize(
        ("value", "level"), [(0, "minor"), (1999.99, "minor"), (2000, "ordinary"), (9999, "serious")]
    )
    def test_level_boundaries_are_half_open(self, published, value, level):
        assert (
            discretion.recommend(published.items.get(), {"fact_value": value}, on=date(2026, 6, 1)).level
            == level
        )

    def test_value_outside_every_level(self, published):
        with pytest.raises(ValidationError, match="不在任何情节"):
            discretion.recommend(published.items.get(), {"fact_value": 20000}, on=date(2026, 6, 1))

    def test_first_offence_exemption_needs_every_condition(self, published):
        item = published.items.get()
        partial = discretion.recommend(item, {"fact_value": 100, "first_offence": True}, on=date(2026, 6, 1))
        assert not partial.no_penalty
        assert partial.exemptions[0]["missing"] == ["危害后果轻微", "及时改正"]
        full = discretion.recommend(
            item,
            {"fact_value": 100, "first_offence": True, "harm_minor": True, "corrected_in_time": True},
            on=date(2026, 6, 1),
        )
        assert full.no_penalty
        assert any("首违不罚" in line for line in full.basis)

    def test_multiples_of_goods_value(self, agencies, draft):
        basis = BasisInput(
            "某条例",
            "local_regulation",
            "第十条",
            "处货值金额五倍以上十倍以下罚款",
            fine_basis="goods_value",
            statutory_min=Decimal(5),
            statutory_max=Decimal(10),
        )
        item = services.item_create(actor=None, draft=draft, code="M-1", legal_bases=[basis], **item_fields())
        services.benchmark_set(
            actor=None,
            item=item,
            legal_basis=item.legal_bases.get(),
            levels=[
                LevelInput(
                    "ordinary", "一般", fine_basis="goods_value", fine_min=Decimal(5), fine_max=Decimal(7)
                )
            ],
        )
        submit_and_approve(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))
        result = discretion.recommend(
            item, {"circumstance": "ordinary", "goods_value": "1234.50"}, on=date(2026, 6, 1)
        )
        assert (result.fine_min, result.fine_max) == (Decimal("6172.50"), Decimal("8641.50"))
        with pytest.raises(ValidationError, match="货值金额"):
            discretion.recommend(item, {"circumstance": "ordinary"}, on=date(2026, 6, 1))

    def test_the_version_in_force_on_the_date_is_used(self, agencies, published):
        draft = services.draft_open(actor=None, agency=agencies["east_market"])
        item = draft.items.get()
        services.benchmark_set(
            actor=None,
            item=item,
            legal_basis=item.legal_bases.get(),
            levels=[
                LevelInput(
                    "minor",
                    "货值金额不足一万元",
                    Decimal(0),
                    Decimal(10000),
                    fine_basis="amount",
                    fine_min=Decimal(50000),
                    fine_max=Decimal(55000),
                )
            ],
            exemptions=[FIRST_OFFENCE],
            fact_label="货值金额（元）",
        )
        submit_and_approve(actor=None, draft=draft, reason="amended", effective_from=date(2026, 7, 1))
        old_item = published.items.get()
        assert discretion.recommend(old_item, {"fact_value": 3000}, on=date(2026, 6, 30)).fine_max == Decimal(
            80000
        )
        newer = discretion.recommend(old_item, {"fact_value": 3000}, on=date(2026, 7, 1))
        assert (newer.version, newer.fine_max) == (2, Decimal(55000))

    def test_no_version_in_force(self, published):
        with pytest.raises(ValidationError, match="没有施行中的清单版本"):
            discretion.recommend(published.items.get(), {"fact_value": 1}, on=date(2025, 1, 1))


def test_exemptions_are_validated(food_item):
    bad = [
        ExemptionInput("nonsense", "x"),
        ExemptionInput("first_offence", "x", ("first_offence", "moon_is_full")),
    ]
    with pytest.raises(ValidationError) as exc:
        set_levels(food_item, LEVELS, exemptions=bad)
    assert {"exemptions[1].kind", "exemptions[2].required_facts"} <= set(exc.value.message_dict)
