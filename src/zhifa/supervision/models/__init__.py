"""The supervision app's models, one module per feature (plans, actions, campaigns, accountability)."""

from .accountability import AccountabilityCase
from .actions import Escalation, Finding, Instrument, Reply, ReplyFile, SupervisionItem
from .campaigns import (
    Campaign,
    CampaignFile,
    FileReview,
    ItemScore,
    ScoringTemplate,
    TemplateItem,
    TemplateVersion,
)
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
    "AccountabilityCase",
    "Campaign",
    "CampaignFile",
    "Escalation",
    "FileReview",
    "Finding",
    "Instrument",
    "ItemScore",
    "LedgerEntry",
    "LedgerReport",
    "Oversight",
    "OversightExtension",
    "OversightReport",
    "PlanTask",
    "Reply",
    "ReplyFile",
    "ScoringTemplate",
    "SupervisionItem",
    "SupervisionPlan",
    "TemplateItem",
    "TemplateVersion",
]
