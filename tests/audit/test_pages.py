"""The 审计管理员's page and API: filters with exact counts, the export (itself audited), the chain state;
nobody else opens them."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.helpers import xlsx_rows
from tests.tamper import triggers_off
from zhifa.accounts.choices import RoleCode
from zhifa.audit.choices import AuditAction, AuditOutcome
from zhifa.audit.models import AuditEntry
from zhifa.audit.services import audit_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN, username="auditor", real_name="何平")


@pytest.fixture
def entries(client, auditor, officer, other_officer):
    """The auditor signed in (entry 1, without an address), then five entries: two logins, one failed
    login from elsewhere, a logout, a password reset."""
    cache.delete("audit:chain-state")
    client.force_login(auditor)
    audit_event(AuditAction.LOGIN, actor=officer, request=_req("10.0.0.1"))
    audit_event(AuditAction.LOGIN, actor=other_officer, request=_req("10.0.0.2"))
    audit_event(AuditAction.LOGIN_FAILED, username="east_officer", request=_req("192.168.1.9"),
                outcome=AuditOutcome.FAILURE)  # fmt: skip
    audit_event(AuditAction.LOGOUT, actor=officer, request=_req("10.0.0.1"))
    audit_event(AuditAction.PASSWORD_RESET, actor=other_officer, obj=officer, request=_req("10.0.0.2"))


def _req(ip):
    from django.test import RequestFactory

    return RequestFactory().get("/", REMOTE_ADDR=ip)


def _seqs(client, query=""):
    body = client.get(f"/api/audit/entries?{query}").json()
    return body["count"], [item["seq"] for item in body["items"]]


@pytest.mark.parametrize(
    ("query", "seqs"),
    [
        ("", [6, 5, 4, 3, 2, 1]),
        ("q=east_officer", [5, 4, 2]),
        ("q=何平", [1]),
        ("action=login", [3, 2, 1]),
        ("outcome=failure", [4]),
        ("ip=10.0.0.", [6, 5, 3, 2]),
        ("ip=192.168.1.9", [4]),
        ("object_type=accounts.user", [6]),
        ("sort=seq", [1, 2, 3, 4, 5, 6]),
        ("q=east_officer&action=logout", [5]),
    ],
)
def test_the_api_filters_with_exact_counts(client, entries, query, seqs):
    assert _seqs(client, query) == (len(seqs), seqs)


def test_the_page_filters_by_object_id_and_date(client, entries, officer):
    body = client.get(f"/audit/log/?object_id={officer.pk}&object_type=accounts.user").content.decode()
    assert body.count("<tr><td>") == 1 and "重置密码" in body
    AuditEntry.objects.all()  # dates: every entry is today (Beijing time)
    from django.utils import timezone

    today = timezone.localdate()
    assert "共 6 条" in client.get(f"/audit/log/?since={today}&until={today}").content.decode()
    assert "共 0 条" in client.get(f"/audit/log/?until={today - timedelta(days=1)}").content.decode()
    bad = client.get("/audit/log/?since=2026-13-40")
    assert bad.status_code == 400 and "起始日期" in bad.content.decode()


def test_the_page_shows_utc_and_beijing_time(client, entries):
    entry = AuditEntry.objects.get(seq=2)
    body = client.get("/audit/log/?sort=seq").content.decode()
    from datetime import UTC
    from zoneinfo import ZoneInfo

    assert entry.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") in body
    assert entry.at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M:%S") in body


def test_the_export_holds_the_filtered_entries_and_is_itself_audited(client, entries):
    response = client.get("/audit/log/export.xlsx?action=login", REMOTE_ADDR="10.9.9.9")
    rows = xlsx_rows(response)
    assert [row[0] for row in rows[1:]] == [3, 2, 1]
    assert rows[1][3:7] == ("west_officer", rows[1][4], "10.0.0.2", "登录")
    export = AuditEntry.objects.get(action="export")
    assert (export.actor_username, export.ip, export.object_id, export.detail) == (
        "auditor", "10.9.9.9", "audit.entry_list", "表格格式，条件：action=login",
    )  # fmt: skip


def test_the_chain_state_is_shown_after_a_check_and_names_a_break(client, entries):
    assert "尚未校验" in client.get("/audit/log/").content.decode()
    client.post("/audit/log/verify/")
    assert "完整" in client.get("/audit/log/").content.decode()
    with triggers_off():
        AuditEntry.objects.filter(seq=3).update(detail="改过")
    client.post("/audit/log/verify/")
    assert "第3条起被篡改" in client.get("/audit/log/").content.decode()


def test_the_list_costs_its_rows_not_a_walk_of_the_chain(
    client, auditor, entries, django_assert_max_num_queries
):
    for _ in range(30):
        audit_event(AuditAction.LOGIN, actor=auditor)
    with django_assert_max_num_queries(12):
        assert client.get("/audit/log/").status_code == 200


@pytest.mark.parametrize(
    "role", [RoleCode.OFFICER, RoleCode.SUPERVISOR, RoleCode.SYSTEM_ADMIN, RoleCode.SECURITY_ADMIN]
)
def test_no_other_role_opens_the_audit_log(client, agencies, make_user, entries, role):
    client.force_login(make_user(agencies["city_justice"], role))
    before = AuditEntry.objects.count()
    assert client.get("/audit/log/").status_code == 403
    assert client.get("/audit/log/export.xlsx").status_code == 403
    assert client.post("/audit/log/verify/").status_code == 403
    assert client.get("/api/audit/entries").status_code == 403
    assert AuditEntry.objects.count() == before


def test_verify_audit_reports_in_chinese_and_fails_on_a_break(entries, capsys):
    call_command("verify-audit")
    assert "审计链完整：6 条审计记录。" in capsys.readouterr().out
    with triggers_off():
        AuditEntry.objects.filter(seq=2).delete()
    with pytest.raises(SystemExit) as exit_:
        call_command("verify-audit")
    assert exit_.value.code == 1
    assert "第3条起被篡改或缺失" in capsys.readouterr().err


def test_a_retention_below_six_months_fails_the_system_check(settings):
    from zhifa.audit.checks import retention_check

    settings.ZHIFA_AUDIT_RETENTION_DAYS = 179
    assert [e.id for e in retention_check()] == ["zhifa.audit.E001"]
    settings.ZHIFA_AUDIT_RETENTION_DAYS = 180
    assert retention_check() == []
