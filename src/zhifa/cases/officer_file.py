"""The 执法档案's card of cases the officer handled (承办案件, with their role), for core.panels."""

from zhifa.core import access

from .models import Case, CaseHandler

LIMIT = 20


def handled_cases(officer, user) -> dict:
    """The latest cases the officer handled that `user` may see, and how many there are in all."""
    visible = access.visible_to(user, Case.objects.all())
    handled = CaseHandler.objects.filter(officer=officer, case__in=visible)
    rows = handled.select_related("case").order_by("-case__created_at", "-case_id")[:LIMIT]
    return {"handled": list(rows), "handled_count": handled.count(), "handled_limit": LIMIT}
