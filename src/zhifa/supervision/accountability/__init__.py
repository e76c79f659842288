"""责任追究 (seed 000 §21, 002 (十), 003 四(二)2): proceedings against the officers responsible."""
