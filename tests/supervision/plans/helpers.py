"""What the tests of 监督计划、工作台账与督办 count to show that a refusal wrote nothing."""

from tests.helpers import Writes
from zhifa.supervision.models import (
    LedgerEntry,
    LedgerReport,
    Oversight,
    OversightExtension,
    OversightReport,
    PlanTask,
    SupervisionPlan,
)


class Wrote(Writes):
    counted = (
        SupervisionPlan,
        PlanTask,
        LedgerEntry,
        LedgerReport,
        Oversight,
        OversightReport,
        OversightExtension,
    )
