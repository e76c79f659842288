"""包容审慎清单: entries are edited and ended with a reason (never deleted), each change on the record."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhifa.core.models import Record
from zhifa.inspections import services
from zhifa.inspections.choices import LenientKind
from zhifa.inspections.models import LenientEntry

from .conftest import TODAY as ON


@pytest.fixture
def observation(agencies, lead, subjects):
    return services.lenient_add(
        actor=lead,
        agency=agencies["east_market"],
        kind=LenientKind.OBSERVATION,
        subject=subjects[0],
        valid_from=ON,
    )


@pytest.fixture
def no_penalty(agencies, lead):
    return services.lenient_add(
        actor=lead,
        agency=agencies["east_market"],
        kind=LenientKind.NO_PENALTY,
        item_code="SCJG-JC-001",
        valid_from=ON,
    )


def actions(entry) -> list[str]:
    return list(Record.objects.for_subject(entry).order_by("seq").values_list("action", flat=True))


def test_editing_an_entry_is_recorded_with_what_it_was(lead, no_penalty):
    services.lenient_edit(
        actor=lead,
        entry=no_penalty,
        item_code="SCJG-JC-002",
        valid_from=ON,
        valid_until=ON + timedelta(days=90),
        note="首违不罚",
    )
    no_penalty.refresh_from_db()
    assert (no_penalty.item_code, no_penalty.valid_until, no_penalty.note) == (
        "SCJG-JC-002",
        ON + timedelta(days=90),
        "首违不罚",
    )
    assert actions(no_penalty) == ["inspections.lenient_add", "inspections.lenient_edit"]
    record = Record.objects.for_subject(no_penalty).get(action="inspections.lenient_edit")
    assert "SCJG-JC-001" in record.payload and "SCJG-JC-002" in record.payload


def test_bad_edits_are_refused_in_chinese(lead, observation, no_penalty, west_lead, agencies):
    with pytest.raises(ValidationError, match="截止日期不能早于起始日期"):
        services.lenient_edit(
            actor=lead,
            entry=observation,
            subject=observation.subject,
            valid_from=ON,
            valid_until=ON - timedelta(days=1),
        )
    with pytest.raises(ValidationError, match="观察期须指定检查对象"):
        services.lenient_edit(actor=lead, entry=observation, subject=None, valid_from=ON)
    with pytest.raises(ValidationError, match="免罚清单须指定事项编码"):
        services.lenient_edit(actor=lead, entry=no_penalty, item_code=" ", valid_from=ON)
    with pytest.raises(PermissionDenied):
        services.lenient_edit(actor=west_lead, entry=no_penalty, item_code="X", valid_from=ON)
    assert actions(observation) == ["inspections.lenient_add"]


def test_ending_keeps_the_entry_and_stops_covering_findings(agencies, lead, drawn, inspector_user):
    task = drawn.tasks.first()
    entry = services.lenient_add(
        actor=lead,
        agency=agencies["east_market"],
        kind=LenientKind.OBSERVATION,
        subject=task.subject,
        valid_from=ON - timedelta(days=30),
    )
    with pytest.raises(ValidationError, match="请写明移出清单的理由"):
        services.lenient_end(actor=lead, entry=entry, on=ON, reason="  ")
    with pytest.raises(ValidationError, match="移出日期不能早于起始日期"):
        services.lenient_end(actor=lead, entry=entry, on=ON - timedelta(days=31), reason="整改不到位")
    services.lenient_end(actor=lead, entry=entry, on=ON, reason="观察期内再次违法")
    entry.refresh_from_db()
    assert (entry.ended_on, entry.end_reason) == (ON, "观察期内再次违法")
    assert actions(entry) == ["inspections.lenient_add", "inspections.lenient_end"]
    with pytest.raises(ValidationError, match="已于2026-03-02移出清单"):
        services.lenient_end(actor=lead, entry=entry, on=ON, reason="再次")
    with pytest.raises(ValidationError, match="不能再修改"):
        services.lenient_edit(actor=lead, entry=entry, subject=task.subject, valid_from=ON)
    # From the day it ends, a finding is taken to a case as usual (no 包容审慎 reason asked).
    inspection = services.inspection_start(
        actor=inspector_user, agency=agencies["east_market"], task=task, on=ON
    )
    assert services.inspecting.lenient_reasons(inspection, ON) == []
    assert services.inspecting.lenient_reasons(inspection, ON - timedelta(days=1)) == ["检查对象处于观察期"]
    assert LenientEntry.objects.filter(pk=entry.pk).exists()


def test_pages_edit_and_end_an_entry(client, lead, observation, subjects):
    client.force_login(lead)
    listing = client.get(reverse("inspections:lenient_list")).content.decode()
    assert (
        subjects[0].name in listing and reverse("inspections:lenient_edit", args=[observation.pk]) in listing
    )
    edit = reverse("inspections:lenient_edit", args=[observation.pk])
    assert subjects[0].code in client.get(edit).content.decode()
    refused = client.post(
        edit, {"subject_code": subjects[0].code, "valid_from": "2026-03-02", "valid_until": "2026-03-01"}
    )
    assert refused.status_code == 200 and "截止日期不能早于起始日期" in refused.content.decode()
    refused = client.post(edit, {"subject_code": "NOPE", "valid_from": "2026-03-02"})
    assert "观察期须指定检查对象" in refused.content.decode()
    response = client.post(
        edit, {"subject_code": subjects[1].code, "valid_from": "2026-03-02", "note": "新设企业"}
    )
    assert response.status_code == 302
    observation.refresh_from_db()
    assert (observation.subject, observation.note) == (subjects[1], "新设企业")

    end = reverse("inspections:lenient_end", args=[observation.pk])
    refused = client.post(end, {"on": "2026-03-02", "reason": ""})
    assert refused.status_code == 200 and "请写明移出清单的理由" in refused.content.decode()
    assert client.post(end, {"on": "2026-03-02", "reason": "观察期满前再次违法"}).status_code == 302
    listing = client.get(reverse("inspections:lenient_list")).content.decode()
    assert "观察期满前再次违法" in listing and edit not in listing
    assert actions(observation) == [
        "inspections.lenient_add",
        "inspections.lenient_edit",
        "inspections.lenient_end",
    ]


def test_another_agency_gets_404_and_officers_403(client, west_lead, inspector_user, observation):
    urls = [reverse(f"inspections:lenient_{verb}", args=[observation.pk]) for verb in ("edit", "end")]
    client.force_login(west_lead)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert (
            client.post(url, {"valid_from": "2026-03-02", "on": "2026-03-02", "reason": "x"}).status_code
            == 404
        )
    assert observation.subject.name not in client.get(reverse("inspections:lenient_list")).content.decode()
    client.force_login(inspector_user)  # an officer sees the list but may not change it
    assert observation.subject.name in client.get(reverse("inspections:lenient_list")).content.decode()
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert (
            client.post(url, {"valid_from": "2026-03-02", "on": "2026-03-02", "reason": "x"}).status_code
            == 403
        )
    observation.refresh_from_db()
    assert observation.ended_on is None and actions(observation) == ["inspections.lenient_add"]
