"""联合执法 (seed 004 四): joint actions of several departments and the split of their findings into cases."""
