"""行政复议、行政诉讼 against a decision: filed, concluded, announced to the modules that published it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tests.cases.conftest import penalty
from tests.helpers import paperwork
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services
from zhifa.cases.models import Challenge
from zhifa.core import events
from zhifa.core.models import Record


@pytest.fixture
def decided(registered, handler_user, leader):
    case = paperwork(registered, "submit-review")
    case = services.case_submit_for_review(actor=handler_user, case=case, report="调查终结，事实清楚。")
    case = services.case_notify(
        actor=handler_user, case=case, on=date(2026, 3, 10), proposed="拟罚款70000元", hearing_rights=False
    )
    return services.case_decide(actor=leader, case=paperwork(case, "decide", "penalty"), decision=penalty())


@pytest.fixture
def announced():
    seen = []

    def listener(**payload):
        seen.append(payload)

    events.subscribe("case.decision_challenged", listener)
    yield seen
    events._handlers["case.decision_challenged"].remove(listener)


def _file(case, actor, **overrides):
    data = {"kind": "reconsideration", "organ": "东区人民政府", "filed_on": date(2026, 4, 1), **overrides}
    return services.case_challenge_file(actor=actor, case=case, **data)


def test_a_revoked_decision_is_recorded_and_announced(decided, handler_user, announced):
    challenge = _file(decided, handler_user)
    assert challenge.is_pending and not announced

    services.case_challenge_conclude(
        actor=handler_user,
        challenge=challenge,
        outcome="revoked",
        on=date(2026, 5, 20),
        note="复议决定撤销原处罚决定",
    )

    challenge.refresh_from_db()
    assert challenge.voids_decision
    assert [p["challenge"].pk for p in announced] == [challenge.pk]
    assert announced[0]["challenge"].voids_decision
    actions = list(Record.objects.for_subject(decided).values_list("action", flat=True))
    assert actions[-2:] == ["case.challenge", "case.challenge_concluded"]


def test_an_upheld_decision_does_not_void_it(decided, handler_user, announced):
    challenge = _file(decided, handler_user, kind="litigation", organ="东区人民法院")
    services.case_challenge_conclude(
        actor=handler_user, challenge=challenge, outcome="upheld", on=date(2026, 6, 1)
    )
    assert announced and not announced[0]["challenge"].voids_decision


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "appeal"}, "kind"),
        ({"organ": "  "}, "organ"),
        ({"filed_on": date(2026, 3, 1)}, "filed_on"),
    ],
)
def test_bad_filings_are_refused_by_field(decided, handler_user, overrides, field):
    with pytest.raises(ValidationError) as refused:
        _file(decided, handler_user, **overrides)
    assert field in refused.value.message_dict
    assert not Challenge.objects.exists()


def test_no_challenge_before_a_decision(registered, handler_user):
    with pytest.raises(ValidationError, match="尚未作出"):
        _file(registered, handler_user)


def test_an_outcome_is_given_once_and_a_revocation_needs_its_content(decided, handler_user, announced):
    challenge = _file(decided, handler_user)
    with pytest.raises(ValidationError) as refused:
        services.case_challenge_conclude(
            actor=handler_user, challenge=challenge, outcome="revoked", on=date(2026, 5, 1)
        )
    assert "note" in refused.value.message_dict
    services.case_challenge_conclude(
        actor=handler_user, challenge=challenge, outcome="withdrawn", on=date(2026, 5, 1)
    )
    with pytest.raises(ValidationError, match="已有结果"):
        services.case_challenge_conclude(
            actor=handler_user, challenge=challenge, outcome="revoked", on=date(2026, 5, 2), note="撤销"
        )
    assert len(announced) == 1


def test_another_agency_cannot_file_or_see(decided, agencies, make_user, client):
    stranger = make_user(agencies["west_market"], RoleCode.OFFICER)
    with pytest.raises(Http404):
        _file(decided, stranger)
    client.force_login(stranger)
    assert client.get(f"/cases/{decided.pk}/challenge/").status_code == 404
    response = client.post(
        f"/api/cases/{decided.pk}/challenges",
        {"kind": "reconsideration", "organ": "东区人民政府", "filed_on": "2026-04-01"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_filed_and_concluded_through_the_api_and_shown_on_the_case_page(decided, handler_user, client):
    client.force_login(handler_user)
    response = client.post(
        f"/api/cases/{decided.pk}/challenges",
        {"kind": "litigation", "organ": "东区人民法院", "filed_on": "2026-04-02"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    challenge_id = response.json()["challenges"][0]["id"]
    response = client.post(
        f"/api/cases/{decided.pk}/challenges/{challenge_id}/outcome",
        {"outcome": "unlawful", "on": "2026-07-01"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["challenges"][0]["voids_decision"] is True

    page = client.get(f"/cases/{decided.pk}/").content.decode()
    assert "东区人民法院" in page and "确认违法" in page


def test_the_case_page_form_files_a_challenge(decided, handler_user, client):
    client.force_login(handler_user)
    url = f"/cases/{decided.pk}/challenge/"
    assert "登记复议、诉讼" in client.get(f"/cases/{decided.pk}/").content.decode()
    response = client.post(url, {"kind": "reconsideration", "organ": "", "filed_on": "2026-04-01"})
    assert response.status_code == 200 and not Challenge.objects.exists()
    response = client.post(
        url, {"kind": "reconsideration", "organ": "东区人民政府", "filed_on": "2026-04-01"}
    )
    assert response.status_code == 302
    outcome_url = f"/cases/{decided.pk}/challenge-outcome/"
    challenge = Challenge.objects.get()
    response = client.post(
        outcome_url,
        {"challenge": challenge.pk, "outcome": "changed", "concluded_on": "2026-05-01", "note": ""},
    )
    assert "撤销或变更" in response.content.decode()
    response = client.post(
        outcome_url,
        {
            "challenge": challenge.pk,
            "outcome": "changed",
            "concluded_on": "2026-05-01",
            "note": "罚款变更为5万元",
        },
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.outcome == "changed"


def test_the_yearly_figures_count_challenges_and_their_outcomes(decided, handler_user):
    from zhifa.core import annual

    first = _file(decided, handler_user)
    _file(decided, handler_user, kind="litigation", organ="东区人民法院")
    services.case_challenge_conclude(
        actor=handler_user, challenge=first, outcome="revoked", on=date(2026, 5, 20), note="撤销"
    )
    figures = {f.key: f.value for f in annual.figures_for(decided.agency, 2026)}
    assert figures["challenge.reconsiderations"] == 1
    assert figures["challenge.lawsuits"] == 1
    assert figures["challenge.voided"] == 1 and figures["challenge.upheld"] == 0
    assert {f.key: f.value for f in annual.figures_for(decided.agency, 2025)}["challenge.lawsuits"] == 0
