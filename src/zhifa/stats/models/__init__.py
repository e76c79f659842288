"""The 统计分析 models, one module per part (imported here so Django finds them)."""

from .reports import ReportRound, Submission  # noqa: F401 — 报送
