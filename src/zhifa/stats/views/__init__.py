"""统计分析 pages, one module per part."""
