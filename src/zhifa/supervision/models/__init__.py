"""The supervision app's models, one module per feature (plans, actions, campaigns)."""

from .actions import Escalation, Finding, Instrument, Reply, ReplyFile, SupervisionItem
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
    "Escalation",
    "Finding",
    "Instrument",
    "LedgerEntry",
    "LedgerReport",
    "Oversight",
    "OversightExtension",
    "OversightReport",
    "PlanTask",
    "Reply",
    "ReplyFile",
    "SupervisionItem",
    "SupervisionPlan",
]
