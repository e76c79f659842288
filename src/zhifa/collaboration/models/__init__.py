"""The 协同 models, one module per part (imported here so Django finds them)."""

from .assistance import AssistanceRequest  # noqa: F401
from .notices import Notice, SharingEntry  # noqa: F401
from .referrals import Referral  # noqa: F401
