from datetime import date
from decimal import Decimal

import pytest

from tests.catalog.helpers import submit_and_approve
from tests.factories import field
from zhifa.catalog import services
from zhifa.catalog.services import BasisInput, ExemptionInput, LevelInput

FOOD_BASIS = BasisInput(
    law_name="中华人民共和国食品安全法",
    rank="law",
    article="第一百二十四条",
    text="……生产经营不符合食品安全标准的食品……货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款……",
    fine_basis="amount",
    statutory_min=Decimal("50000"),
    statutory_max=Decimal("100000"),
)


def item_fields(**overrides):
    return {
        "name": "销售不符合食品安全标准的食品",
        "category": "penalty",
        "field": field("market"),
        "level": "county",
        **overrides,
    }


@pytest.fixture
def draft(agencies):
    return services.draft_open(actor=None, agency=agencies["east_market"])


@pytest.fixture
def food_item(draft):
    return services.item_create(
        actor=None, draft=draft, code="SCJG-CF-001", legal_bases=[FOOD_BASIS], **item_fields()
    )


LEVELS = [
    LevelInput(
        "minor",
        "货值金额不足2000元",
        Decimal("0"),
        Decimal("2000"),
        fine_basis="amount",
        fine_min=Decimal("50000"),
        fine_max=Decimal("60000"),
    ),
    LevelInput(
        "ordinary",
        "货值金额2000元以上不足5000元",
        Decimal("2000"),
        Decimal("5000"),
        fine_basis="amount",
        fine_min=Decimal("60000"),
        fine_max=Decimal("80000"),
    ),
    LevelInput(
        "serious",
        "货值金额5000元以上不足10000元",
        Decimal("5000"),
        Decimal("10000"),
        fine_basis="amount",
        fine_min=Decimal("80000"),
        fine_max=Decimal("100000"),
        confiscate=True,
    ),
]
FIRST_OFFENCE = ExemptionInput(
    "first_offence",
    "初次违法且危害后果轻微并及时改正",
    ("first_offence", "harm_minor", "corrected_in_time"),
    "行政处罚法第三十三条第一款",
)


@pytest.fixture
def food_benchmark(food_item):
    return services.benchmark_set(
        actor=None,
        item=food_item,
        legal_basis=food_item.legal_bases.get(),
        levels=LEVELS,
        exemptions=[FIRST_OFFENCE],
        fact_label="货值金额（元）",
    )


@pytest.fixture
def published(draft, food_benchmark):
    return submit_and_approve(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))
