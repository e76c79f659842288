"""The dashboards' reads, one module per concept; each function is ONE grouped query
(`values(...).annotate(...)`) over the agencies of a scope (a subquery) and a period."""
