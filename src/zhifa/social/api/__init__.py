"""/api/social/: the 社会监督 router (handlers in social.py)."""

from .social import router

__all__ = ["router"]
