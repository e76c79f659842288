"""信用修复: a penalty in a 执法领域 the NDRC's 2023 measures (58号令, repealed 2026-04-01; whether the 2025
《信用修复管理办法》 keeps it is not confirmed) held to a one-year minimum publication period (特种设备、安全生产、消防;
an instance setting, ZHIFA_CREDIT_REPAIR_ONE_YEAR_FIELDS, default 应急管理 = 安全生产) is held to a year whatever 失信程度 the party picks — at the service, on the pages and through the
API; a refusal writes nothing, and the request shows the period it was held to and why."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from tests.factories import field
from zhifa.accounts.choices import RoleCode
from zhifa.cases.models import Case, Decision
from zhifa.catalog.models import CatalogVersion
from zhifa.core.models import Record
from zhifa.publicity.choices import DisclosureKind, DisclosureStatus, SubjectKind
from zhifa.publicity.models import CreditRepair, Disclosure
from zhifa.publicity.repair import clocks, selectors, services
from zhifa.publicity.repair.choices import Severity

DECIDED_ON = date(2025, 3, 10)
SOURCE = "（《信用修复管理办法》）"
REFUSED = (
    "该行政处罚属于安全生产领域，按本平台设置最短公示期为1年，不论失信程度（自处罚决定之日起计算）："
    "该行政处罚决定于2025-03-10作出，2026-03-10前不能申请信用修复" + SOURCE
)
BASIS = "执法领域“应急管理”属于安全生产领域，不论失信程度"


@pytest.fixture
def officer(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.OFFICER)


def penalty(agency, field_code: str) -> Disclosure:
    """A published 行政处罚 decided on DECIDED_ON in a case of the field `field_code`."""
    version = CatalogVersion.objects.create(agency=agency, number=1, status="published")
    case = Case.objects.create(
        agency=agency,
        procedure="ordinary",
        status="decided",
        source="inspection",
        summary="未按规定对安全设备进行经常性维护",
        discovered_on=date(2025, 2, 3),
        place="东区工业园3号",
        catalog_version=version,
        field=field(field_code),
        party_kind="organisation",
        party_name="东区安达化工有限公司",
    )
    decision = Decision.objects.create(
        case=case, kind="penalty", reasoning="依法处罚", decided_on=DECIDED_ON, number="东应急罚〔2025〕3号"
    )
    return Disclosure.objects.create(
        agency=agency,
        kind=DisclosureKind.PENALTY,
        status=DisclosureStatus.PUBLISHED,
        source_type="cases.decision",
        source_id=str(decision.pk),
        number="东应急罚〔2025〕3号",
        subject_kind=SubjectKind.ORGANISATION,
        subject_name="东区安达化工有限公司",
        conclusion="罚款30000元",
        decided_on=DECIDED_ON,
        due_on=date(2025, 3, 19),
        published_on=date(2025, 3, 12),
        expires_on=date(2030, 3, 12),
    )


@pytest.fixture
def emergency(agencies):
    return penalty(agencies["east_market"], "emergency")


def data(applied_on: date, severity=Severity.GENERAL) -> services.RepairInput:
    return services.RepairInput(
        applicant="东区安达化工有限公司",
        applied_on=applied_on,
        severity=severity,
        performed_on=date(2025, 3, 20),
        statement="罚款已缴清，安全设备已全部检修并建立维护台账。",
    )


def nothing_written():
    assert not CreditRepair.objects.exists()
    assert not Record.objects.filter(action__startswith="publicity.credit_repair").exists()


# ---- the clock ------------------------------------------------------------------------------------------


def test_the_period_by_severity_and_by_field():
    assert clocks.minimum_period(Severity.GENERAL).months == 3
    assert clocks.minimum_period(Severity.SERIOUS).months == 12
    by_field = clocks.minimum_period(Severity.GENERAL, [("market", "市场监管"), ("emergency", "应急管理")])
    assert (by_field.months, by_field.label, by_field.basis) == (12, "1年", BASIS)
    assert by_field.rule == "该行政处罚属于安全生产领域，按本平台设置最短公示期为1年，不论失信程度"
    assert (
        clocks.minimum_period(Severity.GENERAL, [("market", "市场监管")]).basis == "按失信程度：一般失信行为"
    )
    assert clocks.earliest_repair(DECIDED_ON, Severity.GENERAL, [("emergency", "应急管理")]) == date(
        2026, 3, 10
    )
    assert [clocks.period_label(m) for m in (3, 12, 18, 24)] == ["3个月", "1年", "18个月", "2年"]


@override_settings(ZHIFA_CREDIT_REPAIR_ONE_YEAR_FIELDS={"fire": "消防"}, ZHIFA_CREDIT_REPAIR_FIELD_MONTHS=6)
def test_the_fields_and_their_period_are_settings():
    assert clocks.minimum_period(Severity.GENERAL, [("emergency", "应急管理")]).months == 3
    fire = clocks.minimum_period(Severity.GENERAL, [("fire", "消防救援")])
    assert (fire.months, fire.rule) == (
        6,
        "该行政处罚属于消防领域，按本平台设置最短公示期为6个月，不论失信程度",
    )
    # a 严重失信行为 keeps its longer period
    assert clocks.minimum_period(Severity.SERIOUS, [("fire", "消防救援")]).basis == "按失信程度：严重失信行为"


def test_the_fields_are_read_from_the_penalty_s_case(emergency, agencies):
    assert selectors.penalty_fields(emergency) == [("emergency", "应急管理")]
    by_hand = Disclosure.objects.get(pk=emergency.pk)
    by_hand.source_type, by_hand.source_id = "", ""
    assert selectors.penalty_fields(by_hand) == []


# ---- the service ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("severity", [Severity.GENERAL, Severity.SERIOUS])
def test_a_safety_penalty_is_held_to_a_year_whatever_the_severity(officer, emergency, severity):
    with pytest.raises(ValidationError) as refused:
        services.credit_repair_register(
            actor=officer, disclosure=emergency, data=data(date(2026, 3, 9), severity)
        )
    assert refused.value.message_dict == {"applied_on": [REFUSED]}
    nothing_written()


def test_on_the_first_day_of_the_second_year_the_request_is_registered_with_its_period(officer, emergency):
    repair = services.credit_repair_register(
        actor=officer, disclosure=emergency, data=data(date(2026, 3, 10))
    )
    assert (repair.severity, repair.minimum_months, repair.minimum_basis, repair.earliest_on) == (
        Severity.GENERAL,
        12,
        BASIS,
        date(2026, 3, 10),
    )
    payload = json.loads(Record.objects.get(action="publicity.credit_repair.register").payload)
    assert (payload["minimum_months"], payload["minimum_basis"], payload["earliest_on"]) == (
        12,
        BASIS,
        "2026-03-10",
    )


def test_a_market_penalty_keeps_the_severity_s_period(officer, agencies):
    market = penalty(agencies["east_market"], "market")
    repair = services.credit_repair_register(actor=officer, disclosure=market, data=data(date(2025, 6, 10)))
    assert (repair.minimum_months, repair.minimum_basis, repair.earliest_on) == (
        3,
        "按失信程度：一般失信行为",
        date(2025, 6, 10),
    )


@override_settings(ZHIFA_CREDIT_REPAIR_ONE_YEAR_FIELDS={})
def test_without_the_field_in_the_setting_three_months_suffice(officer, emergency):
    repair = services.credit_repair_register(
        actor=officer, disclosure=emergency, data=data(date(2025, 6, 10))
    )
    assert (repair.minimum_months, repair.earliest_on) == (3, date(2025, 6, 10))


# ---- the pages and the API --------------------------------------------------------------------------------


def form(applied_on: str, severity: str = "general") -> dict:
    return {
        "applicant": "东区安达化工有限公司",
        "applied_on": applied_on,
        "severity": severity,
        "performed_on": "2025-03-20",
        "statement": "罚款已缴清",
    }


def test_the_pages_say_which_period_applies_and_why(client, officer, emergency):
    client.force_login(officer)
    url = f"/publicity/{emergency.pk}/credit-repair/"
    notice = "该行政处罚属于安全生产领域，按本平台设置最短公示期为1年，不论失信程度（自处罚决定之日起计算，2026-03-10起可申请）。"
    assert notice in client.get(url).content.decode()
    refused = client.post(url, form("2026-03-09"))
    assert refused.status_code == 200
    assert REFUSED in refused.content.decode()
    nothing_written()
    made = client.post(url, form("2026-03-10"))
    repair = CreditRepair.objects.get()
    assert made.status_code == 302 and made.url == f"/publicity/credit-repairs/{repair.pk}/"
    page = client.get(made.url).content.decode()
    assert (
        "1年（执法领域“应急管理”属于安全生产领域，不论失信程度），自处罚决定之日（2025-03-10）起计算，"
        "2026-03-10起可申请修复"
    ) in page


def test_the_api_refuses_and_shows_the_period(client, officer, emergency):
    client.force_login(officer)
    url = f"/api/publicity/disclosures/{emergency.pk}/credit-repairs"
    body = {**form("2026-03-09", "serious")}
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 422
    assert REFUSED in json.dumps(refused.json(), ensure_ascii=False)
    nothing_written()
    made = client.post(url, {**body, "applied_on": "2026-03-10"}, content_type="application/json")
    assert made.status_code == 201, made.content
    shown = client.get(f"/api/publicity/credit-repairs/{made.json()['id']}").json()
    assert (shown["severity"], shown["minimum_months"], shown["minimum_basis"], shown["earliest_on"]) == (
        "serious",
        12,
        BASIS,
        "2026-03-10",
    )
