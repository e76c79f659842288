"""Shared kernel: organisations, the record log, the working-day clock, numbering and jurisdiction."""
