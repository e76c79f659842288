"""/api/stats/: the 统计分析 router; each part adds its own router here."""

from ninja import Router

from .dashboards import router as dashboards_router
from .ontime import router as ontime_router

router = Router(tags=["统计分析"])
router.add_router("", ontime_router)
router.add_router("", dashboards_router)

from ..reports.api import router as reports_router  # noqa: E402 — 报送

router.add_router("/reports/", reports_router)

__all__ = ["router"]
