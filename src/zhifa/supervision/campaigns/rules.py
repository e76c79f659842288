"""The numbers of 案卷评查. Seed 000 §19 asks for at least one campaign a year; the number of files per
agency is not fixed by a text we hold, so it is a setting with the issue's default."""

from django.conf import settings

REVIEWERS_PER_FILE = 2  # 交叉评查: each file is scored by two reviewers, a third only on disagreement


def min_files_per_agency() -> int:
    """每个机关至少抽取的案卷数 (setting ZHIFA_CAMPAIGN_MIN_FILES, default 10; an agency with fewer closed
    files has all of them drawn)."""
    return int(getattr(settings, "ZHIFA_CAMPAIGN_MIN_FILES", 10))
