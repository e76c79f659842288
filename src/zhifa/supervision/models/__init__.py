"""The supervision app's models, one module per feature (plans, actions, campaigns)."""

from .plans import (
    LedgerEntry,
    LedgerReport,
    Oversight,
    OversightExtension,
    OversightReport,
    PlanTask,
    SupervisionPlan,
)

__all__ = [
    "LedgerEntry",
    "LedgerReport",
    "Oversight",
    "OversightExtension",
    "OversightReport",
    "PlanTask",
    "SupervisionPlan",
]
