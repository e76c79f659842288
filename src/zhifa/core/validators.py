"""Validators for Chinese identifiers, built on python-stdnum, with messages that name the field."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_exceptions
from stdnum import numdb
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
    """居民身份证号码 (GB 11643): 18 digits, a real birth date, a region code that is or was a GB/T 2260
    code, and the check digit.

    python-stdnum also insists that the region code existed in the birth year, and its table dates many
    codes from a later renaming (玄武区 320102 "since 1983"), so it refuses genuine numbers of people born
    before: we check that the code was ever assigned, which is what a number issued then can show."""
    try:
        number = ric.compact(value)
        if len(number) != 18:
            raise stdnum_exceptions.InvalidLength()
        if not number[:17].isdigit():
            raise stdnum_exceptions.InvalidFormat()
        if number[-1] != ric.calc_check_digit(number):
            raise stdnum_exceptions.InvalidChecksum()
        if ric.get_birth_date(number) > date.today():
            raise stdnum_exceptions.InvalidComponent()
        if not _region_ever_assigned(number[:6]):
            raise stdnum_exceptions.InvalidComponent()
    except StdnumError as exc:
        raise ValidationError(
            "身份证号码无效：%(reason)s",
            code="invalid_id_number",
            params={"reason": _reason(exc)},
        ) from exc


def is_id_number(value: str) -> bool:
    try:
        validate_id_number(value)
    except ValidationError:
        return False
    return True


def _region_ever_assigned(code: str) -> bool:
    """Whether a 6-digit 行政区划代码 names a county-level area, now or in the past (python-stdnum's
    table of GB/T 2260 codes with their periods)."""
    info = {key: value for _, props in numdb.get("cn/loc").info(code) for key, value in props.items()}
    return bool(info.get("county"))


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
