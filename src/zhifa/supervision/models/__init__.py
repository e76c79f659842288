"""The supervision app's models, one module per feature (plans, actions, campaigns)."""

from .campaigns import (
    Campaign,
    CampaignFile,
    FileReview,
    ItemScore,
    ScoringTemplate,
    TemplateItem,
    TemplateVersion,
)

__all__ = [
    "Campaign",
    "CampaignFile",
    "FileReview",
    "ItemScore",
    "ScoringTemplate",
    "TemplateItem",
    "TemplateVersion",
]
