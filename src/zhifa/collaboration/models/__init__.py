"""The 协同 models, one module per part (imported here so Django finds them)."""
