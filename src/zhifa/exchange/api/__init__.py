"""/api/exchange/: the 数据交换 router (handlers in exchange.py)."""

from .exchange import router

__all__ = ["router"]
