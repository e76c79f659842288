"""法制审核: data and invariants."""
