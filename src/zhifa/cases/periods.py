"""陈述申辩期限 of an agency (issue 20): the number of working days a 告知 gives the party to state its
case, set by whoever approves the agency's cases (the page 陈述申辩期限, PUT /api/cases/statement-period).
A case keeps the period it was given at 告知 (Case.statement_workdays)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from .clocks import default_statement_workdays, statement_workdays
from .models import StatementPeriod
from .models.periods import STATEMENT_WORKDAYS_MAX, STATEMENT_WORKDAYS_MIN

APPROVE = "cases.approve_case"


def can_set(actor: Actor, agency: Agency) -> bool:
    return (
        access.is_system(actor)
        or access.visible_to(actor, Agency.objects.filter(pk=agency.pk), APPROVE).exists()
    )


def statement_period_of(agency: Agency) -> dict:
    """The agency's period and whether it is its own or the default."""
    own = StatementPeriod.objects.filter(agency=agency).first()
    return {
        "workdays": statement_workdays(agency),
        "own": own is not None,
        "default": default_statement_workdays(),
        "updated_at": own.updated_at if own else None,
    }


@transaction.atomic
def statement_period_set(*, actor: Actor, agency: Agency, workdays: int | None) -> StatementPeriod | None:
    """Set the agency's 陈述、申辩 period in working days; None restores the default. Recorded on the
    agency's chain ("case.statement_period"); cases already notified keep the period they were given."""
    if not can_set(actor, agency):
        raise PermissionDenied("您无权设置该机关的陈述申辩期限")
    if workdays is not None and not STATEMENT_WORKDAYS_MIN <= workdays <= STATEMENT_WORKDAYS_MAX:
        kit.refuse(
            "workdays",
            f"陈述、申辩期限应为{STATEMENT_WORKDAYS_MIN}至{STATEMENT_WORKDAYS_MAX}个工作日，收到的是{workdays}",
        )
    Agency.objects.select_for_update().get(pk=agency.pk)  # one change at a time per agency
    before = statement_workdays(agency)
    if workdays is None:
        StatementPeriod.objects.filter(agency=agency).delete()
        row = None
    else:
        row, _ = StatementPeriod.objects.update_or_create(
            agency=agency, defaults={"workdays": workdays, "updated_by": actor}
        )
    kit.record(
        agency,
        "case.statement_period",
        actor=actor,
        payload={"from": before, "to": statement_workdays(agency), "default": workdays is None},
    )
    return row
