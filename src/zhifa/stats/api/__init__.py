"""/api/stats/: the 统计分析 router; each part adds its own router here."""

from ninja import Router

from .ontime import router as ontime_router

router = Router(tags=["统计分析"])
router.add_router("", ontime_router)

__all__ = ["router"]
