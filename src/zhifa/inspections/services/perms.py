"""The permission strings of the app (declared in the models' Meta, granted in apps.py)."""

from typing import NoReturn

from django.core.exceptions import ValidationError

from zhifa.core import access

MANAGE_SUBJECT = "inspections.manage_subject"
MANAGE_PLAN = "inspections.manage_plan"
INSPECT = "inspections.inspect"
APPROVE = "inspections.approve_priorreport"
VIEW_PLAN = "inspections.view_plan"
VIEW_SUBJECT = "inspections.view_subject"


def refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def require(actor, perm: str, obj) -> None:
    """core.access.require, except for the system itself (commands, demo data: actor None)."""
    if not access.is_system(actor):
        access.require(actor, perm, obj)
