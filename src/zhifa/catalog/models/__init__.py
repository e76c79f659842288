from .catalog import CatalogVersion, EnforcementItem, LegalBasis
from .delegation import Delegation, DelegationEvaluation
from .discretion import Benchmark, BenchmarkEvaluation, BenchmarkLevel, Exemption
from .duties import DutyAssignment, OrgUnit
from .review import VersionReview

__all__ = [
    "Benchmark",
    "BenchmarkEvaluation",
    "BenchmarkLevel",
    "CatalogVersion",
    "Delegation",
    "DelegationEvaluation",
    "DutyAssignment",
    "EnforcementItem",
    "Exemption",
    "LegalBasis",
    "OrgUnit",
    "VersionReview",
]
