"""公示的期限 — when a decision must be public, when it must come down.

Seed 003 (朝阳县全面推行“三项制度”工作方案) 二(二)6: 行政许可、行政处罚决定作出之日起7个工作日内,
其他执法决定作出之日起20个工作日内公开. 二(二)7 asks inspection results to be public “及时”: we hold them
to the 20 working days of 其他执法决定, counted from the day the result is recorded.
How long an entry stays public is left to local rules: settings with documented defaults.
"""

from datetime import datetime

from django.conf import settings
from django.utils import timezone

from .choices import DisclosureKind

DECISION_WORKDAYS = 7  # seed 003 二(二)6: 行政许可、行政处罚决定 7个工作日内公开
OTHER_WORKDAYS = 20  # seed 003 二(二)6: 其他执法决定 (and 检查结果) 20个工作日内公开
DEADLINE_WORKDAYS = {DisclosureKind.LICENCE: DECISION_WORKDAYS, DisclosureKind.PENALTY: DECISION_WORKDAYS}
WITHDRAW_WORKDAYS = 3  # 行政处罚法 第四十八条 第二款: 三日内撤回 (第八十五条: 工作日)


def now() -> datetime:
    """The publication clock: the moment `disclosure_publish` stamps as 公示时间 (one function, so the demo
    can publish a decision on the day it was due; the record of the publication keeps the real time)."""
    return timezone.now()


def workdays_for(kind: str) -> int:
    """The publication period of one 执法类别, in working days."""
    return DEADLINE_WORKDAYS.get(kind, OTHER_WORKDAYS)


def person_penalty_years() -> int:
    """公示期限 of a natural person's penalty (setting ZHIFA_PUBLICITY_PERSON_PENALTY_YEARS, default 2,
    as in most provinces' 行政执法公示办法)."""
    return int(getattr(settings, "ZHIFA_PUBLICITY_PERSON_PENALTY_YEARS", 2))


def entry_years() -> int:
    """公示期限 of every other entry (setting ZHIFA_PUBLICITY_YEARS, default 5)."""
    return int(getattr(settings, "ZHIFA_PUBLICITY_YEARS", 5))
