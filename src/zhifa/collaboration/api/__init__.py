"""/api/collaboration/: the 1+X 协同 router; each part adds its own router here."""

from ninja import Router

router = Router(tags=["协同执法"])

__all__ = ["router"]
