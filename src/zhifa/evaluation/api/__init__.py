"""/api/evaluation/ (评议考核): the router of evaluation.py, mounted by zhifa.api."""

from .evaluation import router

__all__ = ["router"]
