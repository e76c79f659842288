"""/api/review/ (法制审核: reviews, rounds, opinions, pre-reviews): the router of review.py, mounted by zhifa.api."""

from .review import router

__all__ = ["router"]
