from .case import Case, CaseHandler, Decision, Execution, Service
from .documents import CaseDocument, CaseDocumentTemplate
from .evidence import Evidence
from .upload import UploadSession

__all__ = [
    "Case",
    "CaseDocument",
    "CaseDocumentTemplate",
    "CaseHandler",
    "Decision",
    "Evidence",
    "Execution",
    "Service",
    "UploadSession",
]
