"""涉企经济影响评估 (seed 002 (六)): a major penalty decision on an enterprise states its economic impact;
without it the decision is refused naming the field, at the service, the API and the page, and nothing
is written. A decision that is not major, or on a natural person, does not need it."""

import pytest
from django.core.exceptions import ValidationError

from tests.review.conftest import notify, penalty
from tests.review.helpers import pass_review
from zhifa.cases import rules, services
from zhifa.cases.choices import PartyKind
from zhifa.cases.models import Decision
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db

WORDS = "请填写“涉企经济影响评估”"


def test_a_major_penalty_on_an_enterprise_without_it_is_refused(investigated, handler_user, leader):
    decision = penalty(economic_impact="")
    pass_review(investigated, decision)
    case = notify(investigated, handler_user)
    records = Record.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.case_decide(actor=leader, case=case, decision=decision)
    (message,) = refused.value.message_dict["economic_impact"]
    assert message.startswith("本案属对企业作出的重大执法决定（罚款达到") and WORDS in message
    assert not Decision.objects.exists() and Record.objects.count() == records

    made = services.case_decide(actor=leader, case=case, decision=penalty(economic_impact=" 不影响正常经营 "))
    assert made.decision.economic_impact == "不影响正常经营"


def test_not_needed_when_not_major_or_on_a_person(investigated):
    assert rules.major_reasons(investigated, penalty("100")) == []
    rules.require_economic_impact(investigated, penalty("100", economic_impact=""))  # not major
    investigated.party_kind = PartyKind.PERSON
    rules.require_economic_impact(investigated, penalty(economic_impact=""))  # major, but a person


def test_the_api_and_the_page_refuse_by_the_field(client, investigated, handler_user, leader):
    decision = penalty(economic_impact="")
    pass_review(investigated, decision)
    case = notify(investigated, handler_user)
    client.force_login(leader)
    payload = {"kind": "penalty", "decided_on": "2026-03-20", "reasoning": "经查……", "fine": "70000",
               "facts": {"fact_value": 3000}}  # fmt: skip
    refused = client.post(f"/api/cases/{case.pk}/decide", payload, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "economic_impact"]
    assert WORDS in refused.json()["detail"][0]["msg"]
    page = client.post(
        f"/cases/{case.pk}/decide/",
        {
            "kind": "penalty",
            "decided_on": "2026-03-20",
            "reasoning": "经查……",
            "fine": "70000",
            "fact_value": "3000",
        },
    )
    assert WORDS in page.content.decode()
    assert not Decision.objects.exists()
