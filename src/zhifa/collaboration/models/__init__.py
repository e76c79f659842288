"""The 协同 models, one module per part (imported here so Django finds them)."""

from .boundaries import BoundaryItem  # noqa: F401  (transfers)
from .transfers import Dispute, Transfer, TransferEvidence  # noqa: F401  (transfers)
