"""The 协同 models, one module per part (imported here so Django finds them)."""

from .joint import ActionTask, Finding, FindingShare, Handover, JointAction, Participant  # noqa: F401
from .meetings import Meeting, MeetingDecision  # noqa: F401
from .organisation import GroupMember, LeadingGroup, Liaison  # noqa: F401
