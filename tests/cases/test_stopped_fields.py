"""A 停用 执法领域 and new cases: a case takes its field from its catalogue items, so a new case — ordinary
or simple procedure, through the service, the page and the API alike — is not opened on an item whose
field is stopped, refused by the field's name beside the items with nothing written; a case opened before
keeps its field and goes on (registry.services.refuse_stopped_fields)."""

import pytest
from django.core.exceptions import ValidationError

from tests.cases.conftest import ON, intake
from tests.cases.test_api import Api, errors
from tests.cases.test_parity import INTAKE
from tests.cases.test_simple_items import PAGE, Nothing
from tests.parity import check_parity
from zhifa.cases import services
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case
from zhifa.registry.models import EnforcementField

pytestmark = pytest.mark.django_db

STOPPED = "执法领域“市场监管”已停用，不能用于新的案件"


@pytest.fixture
def stopped(catalogue):
    """市场监管 停用 after the list naming it was published (every item of the test list is on it)."""
    EnforcementField.objects.filter(code="market").update(active=False)


def test_a_new_case_is_not_opened_on_an_item_of_a_stopped_field(agencies, handler_user, stopped):
    writes = Nothing()
    with pytest.raises(ValidationError) as refused:
        services.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake())
    assert refused.value.message_dict == {"item_codes": [STOPPED]}
    assert writes.none


def test_a_case_opened_before_keeps_its_field_and_goes_on(new_case, leader):
    EnforcementField.objects.filter(code="market").update(active=False)
    case = services.case_register(actor=leader, case=new_case, on=ON)
    case.refresh_from_db()
    assert (case.status, case.field_id) == (CaseStatus.INVESTIGATING, "market")


def test_the_intake_page_and_api_refuse_it_alike(client, handler_user, stopped):
    check_parity(client, handler_user, INTAKE, "item_codes", ["SCJG-CF-001"], STOPPED, counted=(Case,))


def test_the_simple_procedure_refuses_it_on_page_and_api(client, handler_user, officers, stopped):
    client.force_login(handler_user)
    writes = Nothing()
    page = client.post(
        "/cases/simple/new/",
        {**PAGE, "item_code": "SCJG-CF-003", "lead": officers[0].pk, "co": officers[1].pk, "warning": True},
    )
    assert page.status_code == 200 and page.context["form"].errors == {"item_code": [STOPPED]}
    api = Api(client).post(
        "/simple",
        {
            "summary": PAGE["summary"],
            "place": PAGE["place"],
            "item_code": "SCJG-CF-003",
            "party": {
                "kind": "organisation",
                "name": PAGE["party_name"],
                "credit_code": PAGE["party_credit_code"],
            },
            "handler_ids": [officers[0].pk, officers[1].pk],
            "decided_on": "2026-03-02",
            "warning": True,
        },
    )
    assert errors(api) == {"item_codes": STOPPED}
    assert writes.none
