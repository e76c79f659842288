"""/api/catalog/ (catalogue versions, items, the draft, benchmarks, the calculator, delegations, duties): the router of catalog.py, mounted by zhifa.api."""

from .catalog import router

__all__ = ["router"]
