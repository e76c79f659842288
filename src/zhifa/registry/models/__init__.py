from .bodies import BodyChange, EnforcementBody
from .fields import EnforcementField
from .officers import Certificate, Officer
from .training import Assessment, TrainingRecord

__all__ = [
    "Assessment",
    "BodyChange",
    "Certificate",
    "EnforcementBody",
    "EnforcementField",
    "Officer",
    "TrainingRecord",
]
