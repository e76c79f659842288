"""/api/training/: the 培训管理 router (handlers in training.py)."""

from .training import router

__all__ = ["router"]
