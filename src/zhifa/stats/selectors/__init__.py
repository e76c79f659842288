"""统计分析's reads, one module per concept, already scoped by core.access; each dashboard function is ONE
grouped query (`values(...).annotate(...)`) over the agencies of a scope (a subquery) and a period."""
