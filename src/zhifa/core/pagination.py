"""Pages of a list (kept as the import path the views use; the parsing lives in core.params)."""

from .params import paginate

__all__ = ["paginate"]
