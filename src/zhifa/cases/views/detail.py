"""案件页: the case in full — summary, party (ID number masked), items, handlers with their certificates,
clocks, decision with its 说理 and discretion, services, executions, the timeline of records with the
evidence, the panels of the evidence and documents modules, and the buttons of the steps open to the user."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from zhifa.catalog.choices import CircumstanceLevel
from zhifa.core import access
from zhifa.core.privacy import mask_id_number, mask_phone

from .. import panels, selectors, transitions
from ..choices import PartyKind
from ..documents import requirements
from ._common import VIEW
from .steps import offered_actions


@login_required
@permission_required(VIEW, raise_exception=True)
def case_detail(request, pk: int):
    case = selectors.get_case(request.user, pk)
    today = timezone.localdate()
    decision = getattr(case, "decision", None)
    party_id = (
        mask_id_number(case.party_id_number)
        if case.party_kind == PartyKind.PERSON
        else case.party_credit_code
    )
    offered = offered_actions(request.user, case)
    # the next step of the case's state (the transition table's main row) is the page's main button
    classes = transitions.MACHINE.button_classes(case, [a.slug for a in offered])
    actions = [
        (
            reverse("cases:case_action", args=[case.pk, action.slug]),
            action.label,
            classes[action.slug],
            requirements.needs(case, action.slug),
        )
        for action in offered
    ]
    context = {
        "case": case,
        "party_id": party_id,
        # the party's phone in full only to those handling the case (个人信息保护法 第六条, 最小必要)
        "party_phone": case.party_phone
        if access.can(request.user, "cases.handle_case", case)
        else mask_phone(case.party_phone),
        "items": list(case.items.select_related("field").order_by("code")),
        "handlers": selectors.handler_rows(case, today),
        "clocks": selectors.clocks_of(case, today),
        "decision": decision,
        "level_label": CircumstanceLevel(decision.level).label
        if decision and decision.level in CircumstanceLevel.values
        else getattr(decision, "level", ""),
        "services": list(case.services.all()),
        "executions": list(case.executions.all()),
        "challenges": list(case.challenges.all()),
        "timeline": selectors.timeline(case),
        "actions": actions,
        "step_needs": any(needs for *_, needs in actions),
        "panels": panels.render_panels(request, case),
        "today": today,
    }
    return render(request, "cases/case_detail.html", context)
