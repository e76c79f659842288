"""行政执法公示: data and invariants."""
