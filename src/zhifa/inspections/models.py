"""双随机抽查: data and invariants."""
