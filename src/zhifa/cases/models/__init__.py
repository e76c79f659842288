from .case import Case, CaseHandler, Decision, Execution, Service
from .evidence import Evidence

__all__ = ["Case", "CaseHandler", "Decision", "Evidence", "Execution", "Service"]
