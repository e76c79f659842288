"""执法人员管理的数额 — the numbers the registry's checks hold officers and agencies to.

No statute fixes them nationally; the policy documents do (seeds 000 §11, 001 §5, 003 四), and a
province may set stricter ones, so each is a setting (zhifa.settings) read here with its default.
"""

from decimal import Decimal

from django.conf import settings


def reviewer_ratio() -> Decimal:
    """法制审核人员 ≥ this share of the agency's officers (ZHIFA_REVIEWER_RATIO, default 0.05: seeds 000
    §11, 003 四(二)2 “原则上…不少于本单位执法人员总数的5%”). A Decimal, so that e.g. 60 × 5% is exactly 3."""
    return Decimal(str(getattr(settings, "ZHIFA_REVIEWER_RATIO", "0.05")))


def reviewer_percent() -> str:
    """The ratio as people read it: "5"."""
    return f"{(reviewer_ratio() * 100).normalize():f}"


def training_hours_per_year() -> Decimal:
    """执法人员每年培训学时 (ZHIFA_TRAINING_HOURS_PER_YEAR, default 60: seed 001 §5 “每人每年接受不少于60学时”)."""
    return Decimal(getattr(settings, "ZHIFA_TRAINING_HOURS_PER_YEAR", 60))


def new_officer_public_law_hours() -> Decimal:
    """新任执法人员公共法律知识培训学时 (ZHIFA_NEW_OFFICER_PUBLIC_LAW_HOURS, default 30)."""
    return Decimal(getattr(settings, "ZHIFA_NEW_OFFICER_PUBLIC_LAW_HOURS", 30))


def reviewer_training_hours_per_year() -> Decimal:
    """法制审核人员每年法制审核业务培训学时 (ZHIFA_REVIEWER_TRAINING_HOURS_PER_YEAR, default 20). Seed 003 四(二)3
    requires a 法制审核人员培训制度 but names no hours; the default is ours, set per deployment."""
    return Decimal(getattr(settings, "ZHIFA_REVIEWER_TRAINING_HOURS_PER_YEAR", 20))
