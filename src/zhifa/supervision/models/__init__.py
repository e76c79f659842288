"""The supervision app's models, one module per feature (plans, actions, campaigns, problems, accountability)."""

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
from .problems import (
    FollowUp,
    MonitoringDevice,
    Problem,
    ProblemList,
    RectificationTask,
    TaskFile,
    TaskReport,
)

__all__ = [
    "AccountabilityCase",
    "Campaign",
    "CampaignFile",
    "Escalation",
    "FileReview",
    "Finding",
    "FollowUp",
    "Instrument",
    "ItemScore",
    "LedgerEntry",
    "LedgerReport",
    "MonitoringDevice",
    "Oversight",
    "OversightExtension",
    "OversightReport",
    "PlanTask",
    "Problem",
    "ProblemList",
    "RectificationTask",
    "Reply",
    "ReplyFile",
    "ScoringTemplate",
    "SupervisionItem",
    "SupervisionPlan",
    "TaskFile",
    "TaskReport",
    "TemplateItem",
    "TemplateVersion",
]
