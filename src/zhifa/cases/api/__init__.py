"""/api/cases/: one router made of the case endpoints (cases.py) and those of the evidence and 文书
packages, which keep their API next to their services."""

from ..documents.api import router as documents_router
from ..evidence.api import router as evidence_router
from .cases import router

router.add_router("", evidence_router)  # /api/cases/{id}/evidence…, uploads
router.add_router("", documents_router)  # /api/cases/{id}/documents…

__all__ = ["router"]
