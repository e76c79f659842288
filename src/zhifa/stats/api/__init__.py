"""/api/stats/: the 统计分析 router; each part adds its own router here."""

from ninja import Router

router = Router(tags=["统计分析"])

from ..reports.api import router as reports_router  # noqa: E402 — 报送

router.add_router("/reports/", reports_router)

__all__ = ["router"]
