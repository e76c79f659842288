"""Each audited event leaves exactly its entry: who, from which IP, what, on which object, with what
outcome — and no case content in the object's name."""

import pytest

from tests.factories import DEFAULT_PASSWORD, OfficerFactory
from zhifa.accounts import services
from zhifa.accounts.choices import RoleCode
from zhifa.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

IP = "10.20.30.40"


def _login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=IP)


def _facts(entry):
    return (entry.action, entry.actor_username, entry.ip, entry.object_type, entry.outcome)


def test_a_login_is_audited_with_user_and_ip(client, officer):
    assert _login(client, officer.username, DEFAULT_PASSWORD).status_code == 302
    entry = AuditEntry.objects.get()
    assert _facts(entry) == ("login", "east_officer", IP, "", "success")
    assert entry.actor_id == officer.pk


def test_a_failed_login_is_audited_with_the_username_tried(client, officer):
    _login(client, "east_officer", "wrong")
    _login(client, "nobody_here", "wrong")
    assert [_facts(e) for e in AuditEntry.objects.order_by("seq")] == [
        ("login_failed", "east_officer", IP, "", "failure"),
        ("login_failed", "nobody_here", IP, "", "failure"),
    ]
    assert AuditEntry.objects.filter(actor_id__isnull=False).count() == 0


def test_a_logout_is_audited(client, officer):
    client.force_login(officer)
    client.post("/accounts/logout/", REMOTE_ADDR=IP)
    assert [_facts(e) for e in AuditEntry.objects.exclude(action="login")] == [
        ("logout", "east_officer", IP, "", "success")
    ]


def test_a_lockout_is_audited(client, officer):
    for _ in range(5):
        _login(client, officer.username, "wrong")
    lockouts = AuditEntry.objects.filter(action="lockout")
    assert [_facts(e) for e in lockouts] == [("lockout", "east_officer", IP, "", "failure")]
    assert AuditEntry.objects.filter(action="login_failed").count() == 5


def test_creating_an_account_is_audited(agencies, make_user):
    admin = make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sys")
    user = services.user_create(
        actor=admin,
        username="newbie",
        real_name="新人",
        agency=agencies["east_market"],
        password="Qx7!mz9Lw#",
    )
    entry = AuditEntry.objects.get(action="account_change")
    assert (entry.actor_username, entry.object_type, entry.object_id, entry.object_repr) == (
        "sys", "accounts.user", str(user.pk), "新人（newbie）",
    )  # fmt: skip


def test_a_role_change_is_audited_with_the_roles(agencies, make_user, officer):
    security = make_user(agencies["city_justice"], RoleCode.SECURITY_ADMIN, username="sec")
    services.user_set_roles(actor=security, user=officer, roles=[RoleCode.OFFICER, RoleCode.UNIT_HEAD])
    entry = AuditEntry.objects.get(action="permission_change")
    assert (entry.actor_username, entry.object_id) == ("sec", str(officer.pk))
    assert entry.detail == f"角色设为：{RoleCode.OFFICER.label}、{RoleCode.UNIT_HEAD.label}"


def test_a_password_reset_and_change_are_audited(agencies, make_user, officer):
    admin = make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sys")
    services.password_reset_temporary(actor=admin, user=officer)
    services.password_change(user=officer, password="Wy3$hp6Zc@")
    assert [(e.action, e.actor_username, e.object_id) for e in AuditEntry.objects.order_by("seq")] == [
        ("password_reset", "sys", str(officer.pk)),
        ("password_change", "east_officer", str(officer.pk)),
    ]


def test_a_refused_role_change_leaves_no_entry(agencies, make_user, officer):
    from django.http import Http404

    with pytest.raises(Http404):  # an officer does not see user accounts
        services.user_set_roles(actor=officer, user=officer, roles=[RoleCode.AGENCY_HEAD])
    assert AuditEntry.objects.count() == 0


def test_a_list_export_is_audited_with_its_filters(client, officer):
    client.force_login(officer)
    response = client.get("/org/agencies/export.xlsx?q=东区", REMOTE_ADDR=IP)
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="export")
    assert _facts(entry) == ("export", "east_officer", IP, "export", "success")
    assert (entry.object_id, entry.object_repr, entry.detail) == (
        "core.agency_list",
        "机关机构",
        "表格格式，条件：q=东区",
    )


def test_a_full_id_number_shown_is_audited_and_a_masked_one_is_not(client, agencies, make_user):
    officer_row = OfficerFactory(agency=agencies["east_market"])
    head = make_user(agencies["east_market"], RoleCode.UNIT_HEAD, username="head")
    colleague = make_user(agencies["east_market"], RoleCode.OFFICER, username="colleague")
    client.force_login(colleague)
    assert client.get(f"/registry/officers/{officer_row.pk}/").status_code == 200
    assert not AuditEntry.objects.filter(action="personal_data_view").exists()
    client.force_login(head)
    body = client.get(f"/registry/officers/{officer_row.pk}/", REMOTE_ADDR=IP).content.decode()
    assert officer_row.id_number in body
    entry = AuditEntry.objects.get(action="personal_data_view")
    assert _facts(entry) == ("personal_data_view", "head", IP, "registry.officer", "success")
    assert (entry.object_id, entry.detail) == (str(officer_row.pk), "完整显示身份证号码")


def test_a_fixed_report_is_audited_and_an_empty_template_is_not(client, agencies, make_user):
    head = make_user(agencies["east_market"], RoleCode.UNIT_HEAD, username="east_head")
    client.force_login(head)
    agency = head.agency
    response = client.get(f"/registry/compliance/{agency.pk}/training/export.xlsx?year=2026", REMOTE_ADDR=IP)
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="export")
    assert _facts(entry) == ("export", "east_head", IP, "document", "success")
    assert entry.object_repr == f"{agency.name}2026年度培训学时"
    assert client.get("/registry/import/template/trainings/").status_code == 200
    assert AuditEntry.objects.filter(action="export").count() == 1
