"""双随机抽查: data and invariants."""

from .directory import DeclaredRelation, InspectorProfile, LenientEntry, Subject
from .plans import Draw, Plan, PlanItem
from .work import Inspection, PriorReport, Rating, Task, TaskInspector

__all__ = [
    "DeclaredRelation",
    "Draw",
    "Inspection",
    "InspectorProfile",
    "LenientEntry",
    "Plan",
    "PlanItem",
    "PriorReport",
    "Rating",
    "Subject",
    "Task",
    "TaskInspector",
]
