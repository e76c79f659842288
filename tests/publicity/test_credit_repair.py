"""信用修复: registering a party's request on a published penalty, approving it (the entry comes down or
ends earlier) or refusing it — at the service, through the API and on the pages; every refusal writes
nothing."""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from tests.helpers import buttons, exported_rows, sorted_column
from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record
from zhifa.publicity.choices import DisclosureKind, DisclosureStatus, SubjectKind
from zhifa.publicity.models import CreditRepair, Disclosure
from zhifa.publicity.repair import clocks, services
from zhifa.publicity.repair.choices import RepairOutcome, RepairStatus, Severity

TODAY = timezone.localdate()


@pytest.fixture
def reviewer(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER)


@pytest.fixture
def officer(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.OFFICER)


def published(agency, *, published_on, kind=DisclosureKind.PENALTY, **extra):
    return Disclosure.objects.create(
        agency=agency,
        kind=kind,
        status=DisclosureStatus.PUBLISHED,
        number="东市监罚〔2026〕7号",
        subject_kind=SubjectKind.ORGANISATION,
        subject_name="东区味美餐饮有限公司",
        conclusion="罚款5000元",
        decided_on=published_on - timedelta(days=3),
        due_on=published_on,
        published_on=published_on,
        expires_on=published_on.replace(year=published_on.year + 5),
        **extra,
    )


def request_data(**overrides):
    data = {
        "applicant": "东区味美餐饮有限公司",
        "applied_on": TODAY,
        "severity": Severity.GENERAL,
        "performed_on": TODAY - timedelta(days=30),
        "statement": "罚款已于履行期限内缴清，承诺守法经营。联系电话13912345678",
    }
    return services.RepairInput(**{**data, **overrides})


@pytest.fixture
def disclosure(agencies):
    return published(agencies["east_market"], published_on=clocks.add_months(TODAY, -4))


def test_months_are_added_to_the_last_day_of_a_shorter_month():
    assert clocks.add_months(date(2026, 8, 31), 3) == date(2026, 11, 30)
    assert clocks.add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert clocks.earliest_repair(date(2026, 1, 10), Severity.SERIOUS) == date(2027, 1, 10)


def test_register_records_the_request_with_the_phone_masked(officer, disclosure):
    repair = services.credit_repair_register(actor=officer, disclosure=disclosure, data=request_data())
    assert (repair.status, repair.agency_id, repair.registered_by) == (
        RepairStatus.PENDING,
        disclosure.agency_id,
        officer,
    )
    assert "13912345678" not in repair.statement and "＊＊＊" in repair.statement
    record = Record.objects.get(action="publicity.credit_repair.register")
    assert (record.subject_id, json.loads(record.payload)["severity"]) == (str(repair.pk), "general")


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"applicant": " "}, "applicant", "请填写申请人"),
        ({"severity": ""}, "severity", "请选择失信程度"),
        ({"performed_on": None}, "performed_on", "当事人须已履行行政处罚决定"),
        ({"performed_on": TODAY + timedelta(days=1)}, "performed_on", "不能晚于申请日期"),
        ({"statement": ""}, "statement", "请填写申请事由及信用承诺"),
        ({"applied_on": TODAY + timedelta(days=1)}, "applied_on", "申请日期不能晚于今天"),
        # published four months ago: a 严重失信行为 needs a year
        ({"severity": Severity.SERIOUS}, "applied_on", "严重失信行为的行政处罚信息最短公示期为1年"),
    ],
)
def test_register_refusals_name_the_field_and_write_nothing(officer, disclosure, overrides, field, words):
    with pytest.raises(ValidationError) as refused:
        services.credit_repair_register(actor=officer, disclosure=disclosure, data=request_data(**overrides))
    assert words in refused.value.message_dict[field][0]
    assert not CreditRepair.objects.exists()
    assert not Record.objects.filter(action__startswith="publicity.credit_repair").exists()


def test_before_the_minimum_period_the_request_is_refused_with_the_first_day(officer, agencies):
    on = clocks.add_months(TODAY, -2)
    d = published(agencies["east_market"], published_on=on)
    with pytest.raises(ValidationError) as refused:
        services.credit_repair_register(actor=officer, disclosure=d, data=request_data())
    decided_on = on - timedelta(days=3)
    earliest = clocks.add_months(decided_on, 3)
    assert refused.value.message_dict["applied_on"] == [
        f"一般失信行为的行政处罚信息最短公示期为3个月（自处罚决定之日起计算）：该行政处罚决定于{decided_on:%Y-%m-%d}作出，"
        f"{earliest:%Y-%m-%d}前不能申请信用修复（《信用修复管理办法》）"
    ]


@override_settings(ZHIFA_CREDIT_REPAIR_GENERAL_MONTHS=1)
def test_the_minimum_period_is_a_setting(officer, agencies):
    d = published(agencies["east_market"], published_on=clocks.add_months(TODAY, -2))
    assert services.credit_repair_register(actor=officer, disclosure=d, data=request_data()).pk


def test_only_a_published_penalty_and_one_open_request(officer, agencies, disclosure):
    licence = published(
        agencies["east_market"], published_on=disclosure.published_on, kind=DisclosureKind.LICENCE
    )
    with pytest.raises(ValidationError) as refused:
        services.credit_repair_register(actor=officer, disclosure=licence, data=request_data())
    assert refused.value.message_dict["disclosure"] == ["只有行政处罚决定的公示可以申请信用修复"]
    services.credit_repair_register(actor=officer, disclosure=disclosure, data=request_data())
    with pytest.raises(ValidationError) as refused:
        services.credit_repair_register(actor=officer, disclosure=disclosure, data=request_data())
    assert refused.value.messages == ["该公示已有待决定的信用修复申请"]
    assert CreditRepair.objects.count() == 1


def test_approve_withdraws_the_disclosure_from_the_portal(client, officer, reviewer, disclosure):
    repair = services.credit_repair_register(actor=officer, disclosure=disclosure, data=request_data())
    services.credit_repair_approve(
        actor=reviewer, repair=repair, outcome=RepairOutcome.WITHDRAW, reason="已纠正"
    )
    repair.refresh_from_db()
    disclosure.refresh_from_db()
    assert (repair.status, repair.outcome, repair.decided_by) == (RepairStatus.APPROVED, "withdraw", reviewer)
    assert disclosure.status == DisclosureStatus.WITHDRAWN
    assert disclosure.withdraw_reason == "当事人已履行行政处罚决定，经信用修复撤下公示：已纠正"
    assert json.loads(Record.objects.get(action="publicity.withdraw").payload)["credit_repair"] == repair.pk
    page = client.get(f"/gs/decisions/{disclosure.pk}/")
    assert "罚款5000元" not in page.content.decode()


def test_approve_shortens_the_period(officer, reviewer, disclosure):
    repair = services.credit_repair_register(actor=officer, disclosure=disclosure, data=request_data())
    end_on = TODAY + timedelta(days=10)
    services.credit_repair_approve(
        actor=reviewer, repair=repair, outcome=RepairOutcome.SHORTEN, end_on=end_on
    )
    disclosure.refresh_from_db()
    assert (disclosure.status, disclosure.expires_on) == (DisclosureStatus.PUBLISHED, end_on)
    assert (
        json.loads(Record.objects.get(action="publicity.shorten").payload)["expires_on"] == end_on.isoformat()
    )


@pytest.mark.parametrize(
    ("outcome", "end_on", "field", "words"),
    [
        ("", None, "outcome", "请选择修复方式"),
        (RepairOutcome.SHORTEN, None, "end_on", "请填写公示结束日期"),
        (RepairOutcome.SHORTEN, TODAY - timedelta(days=1), "end_on", "公示结束日期不能早于今天"),
        (RepairOutcome.SHORTEN, TODAY.replace(year=TODAY.year + 6), "end_on", "须早于原公示期满日期"),
    ],
)
def test_approve_refusals_write_nothing(officer, reviewer, disclosure, outcome, end_on, field, words):
    repair = services.credit_repair_register(actor=officer, disclosure=disclosure, data=request_data())
    before = Record.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.credit_repair_approve(actor=reviewer, repair=repair, outcome=outcome, end_on=end_on)
    assert words in refused.value.message_dict[field][0]
    repair.refresh_from_db()
    disclosure.refresh_from_db()
    assert (repair.status, disclosure.status) == (RepairStatus.PENDING, DisclosureStatus.PUBLISHED)
    assert Record.objects.count() == before


def test_refuse_needs_a_reason_and_leaves_the_disclosure(officer, reviewer, disclosure):
    repair = services.credit_repair_register(actor=officer, disclosure=disclosure, data=request_data())
    with pytest.raises(ValidationError) as refused:
        services.credit_repair_refuse(actor=reviewer, repair=repair, reason=" ")
    assert refused.value.message_dict["reason"] == ["请填写不同意的理由"]
    services.credit_repair_refuse(actor=reviewer, repair=repair, reason="罚款尚未缴清")
    repair.refresh_from_db()
    assert (repair.status, repair.decision_reason) == (RepairStatus.REFUSED, "罚款尚未缴清")
    with pytest.raises(ValidationError) as again:
        services.credit_repair_approve(actor=reviewer, repair=repair, outcome=RepairOutcome.WITHDRAW)
    assert "信用修复申请当前为“不同意修复”" in again.value.message_dict["status"][0]


def test_an_officer_cannot_decide(officer, disclosure):
    from django.core.exceptions import PermissionDenied

    repair = services.credit_repair_register(actor=officer, disclosure=disclosure, data=request_data())
    with pytest.raises(PermissionDenied):
        services.credit_repair_refuse(actor=officer, repair=repair, reason="不同意")


def test_api_register_refusal_and_decision(client, officer, reviewer, disclosure, agencies, make_user):
    client.force_login(officer)
    url = f"/api/publicity/disclosures/{disclosure.pk}/credit-repairs"
    refused = client.post(url, {"applicant": "", "severity": "general"}, content_type="application/json")
    assert refused.status_code == 422
    assert not CreditRepair.objects.exists()
    body = {
        "applicant": "东区味美餐饮有限公司",
        "severity": "general",
        "performed_on": str(TODAY),
        "statement": "已缴清",
    }
    made = client.post(url, body, content_type="application/json")
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert (
        client.post(
            f"/api/publicity/credit-repairs/{pk}/refuse", {"reason": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(reviewer)
    done = client.post(
        f"/api/publicity/credit-repairs/{pk}/approve",
        {"outcome": "withdraw"},
        content_type="application/json",
    )
    assert done.json()["status"] == "approved"
    client.force_login(make_user(agencies["west_market"], RoleCode.LEGAL_REVIEWER))
    assert client.get(f"/api/publicity/credit-repairs/{pk}").status_code == 404
    assert client.get("/api/publicity/credit-repairs").json()["items"] == []


def test_pages_register_list_and_decide(client, officer, reviewer, disclosure):
    client.force_login(officer)
    url = f"/publicity/{disclosure.pk}/credit-repair/"
    refused = client.post(
        url,
        {
            "applicant": "东区味美餐饮有限公司",
            "severity": "serious",
            "performed_on": str(TODAY),
            "statement": "已缴清",
        },
    )
    assert "严重失信行为的行政处罚信息最短公示期为1年" in refused.content.decode()
    assert not CreditRepair.objects.exists()
    made = client.post(
        url,
        {
            "applicant": "东区味美餐饮有限公司",
            "severity": "general",
            "performed_on": str(TODAY),
            "statement": "已缴清",
        },
    )
    repair = CreditRepair.objects.get()
    assert made.status_code == 302 and made.url == f"/publicity/credit-repairs/{repair.pk}/"
    listing = client.get("/publicity/credit-repairs/?q=味美&sort=-applied")
    assert "东区味美餐饮有限公司" in listing.content.decode()
    assert client.get("/publicity/credit-repairs/?export=xlsx").status_code == 200
    client.force_login(reviewer)
    page = client.post(f"/publicity/credit-repairs/{repair.pk}/approve/", {"outcome": "shorten"})
    assert "请填写公示结束日期" in page.content.decode()
    end_on = TODAY + timedelta(days=5)
    done = client.post(
        f"/publicity/credit-repairs/{repair.pk}/approve/", {"outcome": "shorten", "end_on": str(end_on)}
    )
    assert done.status_code == 302
    disclosure.refresh_from_db()
    assert disclosure.expires_on == end_on


def test_the_minimum_period_runs_from_the_decision_not_the_publication(officer, agencies):
    """A penalty decided four months ago and published only now may be repaired at once."""
    d = published(agencies["east_market"], published_on=TODAY)
    Disclosure.objects.filter(pk=d.pk).update(decided_on=clocks.add_months(TODAY, -4))
    d.refresh_from_db()
    repair = services.credit_repair_register(actor=officer, disclosure=d, data=request_data())
    assert (repair.disclosure_id, repair.status) == (d.pk, "pending")


def test_the_list_and_its_export_read_the_same_rows(client, officer, agencies):
    """The list's filters (trimmed as typed) and its sort are its export's: the link carries them, and
    the file holds the rows the page shows."""
    for applicant, days_ago in (("甲公司", 2), ("乙公司", 1)):
        made = published(agencies["east_market"], published_on=clocks.add_months(TODAY, -4))
        data = request_data(applicant=applicant, applied_on=TODAY - timedelta(days=days_ago))
        services.credit_repair_register(actor=officer, disclosure=made, data=data)
    CreditRepair.objects.filter(applicant="乙公司").update(status=RepairStatus.REFUSED)
    client.force_login(officer)
    url = "/publicity/credit-repairs/"
    assert sorted_column(client, url, column="applicant", rows="page") == ["乙公司", "甲公司"]
    assert sorted_column(client, url, "applied", column="applicant", rows="page") == ["甲公司", "乙公司"]
    assert sorted_column(client, url, column="applicant", rows="page", status=" pending ") == ["甲公司"]
    body = client.get(url, {"status": " pending ", "sort": "applied"}).content.decode()
    assert 'href="?status=pending&amp;sort=applied&export=xlsx"' in body
    rows = exported_rows(client, url, {"status": " pending ", "sort": "applied", "export": "xlsx"})
    assert [row[0] for row in rows[1:]] == ["甲公司"]
    rows = exported_rows(client, url, {"sort": "applied", "export": "xlsx"})
    assert [row[0] for row in rows[1:]] == ["甲公司", "乙公司"]


def test_the_decision_is_the_pages_main_button_and_a_refusal_is_red(client, officer, reviewer, disclosure):
    """同意修复 is the reviewer's next step (btn-primary), 不同意修复 a refusal; the officer who registered
    the request decides nothing (docs/architecture.md §5: `Machine.buttons`)."""
    repair = services.credit_repair_register(actor=officer, disclosure=disclosure, data=request_data())
    page = f"/publicity/credit-repairs/{repair.pk}/"
    client.force_login(reviewer)
    shown = buttons(client.get(page).content.decode())
    assert (shown["同意修复"], shown["不同意修复"]) == ("btn btn-primary", "btn btn-outline-danger")
    client.force_login(officer)
    assert not {"同意修复", "不同意修复"} & set(buttons(client.get(page).content.decode()))
