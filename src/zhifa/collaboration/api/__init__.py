"""/api/collaboration/: the 1+X 协同 router; each part adds its own router here."""

from ninja import Router

from ..assistance.api import router as assistance_router
from ..notices.api import router as notices_router
from ..referrals.api import router as referrals_router

router = Router(tags=["协同执法"])

router.add_router("/notices/", notices_router)
router.add_router("/assistance/", assistance_router)
router.add_router("/referrals/", referrals_router)

__all__ = ["router"]
