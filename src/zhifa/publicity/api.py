"""行政执法公示 — JSON API (thin: calls services and selectors)."""

from ninja import Router

router = Router(tags=["publicity"])
