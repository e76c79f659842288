"""三员分立 without back doors (issue 17, findings 1 and 11): the 系统管理员 never chooses another person's
password — a reset issues a generated one-time password that forces a change and tells the owner who reset
it and when; an admin account's reset needs the 安全管理员's approval; the stock admin's password page is
gone; the 安全管理员 grants roles under 三员分立 and unlocks accounts; each action is recorded and audited."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from tests.factories import DEFAULT_PASSWORD
from tests.helpers import html, xlsx_rows
from zhifa.accounts import services
from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import PasswordResetRequest, ResetRequestStatus, User
from zhifa.audit.models import AuditEntry
from zhifa.core.models import Agency, Record
from zhifa.core.validators import credit_code_with_check

pytestmark = pytest.mark.django_db

TEMP_PASSWORD = re.compile(r'<strong translate="no">([^<]+)</strong>')
AT = datetime(2026, 12, 4, 10, 20, tzinfo=ZoneInfo("Asia/Shanghai"))


def records_of(user, action):
    return list(
        Record.objects.filter(
            subject_type="accounts.user", subject_id=str(user.pk), action=action
        ).values_list("actor__username", flat=True)
    )


def audits_of(user, action):
    return list(
        AuditEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk), action=action)
        .order_by("seq")
        .values_list("actor_username", "detail")
    )


@pytest.fixture
def zhang(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.OFFICER, username="east_officer", real_name="张伟")


@pytest.fixture
def sysadmin(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sys_admin", real_name="张三")


@pytest.fixture
def secadmin(agencies, make_user):
    return make_user(
        agencies["city_justice"], RoleCode.SECURITY_ADMIN, username="sec_admin", real_name="李四"
    )


@pytest.fixture
def auditadmin(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN, username="audit_admin", real_name="王五")


def issued_password(response) -> str:
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    return TEMP_PASSWORD.search(html(response)).group(1)


# ---- finding 1: no page lets the 系统管理员 set a working password of another account -------------------


def test_the_stock_admin_has_no_user_pages(client, sysadmin, secadmin):
    client.force_login(sysadmin)
    for url in (
        f"/admin/accounts/user/{secadmin.pk}/password/",
        f"/admin/accounts/user/{secadmin.pk}/change/",
        "/admin/accounts/user/add/",
        "/admin/accounts/role/",
        "/admin/accounts/apitoken/",
        "/admin/axes/accessattempt/",
        "/admin/core/agency/",
        "/admin/core/region/",
        "/admin/core/holidayoverride/",
        "/admin/core/holidayoverride/add/",
        "/admin/core/numberformat/",
        "/admin/core/numberformat/add/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/admin/accounts/user/{secadmin.pk}/password/",
        {"password1": "Xin#Mima2026", "password2": "Xin#Mima2026"},
    )
    assert response.status_code == 404
    secadmin.refresh_from_db()
    assert secadmin.check_password(DEFAULT_PASSWORD) and not secadmin.must_change_password


def test_a_reset_issues_a_temporary_password_that_forces_a_change_and_tells_who_and_when(
    client, sysadmin, zhang, monkeypatch
):
    monkeypatch.setattr("zhifa.accounts.services.timezone.now", lambda: AT)
    client.force_login(sysadmin)
    page = html(client.get(f"/accounts/users/{zhang.pk}/password-reset/"))
    assert "生成临时密码" in page and 'name="password' not in page  # nothing to choose

    password = issued_password(
        client.post(f"/accounts/users/{zhang.pk}/password-reset/", {"password1": "Xin#Mima2026"})
    )
    assert password != "Xin#Mima2026" and len(password) == 16
    zhang.refresh_from_db()
    assert zhang.check_password(password) and not zhang.check_password("Xin#Mima2026")
    assert password not in zhang.password  # only its hash is kept
    assert zhang.must_change_password and zhang.password_reset_at == AT
    assert records_of(zhang, "user.password_reset") == ["sys_admin"]
    assert audits_of(zhang, "password_reset") == [("sys_admin", "签发临时密码")]
    # shown once: the user's page never shows it again
    assert password not in html(client.get(f"/accounts/users/{zhang.pk}/"))

    client.logout()
    login = client.post("/accounts/login/", {"username": "east_officer", "password": password})
    assert login.status_code == 302
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/"
    assert "您的密码已于2026年12月4日 10:20 由系统管理员张三重置，请设置新密码。" in html(
        client.get("/accounts/password/")
    )


def test_an_admin_account_reset_needs_the_security_admins_approval(client, sysadmin, secadmin, auditadmin):
    client.force_login(sysadmin)
    url = f"/accounts/users/{auditadmin.pk}/password-reset/"
    assert "须经安全管理员审批" in html(client.get(url))
    refused = client.post(url, {"reason": " "})
    assert "请填写申请理由" in html(refused)
    assert not PasswordResetRequest.objects.exists()

    response = client.post(url, {"reason": "本人遗忘密码"})
    reset = PasswordResetRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/accounts/password-resets/{reset.pk}/"
    assert reset.status == ResetRequestStatus.PENDING and reset.requested_by == sysadmin
    auditadmin.refresh_from_db()
    assert (
        auditadmin.check_password(DEFAULT_PASSWORD) and not auditadmin.must_change_password
    )  # nothing issued
    assert records_of(auditadmin, "user.password_reset") == []
    assert records_of(auditadmin, "user.password_reset_request") == ["sys_admin"]
    # the service refuses a direct reset of an admin account, and the requester cannot approve
    with pytest.raises(Exception, match="须经安全管理员审批"):
        services.password_reset_temporary(actor=sysadmin, user=auditadmin)
    assert client.post(f"/accounts/password-resets/{reset.pk}/", {"approve": "1"}).status_code == 403
    reset.refresh_from_db()
    assert reset.status == ResetRequestStatus.PENDING

    client.force_login(secadmin)
    password = issued_password(client.post(f"/accounts/password-resets/{reset.pk}/", {"approve": "1"}))
    auditadmin.refresh_from_db()
    assert auditadmin.check_password(password) and auditadmin.must_change_password
    assert auditadmin.password_reset_by == "安全管理员李四"
    reset.refresh_from_db()
    assert (reset.status, reset.decided_by) == (ResetRequestStatus.APPROVED, secadmin)
    assert records_of(auditadmin, "user.password_reset") == ["sec_admin"]
    assert audits_of(auditadmin, "password_reset") == [("sec_admin", "签发临时密码")]
    # the requester never sees it
    client.force_login(sysadmin)
    assert password not in html(client.get(f"/accounts/password-resets/{reset.pk}/"))
    # approved once: not again
    client.force_login(secadmin)
    again = client.post(f"/accounts/password-resets/{reset.pk}/", {"approve": "1"})
    assert "该申请已批准，不能再审批" in html(again)


def test_a_rejected_request_issues_nothing(client, sysadmin, secadmin, auditadmin):
    reset = services.password_reset_request(actor=sysadmin, user=auditadmin, reason="本人遗忘密码")
    client.force_login(secadmin)
    response = client.post(
        f"/accounts/password-resets/{reset.pk}/", {"reject": "1", "note": "未核实本人身份"}
    )
    assert response.status_code == 302
    reset.refresh_from_db()
    assert (reset.status, reset.decision_note) == (ResetRequestStatus.REJECTED, "未核实本人身份")
    auditadmin.refresh_from_db()
    assert auditadmin.check_password(DEFAULT_PASSWORD) and not auditadmin.must_change_password
    assert records_of(auditadmin, "user.password_reset") == []
    assert records_of(auditadmin, "user.password_reset_reject") == ["sec_admin"]


def test_nobody_approves_a_reset_of_their_own_account(sysadmin, secadmin, agencies, make_user):
    other_sec = make_user(agencies["city_justice"], RoleCode.SECURITY_ADMIN, username="sec_admin2")
    reset = services.password_reset_request(actor=sysadmin, user=secadmin, reason="本人遗忘密码")
    with pytest.raises(Exception, match="申请人和被重置账号本人不能审批"):
        services.password_reset_approve(actor=secadmin, reset=reset)
    reset.refresh_from_db()
    assert reset.status == ResetRequestStatus.PENDING
    assert services.password_reset_approve(actor=other_sec, reset=reset)


def test_the_sysadmin_creates_an_account_with_a_temporary_password(client, sysadmin, agencies):
    client.force_login(sysadmin)
    form = {
        "username": "new_officer",
        "real_name": "李娜",
        "agency": agencies["east_market"].pk,
        "mobile": "123",
    }
    refused = client.post("/accounts/users/new/", form)
    assert "手机号码应为以1开头的11位数字" in html(refused)
    assert not User.objects.filter(username="new_officer").exists()

    password = issued_password(client.post("/accounts/users/new/", {**form, "mobile": "13800000000"}))
    user = User.objects.get(username="new_officer")
    assert user.check_password(password) and user.must_change_password
    assert user.role_codes == frozenset()  # roles are the 安全管理员's
    assert records_of(user, "user.create") == ["sys_admin"]


def test_the_sysadmin_edits_disables_and_enables_an_account(client, sysadmin, zhang, agencies):
    client.force_login(sysadmin)
    response = client.post(
        f"/accounts/users/{zhang.pk}/edit/",
        {"real_name": "张伟明", "agency": agencies["west_market"].pk, "mobile": "13900000000", "email": ""},
    )
    assert response.status_code == 302
    zhang.refresh_from_db()
    assert (zhang.real_name, zhang.agency, zhang.mobile) == ("张伟明", agencies["west_market"], "13900000000")
    assert records_of(zhang, "user.update") == ["sys_admin"]

    client.post(f"/accounts/users/{zhang.pk}/active/", {"active": "0"})
    zhang.refresh_from_db()
    assert not zhang.is_active and records_of(zhang, "user.disable") == ["sys_admin"]
    assert audits_of(zhang, "account_change")[-1] == ("sys_admin", "停用账号")
    client.post(f"/accounts/users/{zhang.pk}/active/", {"active": "1"})
    zhang.refresh_from_db()
    assert zhang.is_active and records_of(zhang, "user.enable") == ["sys_admin"]


def test_the_sysadmin_cannot_grant_roles(client, sysadmin, zhang):
    client.force_login(sysadmin)
    assert client.post(f"/accounts/users/{zhang.pk}/roles/", {"roles": ["system_admin"]}).status_code == 403
    assert User.objects.get(pk=zhang.pk).role_codes == {"officer"}


# ---- 安全管理员: roles and unlocking ------------------------------------------------------------------


def test_roles_are_granted_and_revoked_under_the_separation(client, secadmin, zhang):
    client.force_login(secadmin)
    url = f"/accounts/users/{zhang.pk}/roles/"
    before = Record.objects.count()
    refused = client.post(url, {"roles": ["officer", "system_admin"]})
    assert refused.status_code == 200 and "三员分立：系统管理员、安全管理员、审计管理员互斥" in html(refused)
    assert User.objects.get(pk=zhang.pk).role_codes == {"officer"} and Record.objects.count() == before

    assert client.post(url, {"roles": ["officer", "legal_reviewer"]}).status_code == 302
    assert User.objects.get(pk=zhang.pk).role_codes == {"officer", "legal_reviewer"}
    assert client.post(url, {"roles": ["legal_reviewer"]}).status_code == 302
    assert User.objects.get(pk=zhang.pk).role_codes == {"legal_reviewer"}
    assert records_of(zhang, "user.set_roles") == ["sec_admin", "sec_admin"]


def test_the_security_admin_unlocks_a_locked_account(client, secadmin, zhang, settings):
    AccessAttempt.objects.create(
        username="east_officer",
        ip_address="127.0.0.1",
        user_agent="test",
        failures_since_start=settings.ZHIFA_LOCKOUT_ACCOUNT_FAILURES,
        attempt_time=timezone.now(),
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
    )
    client.force_login(secadmin)
    page = html(client.get("/accounts/locks/"))
    assert "east_officer" in page and "张伟" in page
    response = client.post("/accounts/locks/unlock/", {"username": "east_officer"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert audits_of(zhang, "unlock") == [("sec_admin", "解锁账号east_officer")]


def test_another_region_security_admin_cannot_unlock(client, zhang, make_user, agencies, settings):
    AccessAttempt.objects.create(
        username="east_officer",
        ip_address="127.0.0.1",
        user_agent="t",
        failures_since_start=9,
        attempt_time=timezone.now(),
        get_data="",
        post_data="",
        http_accept="",
        path_info="/",
    )
    west = make_user(agencies["west_market"], RoleCode.SECURITY_ADMIN, username="west_sec")
    client.force_login(west)
    assert "east_officer" not in html(client.get("/accounts/locks/"))
    assert client.post("/accounts/locks/unlock/", {"username": "east_officer"}).status_code == 404
    assert AccessAttempt.objects.count() == 1


# ---- lists, export and access -------------------------------------------------------------------------


def test_the_user_list_searches_filters_and_exports(client, sysadmin, zhang, other_officer):
    client.force_login(sysadmin)
    page = html(client.get("/accounts/users/", {"q": "东区"}))
    assert "east_officer" in page and "west_officer" not in page
    rows = xlsx_rows(client.get("/accounts/users/export.xlsx", {"role": "officer", "sort": "username"}))
    assert rows[0] == ("用户名", "姓名", "所在机关", "角色", "状态", "须修改密码", "最近登录")
    assert [row[:5] for row in rows[1:]] == [
        ("east_officer", "张伟", "东区市场监督管理局", "执法人员", "启用"),
        ("west_officer", other_officer.real_name, "西县市场监督管理局", "执法人员", "启用"),
    ]


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        (RoleCode.OFFICER, "/accounts/users/", 403),
        (RoleCode.AUDIT_ADMIN, "/accounts/users/", 403),
        (RoleCode.SECURITY_ADMIN, "/accounts/users/new/", 403),
        (RoleCode.SECURITY_ADMIN, "/accounts/parameters/", 403),
        (RoleCode.SYSTEM_ADMIN, "/accounts/locks/", 403),
        (RoleCode.SYSTEM_ADMIN, "/accounts/parameters/", 200),
        (RoleCode.SECURITY_ADMIN, "/accounts/locks/", 200),
    ],
)
def test_each_page_opens_for_its_role_only(client, agencies, make_user, role, url, status):
    client.force_login(make_user(agencies["city_justice"], role))
    assert client.get(url).status_code == status


def test_another_regions_sysadmin_gets_404_on_an_account(client, zhang, make_user, agencies):
    client.force_login(make_user(agencies["west_market"], RoleCode.SYSTEM_ADMIN))
    for url in (f"/accounts/users/{zhang.pk}/", f"/accounts/users/{zhang.pk}/password-reset/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/accounts/users/{zhang.pk}/password-reset/").status_code == 404
    zhang.refresh_from_db()
    assert not zhang.must_change_password


# ---- 机关维护 ------------------------------------------------------------------------------------------


def test_agency_create_and_edit_with_chinese_errors(client, sysadmin, city):
    client.force_login(sysadmin)
    form = {"name": "东区交通运输局", "credit_code": "bad", "kind": "department", "region": city["east"].pk}
    refused = client.post("/org/agencies/new/", form)
    assert refused.status_code == 200 and "统一社会信用代码" in html(refused)
    assert not Agency.objects.filter(name="东区交通运输局").exists()
    response = client.post(
        "/org/agencies/new/", {**form, "credit_code": credit_code_with_check("11970100MB2800000")}
    )
    agency = Agency.objects.get(name="东区交通运输局")
    assert response.status_code == 302 and response["Location"] == f"/org/agencies/{agency.pk}/"
    response = client.post(
        f"/org/agencies/{agency.pk}/edit/",
        {**form, "credit_code": agency.credit_code, "short_name": "东交", "active": "on"},
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.short_name == "东交"
    assert list(
        Record.objects.filter(subject_type="core.agency", subject_id=str(agency.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["agency.create", "agency.update"]
