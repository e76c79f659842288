"""统计分析's reads, one module per part, already scoped by core.access."""
