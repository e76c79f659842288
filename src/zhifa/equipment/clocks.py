"""The numbers the equipment register is held to. No text we hold fixes them: seed 003 三(一)4 leaves the
配备比例和标准 to each 系统's province and city departments, so each is a setting with its default, and an
agency's own standard (EquipmentStandard, set by its justice bureau) overrides the ratio.

- ZHIFA_EQUIPMENT_RATIO (default "1"): 音像记录设备 in use per front-line officer (行政执法人员 在岗).
"""

import math
from decimal import Decimal

from django.conf import settings

DEFAULT_EQUIPMENT_RATIO = "1"


def default_ratio() -> Decimal:
    return Decimal(str(getattr(settings, "ZHIFA_EQUIPMENT_RATIO", DEFAULT_EQUIPMENT_RATIO)))


def required(officers: int, ratio: Decimal) -> int:
    """Devices an agency of `officers` front-line officers needs at `ratio` (rounded up: 3 officers at
    0.5 need 2 devices)."""
    return math.ceil(officers * ratio) if officers else 0
