"""/api/publicity/ (公示: disclosures and their actions; 信用修复): the routers of publicity.py and
repair/api.py, mounted by zhifa.api."""

from ..repair.api import router as repair_router
from .publicity import router

router.add_router("", repair_router)

__all__ = ["router"]
