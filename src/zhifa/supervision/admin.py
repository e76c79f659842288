"""The supervision app's admin: each feature package registers its own models."""

from .accountability import admin as accountability_admin  # noqa: F401
