"""The supervision app's models, one module per feature (plans, actions, campaigns)."""
