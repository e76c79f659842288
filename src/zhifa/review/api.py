"""法制审核 — JSON API (thin: calls services and selectors)."""

from ninja import Router

router = Router(tags=["review"])
