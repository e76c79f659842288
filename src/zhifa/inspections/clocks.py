"""涉企检查的频次 — 国办发〔2024〕54号 asks to avoid repeated inspections of one enterprise but leaves the
numbers to local rules: settings with documented defaults. (The 公示 of results is publicity's clock.)"""

from django.conf import settings


def reinspection_days() -> int:
    """Another inspection of the same enterprise within this many natural days is warned about and needs
    a stated reason (setting ZHIFA_REINSPECTION_DAYS, default 30)."""
    return int(getattr(settings, "ZHIFA_REINSPECTION_DAYS", 30))


def enterprise_yearly_cap() -> int:
    """Inspections of one enterprise a year before the guard asks for a reason, unless the directory sets
    its own cap (setting ZHIFA_ENTERPRISE_YEARLY_CAP, default 2)."""
    return int(getattr(settings, "ZHIFA_ENTERPRISE_YEARLY_CAP", 2))
