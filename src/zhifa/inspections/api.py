"""双随机抽查 — JSON API (thin: calls services and selectors)."""

from ninja import Router

router = Router(tags=["inspections"])
