from .complaints import router
from .public import router as public_router

router.add_router("", public_router)

__all__ = ["router"]
