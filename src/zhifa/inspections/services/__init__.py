"""Every write of the inspections app, one function per user action (see the modules for the rules)."""

from .directory import (
    SubjectInput,
    lenient_add,
    lenient_edit,
    lenient_end,
    relation_declare,
    residence_set,
    subject_create,
)
from .draws import draw_commit, draw_file, draw_reveal, draw_run, inspector_override
from .enterprise import GuardOutcome, guard_check, prior_report_decide, prior_report_file, rating_submit
from .inspecting import FINISH, inspection_finish, inspection_refusal, inspection_start
from .perms import APPROVE, INSPECT, MANAGE_PLAN, MANAGE_SUBJECT
from .plans import PlanInput, plan_create, plan_publish

__all__ = [
    "APPROVE",
    "FINISH",
    "INSPECT",
    "MANAGE_PLAN",
    "MANAGE_SUBJECT",
    "GuardOutcome",
    "PlanInput",
    "SubjectInput",
    "draw_commit",
    "draw_file",
    "draw_reveal",
    "draw_run",
    "guard_check",
    "inspection_finish",
    "inspection_refusal",
    "inspection_start",
    "inspector_override",
    "lenient_add",
    "lenient_edit",
    "lenient_end",
    "plan_create",
    "plan_publish",
    "prior_report_decide",
    "prior_report_file",
    "rating_submit",
    "relation_declare",
    "residence_set",
    "subject_create",
]
