"""Genuine 居民身份证号码 are accepted whatever the region code's era; broken ones are refused by reason."""

import pytest
from django.core.exceptions import ValidationError

from zhifa.core.validators import id_number_with_check, is_id_number, validate_id_number


@pytest.mark.parametrize(
    "number",
    [
        "320102198001011238",  # 玄武区, a code python-stdnum dates "from 1983", born 1980
        id_number_with_check("31011519800101123"),  # 浦东新区 (1992-), born 1980
        id_number_with_check("50011219700101123"),  # 渝北区 (1997-), born 1970
        id_number_with_check("11010119491001002"),  # 东城区, born on the founding day
    ],
)
def test_real_numbers_are_accepted(number):
    validate_id_number(number)
    assert is_id_number(number)


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("320102198001011230", "校验位不正确"),
        (id_number_with_check("99999919800101123"), "出生日期或地区码不正确"),  # no such region
        (id_number_with_check("32010219801301123"), "出生日期或地区码不正确"),  # month 13
        (id_number_with_check("32010221000101123"), "出生日期或地区码不正确"),  # born in 2100
        ("32010219800101123", "长度不正确"),
        ("3201021980010112A8", "包含不允许的字符"),
    ],
)
def test_broken_numbers_are_refused_with_the_reason(number, reason):
    with pytest.raises(ValidationError) as refused:
        validate_id_number(number)
    assert refused.value.messages == [f"身份证号码无效：{reason}"]
    assert not is_id_number(number)
