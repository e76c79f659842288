"""A 停用 执法领域 and 双随机抽查: a plan item takes its field from the catalogue item, so a new 抽查计划 is
not made with an item whose field is stopped — through the service and the page (a plan is made on the
page only) — refused by the field's name beside the items with nothing written; a plan made before keeps
its items and is drawn and inspected as before (registry.services.refuse_stopped_fields)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.helpers import Writes
from zhifa.inspections import services
from zhifa.inspections.models import Plan, PlanItem, Task
from zhifa.registry.models import EnforcementField

pytestmark = pytest.mark.django_db

STOPPED = "执法领域“卫生健康”已停用，不能用于新的抽查计划"


class Nothing(Writes):
    counted = (Plan, PlanItem)


def plan_input(agencies, health) -> services.PlanInput:
    """A joint plan: 市场监管's item and 卫生健康's."""
    return services.PlanInput(
        title="2026年联合双随机抽查",
        year=2026,
        items=[(agencies["east_market"], "SCJG-JC-001"), (health, "WSJK-JC-001")],
        ends_on=date(2026, 11, 30),
    )


@pytest.fixture
def stopped(catalogues):
    """卫生健康 停用 after the lists naming it were published."""
    EnforcementField.objects.filter(code="health").update(active=False)


def test_a_new_plan_names_no_item_of_a_stopped_field(agencies, health, lead, stopped):
    writes = Nothing()
    with pytest.raises(ValidationError) as refused:
        services.plan_create(actor=lead, agency=agencies["east_market"], data=plan_input(agencies, health))
    assert refused.value.message_dict == {"items": [STOPPED]}
    assert writes.none
    alone = services.PlanInput(
        title="2026年食品经营双随机抽查",
        year=2026,
        items=[(agencies["east_market"], "SCJG-JC-001")],
        ends_on=date(2026, 11, 30),
    )
    made = services.plan_create(actor=lead, agency=agencies["east_market"], data=alone)
    assert list(made.items.values_list("field_id", flat=True)) == ["market"]


def test_a_plan_made_before_keeps_its_field_and_is_drawn(plan, lead):
    EnforcementField.objects.filter(code="market").update(active=False)
    draw = services.draw_run(actor=lead, draw=services.draw_commit(actor=lead, plan=plan))
    assert list(plan.items.values_list("field_id", flat=True)) == ["market"]
    assert draw.tasks.count() == Task.objects.filter(plan=plan).count() > 0


def test_the_plan_page_refuses_it(client, lead, stopped):
    EnforcementField.objects.filter(code="market").update(active=False)
    client.force_login(lead)
    writes = Nothing()
    response = client.post(
        reverse("inspections:plan_new"),
        {
            "title": "页面计划",
            "year": 2026,
            "ends_on": "2026-11-30",
            "items": "SCJG-JC-001",
            "ratio_a": "1",
            "ratio_b": "2",
            "ratio_c": "10",
            "ratio_d": "30",
            "frequency": 1,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"items": ["执法领域“市场监管”已停用，不能用于新的抽查计划"]}
    assert writes.none
