"""受委托组织 whose 委托期限 has ended (seed 000 §6): no longer a confirmed enforcement body — off the public
list, its officers may not enforce in its name — and its 委托机关 reminded 30 days before. Computed from the
dates: nothing runs on the day the entrustment ends."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AgencyFactory, CertificateFactory, OfficerFactory, UserFactory
from zhifa.accounts.choices import RoleCode
from zhifa.notifications.events import entrustments_expiring
from zhifa.notifications.models import Message
from zhifa.registry import selectors, services
from zhifa.registry.choices import LegalStanding

pytestmark = pytest.mark.django_db

UNTIL = date(2026, 6, 30)


@pytest.fixture
def entrusted(agencies, city):
    organisation = AgencyFactory(name="东区农贸市场服务中心", region=city["east"], kind="other")
    body = services.body_register(
        actor=None,
        agency=organisation,
        standing=LegalStanding.ENTRUSTED,
        entrusting_agency=agencies["east_market"],
        entrusted_scope="农贸市场日常检查",
        entrusted_from=date(2025, 7, 1),
        entrusted_until=UNTIL,
    )
    services.body_confirm(
        actor=None, body=body, document="东政〔2025〕9号", on=date(2025, 7, 1), confirmed_by="东区人民政府"
    )
    services.body_announce(actor=None, body=body, text="公告", on=date(2025, 7, 2))
    officer = OfficerFactory(agency=organisation, name="钱多")
    CertificateFactory(officer=officer, number="JZ20250009")
    return {"body": body, "officer": officer, "organisation": organisation}


def test_the_officers_may_enforce_up_to_the_last_day_and_not_after(entrusted):
    officer = entrusted["officer"]
    assert selectors.officer_refusal(officer, "", ["market"], on=UNTIL) is None
    assert selectors.officer_refusal(officer, "", ["market"], on=date(2026, 7, 1)) == (
        "东区农贸市场服务中心的委托期限已于2026年6月30日届满，钱多不得再以其名义执法"
    )
    assert selectors.officer_refusal(officer, "", [], on=date(2025, 6, 30)) == (
        "东区农贸市场服务中心的委托期限自2025年7月1日起算，钱多2025年6月30日不得以其名义执法"
    )
    assert selectors.can_enforce(officer, "market", on=UNTIL)
    assert not selectors.can_enforce(officer, "market", on=date(2026, 7, 1))
    assert list(selectors.enforcers_for("market", on=UNTIL)) == [officer]
    assert list(selectors.enforcers_for("market", on=date(2026, 7, 1))) == []


def test_a_signed_in_officer_is_refused_an_enforcement_act_in_chinese(entrusted):
    user = UserFactory(agency=entrusted["organisation"], roles=[RoleCode.OFFICER], real_name="钱多")
    officer = entrusted["officer"]
    officer.user = user
    officer.save(update_fields=["user"])
    assert selectors.acting_refusal(user, ["market"], on=date(2026, 7, 1), act="调查取证") == (
        "东区农贸市场服务中心的委托期限已于2026年6月30日届满，钱多不得再以其名义执法，不能调查取证"
    )


def test_the_body_leaves_the_public_list_once_the_term_has_ended(entrusted, client, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: UNTIL)
    assert list(selectors.public_bodies()) == [entrusted["body"]]
    assert "东区农贸市场服务中心" in client.get(reverse("registry_public:bodies")).content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2026, 7, 1))
    assert list(selectors.public_bodies()) == []
    assert not entrusted["body"].is_public
    assert "东区农贸市场服务中心" not in client.get(reverse("registry_public:bodies")).content.decode()
    assert list(selectors.public_officers(entrusted["organisation"])) == []


def test_the_entrusting_agencys_leaders_are_reminded_once_30_days_ahead(entrusted, agencies):
    head = UserFactory(agency=agencies["east_market"], roles=[RoleCode.AGENCY_HEAD], username="east_head")
    UserFactory(agency=agencies["east_market"], roles=[RoleCode.OFFICER], username="east_plain")
    assert entrustments_expiring(on=date(2026, 5, 30)) == 0  # 31 days ahead
    assert entrustments_expiring(on=date(2026, 5, 31)) == 1
    assert entrustments_expiring(on=date(2026, 6, 1)) == 0  # told once
    message = Message.objects.get()
    assert message.recipient == head
    assert message.title == "委托执法期限将于2026-06-30届满：东区农贸市场服务中心"
    assert message.link == reverse("registry:body_detail", args=[entrusted["body"].pk])


def test_the_entrusting_agency_reads_the_body_it_entrusted(entrusted, agencies, client):
    head = UserFactory(agency=agencies["east_market"], roles=[RoleCode.AGENCY_HEAD], username="east_head")
    client.force_login(head)
    page = client.get(reverse("registry:body_detail", args=[entrusted["body"].pk]))
    assert page.status_code == 200
    api = client.get(f"/api/registry/bodies/{entrusted['body'].pk}").json()
    assert api["entrustment_lapsed"] is (timezone.localdate() > UNTIL)
