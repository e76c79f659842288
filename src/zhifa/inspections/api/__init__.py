"""/api/inspections/ (plans, draws, tasks, inspections, subjects, 事前报备): the router of inspections.py, mounted by zhifa.api."""

from .inspections import router

__all__ = ["router"]
