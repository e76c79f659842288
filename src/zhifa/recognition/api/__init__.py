"""/api/recognition/: the 表彰奖励 router (handlers in recognition.py)."""

from .recognition import router

__all__ = ["router"]
