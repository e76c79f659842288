"""/api/collaboration/: the 1+X 协同 router; each part adds its own router here."""

from ninja import Router

from ..assistance.api import router as assistance_router
from ..joint.api import organisation_router as joint_organisation_router
from ..joint.api import router as joint_router
from ..meetings.api import router as meetings_router
from ..notices.api import router as notices_router
from ..referrals.api import router as referrals_router
from ..transfers.api import boundaries_router, disputes_router
from ..transfers.api import router as transfers_router

router = Router(tags=["协同执法"])

router.add_router("/transfers/", transfers_router)
router.add_router("/boundaries/", boundaries_router)
router.add_router("/disputes/", disputes_router)
router.add_router("/joint/", joint_router)
router.add_router("/organisation/", joint_organisation_router)
router.add_router("/meetings/", meetings_router)
router.add_router("/notices/", notices_router)
router.add_router("/assistance/", assistance_router)
router.add_router("/referrals/", referrals_router)

__all__ = ["router"]
