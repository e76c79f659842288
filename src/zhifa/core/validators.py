"""Validators for Chinese identifiers, built on python-stdnum, with messages that name the field."""

import re

from django.core.exceptions import ValidationError
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

REGION_CODE_RE = re.compile(r"^\d{6}(\d{3})?$")


def validate_credit_code(value: str) -> None:
    """统一社会信用代码 (GB 32100-2015): 18 characters with a check character."""
    try:
        uscc.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            "统一社会信用代码“%(value)s”无效：%(reason)s",
            code="invalid_credit_code",
            params={"value": value, "reason": _reason(exc)},
        ) from exc


def validate_id_number(value: str) -> None:
    """居民身份证号码 (GB 11643): 18 digits, a real birth date and region, and the check digit."""
    try:
        ric.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            "身份证号码无效：%(reason)s",
            code="invalid_id_number",
            params={"reason": _reason(exc)},
        ) from exc


def validate_region_code(value: str) -> None:
    """行政区划代码: 6 digits (GB/T 2260); a township adds 3 (GB/T 10114)."""
    if not REGION_CODE_RE.match(value or ""):
        raise ValidationError(
            "行政区划代码“%(value)s”格式错误：应为6位数字（乡级为9位）",
            code="invalid_region_code",
            params={"value": value},
        )


def _reason(exc: StdnumError) -> str:
    reasons = {
        "InvalidLength": "长度不正确",
        "InvalidFormat": "包含不允许的字符",
        "InvalidChecksum": "校验位不正确",
        "InvalidComponent": "出生日期或地区码不正确",
    }
    return reasons.get(type(exc).__name__, "格式不正确")


def credit_code_with_check(first17: str) -> str:
    """Complete the first 17 characters of a 统一社会信用代码 with its check character (demo data, tests)."""
    return first17 + uscc.calc_check_digit(first17)


def id_number_with_check(first17: str) -> str:
    """Complete the first 17 digits of an ID number with its check digit (demo data, tests)."""
    return first17 + ric.calc_check_digit(first17 + "0")
