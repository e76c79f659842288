from .bodies import BodyChange, EnforcementBody
from .fields import EnforcementField
from .officers import Certificate, Officer
from .summaries import ScopeSummary
from .training import Assessment, TrainingRecord

__all__ = [
    "Assessment",
    "BodyChange",
    "Certificate",
    "EnforcementBody",
    "EnforcementField",
    "Officer",
    "ScopeSummary",
    "TrainingRecord",
]
