"""The 协同 models, one module per part (imported here so Django finds them)."""

from .assistance import AssistanceRequest  # noqa: F401
from .boundaries import BoundaryItem  # noqa: F401  (transfers)
from .joint import ActionTask, Finding, FindingShare, Handover, JointAction, Participant  # noqa: F401
from .meetings import Meeting, MeetingDecision  # noqa: F401
from .notices import Notice, SharingEntry  # noqa: F401
from .organisation import GroupMember, LeadingGroup, Liaison  # noqa: F401
from .referrals import Referral  # noqa: F401
from .transfers import Dispute, Transfer, TransferEvidence  # noqa: F401  (transfers)
