"""Settings per region (issue 13: a deadline no text we hold fixes is a setting per region with a documented
default). A setting of this kind maps 区划代码 to a value; the nearest region up the tree that names one wins
(a county's own value, else its city's, else its province's), and a region none names gets the default."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings

from zhifa.core.models import Region


def nearest(region: Region | None, configured: Mapping[str, Any]) -> Any | None:
    """The value `configured` gives the nearest of `region` and its ancestors, or None."""
    if region is None:
        return None
    for code in reversed([part for part in region.path.split("/") if part]):
        value = configured.get(code)
        if value is not None:
            return value
    return None


def workdays_setting(name: str, region: Region | None, default: int) -> int:
    """A number of working days: `<name>_BY_REGION` ({区划代码: 工作日}) for the nearest region up the tree,
    else `<name>` (every region), else `default`."""
    value = nearest(region, getattr(settings, f"{name}_BY_REGION", {}) or {})
    return int(getattr(settings, name, default) if value is None else value)
