"""Money and dates as people read them (core.formatting, the |money |ymd |cn_date |money_in_words filters):
¥50,000.00 and 2026-12-03 on pages, 人民币伍万元整（¥50,000.00） and 2026年12月3日 in documents."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template

from zhifa.core import formatting


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("50000"), "¥50,000.00"),
        (Decimal("50000.00"), "¥50,000.00"),
        (Decimal("1234567.5"), "¥1,234,567.50"),
        (Decimal("0.05"), "¥0.05"),
        (0, "¥0.00"),
        (200, "¥200.00"),
        ("3000.1", "¥3,000.10"),
        (Decimal("-12.345"), "-¥12.35"),
        (None, ""),
        ("", ""),
        ("不是金额", ""),
    ],
)
def test_money_on_pages(value, shown):
    assert formatting.money(value) == shown


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Decimal("50000"), "人民币伍万元整（¥50,000.00）"),
        (Decimal("70000.00"), "人民币柒万元整（¥70,000.00）"),
        (Decimal("1.05"), "人民币壹元零伍分（¥1.05）"),
        (Decimal("0.50"), "人民币伍角整（¥0.50）"),
        (Decimal("100010"), "人民币壹拾万零壹拾元整（¥100,010.00）"),
        (Decimal("1234567.89"), "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分（¥1,234,567.89）"),
        (0, "人民币零元整（¥0.00）"),
        (None, ""),
    ],
)
def test_money_in_documents(value, words):
    assert formatting.money_in_words(value) == words


@pytest.mark.parametrize(
    ("value", "ymd", "cn"),
    [
        (date(2026, 12, 3), "2026-12-03", "2026年12月3日"),
        ("2026-03-20", "2026-03-20", "2026年3月20日"),
        (None, "", ""),
        ("", "", ""),
    ],
)
def test_dates(value, ymd, cn):
    assert (formatting.ymd(value), formatting.cn_date(value)) == (ymd, cn)


def test_a_datetime_is_shown_on_its_local_day():
    """23:30 UTC on 2 December is already 3 December in Beijing (TIME_ZONE Asia/Shanghai)."""
    late = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
    assert formatting.ymd(late) == "2026-12-03"
    assert formatting.cn_date(late) == "2026年12月3日7时30分"


def test_the_filters_are_built_into_every_template():
    template = Template(
        "{{ fine|money }} {{ none|money|default:'—' }} {{ on|ymd }} {{ on|cn_date }} {{ fine|money_in_words }}"
    )
    shown = template.render(Context({"fine": Decimal("50000"), "none": None, "on": date(2026, 12, 3)}))
    assert shown == "¥50,000.00 — 2026-12-03 2026年12月3日 人民币伍万元整（¥50,000.00）"
