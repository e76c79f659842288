"""/api/registry/ (bodies, officers, certificates, training): the router of registry.py, mounted by zhifa.api."""

from .registry import router

__all__ = ["router"]
