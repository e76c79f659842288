from ..systems.api import router as systems_router
from .equipment import router

router.add_router("", systems_router)

__all__ = ["router"]
