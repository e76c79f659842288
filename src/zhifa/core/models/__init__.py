from .calendar import HolidayOverride
from .numbering import NumberFormat, NumberSequence
from .organisations import Agency, Region
from .record import Record, RecordChain

__all__ = ["Agency", "HolidayOverride", "NumberFormat", "NumberSequence", "Record", "RecordChain", "Region"]
