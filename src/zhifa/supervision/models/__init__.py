"""The supervision app's models, one module per feature (plans, actions, campaigns)."""

from .actions import Escalation, Finding, Instrument, Reply, ReplyFile, SupervisionItem

__all__ = ["Escalation", "Finding", "Instrument", "Reply", "ReplyFile", "SupervisionItem"]
