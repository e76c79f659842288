"""法制审核的期限 — the review period is not fixed by the 行政处罚法 (第五十八条 requires the review, not
its length); each agency's 法制审核办法 sets it. Setting ZHIFA_REVIEW_WORKDAYS, default 5 working days."""

from django.conf import settings


def review_workdays() -> int:
    """Working days a reviewer has for one round (setting ZHIFA_REVIEW_WORKDAYS, default 5)."""
    return int(getattr(settings, "ZHIFA_REVIEW_WORKDAYS", 5))
