"""The 督办 and 监督计划 tables are the one source of what may happen: the page's forms and the API's
`actions` are exactly what the table offers for the status and the caller."""

import pytest
from django.urls import reverse

from zhifa.supervision.plans import services
from zhifa.supervision.plans.machine import OVERSIGHT, PLAN

pytestmark = pytest.mark.django_db


def page_actions(client, user, oversight) -> list[str]:
    client.force_login(user)
    response = client.get(reverse("supervision:oversight_detail", args=[oversight.pk]))
    return [action for action, _, _ in response.context["actions"]]


def api_actions(client, user, oversight) -> list[str]:
    client.force_login(user)
    return client.get(f"/api/supervision/oversights/{oversight.pk}").json()["actions"]


def test_the_oversight_page_and_api_offer_what_the_table_allows(client, oversight, sv):
    manage = [t.action for t in OVERSIGHT.table if t.perm.endswith("manage_oversight") and t.action != "open"]
    assert manage == ["extend", "escalate", "close"]
    for user, expected in ((sv["east_sup"], manage), (sv["east_head"], ["report"])):
        assert page_actions(client, user, oversight) == api_actions(client, user, oversight) == expected
    services.oversight_escalate(actor=sv["east_sup"], oversight=oversight, reason="逾期")
    oversight.refresh_from_db()
    allowed = [a for a in manage if OVERSIGHT.allows(oversight.status, a)]
    assert allowed == ["extend", "close"]
    assert (
        page_actions(client, sv["east_sup"], oversight)
        == api_actions(client, sv["east_sup"], oversight)
        == allowed
    )


def test_the_plan_page_and_api_offer_what_the_table_allows(client, east_plan, sv):
    client.force_login(sv["east_sup"])
    api = client.get(f"/api/supervision/plans/{east_plan.pk}").json()["actions"]
    page = client.get(reverse("supervision:plan_detail", args=[east_plan.pk])).context
    assert api == PLAN.available("draft", {"supervision.manage_plan"}) == ["add-task", "publish"]
    assert (page["can_add"], page["can_publish"]) == (True, True)
    client.force_login(sv["east_officer"])
    assert client.get(f"/api/supervision/plans/{east_plan.pk}").status_code == 404
