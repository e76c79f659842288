from .case import Case, CaseHandler, Decision, Execution, Service
from .challenge import Challenge
from .documents import CaseDocument, CaseDocumentTemplate
from .evidence import Evidence
from .periods import StatementPeriod
from .upload import UploadSession

__all__ = [
    "Case",
    "CaseDocument",
    "CaseDocumentTemplate",
    "CaseHandler",
    "Challenge",
    "Decision",
    "Evidence",
    "Execution",
    "Service",
    "StatementPeriod",
    "UploadSession",
]
