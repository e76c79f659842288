"""/api/supervision/: one router made of each feature package's endpoints."""

from ninja import Router

from ..accountability.api import router as accountability_router
from ..actions.api import router as actions_router
from ..campaigns.api import router as campaigns_router
from ..plans.api import router as plans_router
from ..problems.api import router as problems_router

router = Router(tags=["执法监督"])
router.add_router("", plans_router)
router.add_router("", actions_router)
router.add_router("", campaigns_router)
router.add_router("", problems_router)
router.add_router("", accountability_router)

__all__ = ["router"]
