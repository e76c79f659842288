"""/api/stats/: the 统计分析 router; each part adds its own router here."""

from ninja import Router

router = Router(tags=["统计分析"])

__all__ = ["router"]
