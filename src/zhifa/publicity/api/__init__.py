"""/api/publicity/ (公示: disclosures and their actions): the router of publicity.py, mounted by zhifa.api."""

from .publicity import router

__all__ = ["router"]
