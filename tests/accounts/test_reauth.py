"""Re-authentication before sensitive actions (accounts.reauth): an export of personal data, a role change
and a password reset of another ask for the password (and the code) again when the session's last
authentication is older than ZHIFA_REAUTH_MINUTES; the user then comes back (or resubmits what they sent)."""

import time

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import DEFAULT_PASSWORD, OfficerFactory
from tests.helpers import html, xlsx_rows
from zhifa.accounts import reauth, services
from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import ResetRequestStatus
from zhifa.core import exports
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db

EXPORT = "/registry/officers/export.xlsx"
KEY = "3132333435363738393031323334353637383930"


def authenticated_minutes_ago(client, minutes: float) -> None:
    session = client.session
    session[reauth.AUTH_AT_KEY] = int(time.time() - minutes * 60)
    session.save()


@pytest.fixture
def viewer(client, officer):
    OfficerFactory(agency=officer.agency, name="张伟")
    client.force_login(officer)
    return officer


def test_a_personal_data_export_asks_for_the_password_again_and_comes_back(client, viewer):
    authenticated_minutes_ago(client, 6)

    response = client.get(EXPORT, {"q": "张"})

    assert response.status_code == 302
    assert (
        response["Location"]
        == "/accounts/reauth/?next=%2Fregistry%2Fofficers%2Fexport.xlsx%3Fq%3D%25E5%25BC%25A0"
    )
    page = client.get(response["Location"])
    assert page.status_code == 200 and '<label for="id_reauth-password">密码' in html(page)
    assert "id_reauth-code" not in html(page)  # no authenticator, no code asked

    wrong = client.post(
        response["Location"],
        {"reauth-password": "wrong", "reauth-next": "/registry/officers/export.xlsx?q=张"},
    )
    assert wrong.status_code == 200 and "密码不正确" in html(wrong)
    assert client.get(EXPORT)["Location"].startswith("/accounts/reauth/")  # still refused

    back = client.post(
        "/accounts/reauth/",
        {"reauth-password": DEFAULT_PASSWORD, "reauth-next": "/registry/officers/export.xlsx?q=张"},
    )
    assert back["Location"] == "/registry/officers/export.xlsx?q=%E5%BC%A0"
    rows = xlsx_rows(client.get(back["Location"]))
    assert [row[0] for row in rows[1:]] == ["张伟"]


def test_within_the_set_minutes_no_password_is_asked(client, viewer, settings):
    settings.ZHIFA_REAUTH_MINUTES = 10
    authenticated_minutes_ago(client, 9)
    assert client.get(EXPORT).status_code == 200
    settings.ZHIFA_REAUTH_MINUTES = 5
    assert client.get(EXPORT).status_code == 302


def test_every_personal_export_is_flagged():
    from django.urls import resolve

    resolve("/")  # the URLconf imports every view module, which registers its export
    flagged = sorted(key for key in exports.registered_keys() if exports.registered(key).personal_data)
    assert flagged == [
        "registry.certificate_list",
        "registry.officer_list",
        "social.point_list",
        "social.supervisor_list",
        "training.trainer_list",  # the trainers' contact numbers
    ]


def test_a_list_without_personal_data_is_not_asked(client, viewer):
    authenticated_minutes_ago(client, 60)
    assert client.get("/registry/bodies/export.xlsx").status_code == 200


def test_a_background_export_of_personal_data_is_asked_too(client, viewer):
    authenticated_minutes_ago(client, 60)
    before = Record.objects.count()

    response = client.post("/jobs/exports/start/", {"export": "registry.officer_list", "query": ""})

    assert response.status_code == 200 and 'data-testid="reauth-form"' in html(response)
    assert 'name="export" value="registry.officer_list"' in html(response)
    from zhifa.jobs.models import ExportJob

    assert not ExportJob.objects.exists() and Record.objects.count() == before


def test_a_user_with_an_authenticator_gives_its_code_too(client, viewer):
    TOTPDevice.objects.create(user=viewer, key=KEY, confirmed=True)
    authenticated_minutes_ago(client, 60)
    data = {"reauth-password": DEFAULT_PASSWORD, "reauth-next": EXPORT}

    refused = client.post("/accounts/reauth/", {**data, "reauth-code": "000000"})

    assert refused.status_code == 200 and "动态验证码不正确" in html(refused)
    assert client.get(EXPORT).status_code == 302
    # django-otp makes a device wait after a wrong code (1 s, then doubling); the wait is over
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    code = f"{totp(bytes.fromhex(KEY)):06d}"
    assert client.post("/accounts/reauth/", {**data, "reauth-code": code})["Location"] == EXPORT
    assert client.get(EXPORT).status_code == 200


def test_the_next_address_stays_on_this_site(client, viewer):
    authenticated_minutes_ago(client, 60)
    response = client.post(
        "/accounts/reauth/", {"reauth-password": DEFAULT_PASSWORD, "reauth-next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


# ---- the 三员's pages: role changes, password resets, their approval ------------------------------------


@pytest.fixture
def security_admin(client, agencies, make_user):
    admin = make_user(agencies["city_justice"], RoleCode.SECURITY_ADMIN, username="secadmin")
    client.force_login(admin)
    return admin


def test_a_role_change_asks_first_then_resubmits_the_same_form(client, security_admin, officer):
    authenticated_minutes_ago(client, 60)
    url = f"/accounts/users/{officer.pk}/roles/"
    form = {"roles": [RoleCode.OFFICER, RoleCode.UNIT_HEAD]}

    asked = client.post(url, form)

    assert asked.status_code == 200 and 'data-testid="reauth-form"' in html(asked)
    assert 'name="roles" value="unit_head"' in html(asked)
    assert set(officer.roles.values_list("code", flat=True)) == {RoleCode.OFFICER}  # nothing changed yet

    done = client.post(
        "/accounts/reauth/",
        {"reauth-password": DEFAULT_PASSWORD, "reauth-next": url, "reauth-resubmit": "1", **form},
    )
    assert done.status_code == 200 and f'action="{url}"' in html(done)
    assert 'name="roles" value="unit_head"' in html(done)
    assert set(officer.roles.values_list("code", flat=True)) == {RoleCode.OFFICER}

    client.post(url, form)
    assert set(officer.roles.values_list("code", flat=True)) == {RoleCode.OFFICER, RoleCode.UNIT_HEAD}


def test_a_recent_login_changes_roles_at_once(client, security_admin, officer):
    response = client.post(
        f"/accounts/users/{officer.pk}/roles/", {"roles": [RoleCode.OFFICER, RoleCode.UNIT_HEAD]}
    )
    assert response.status_code == 302
    assert set(officer.roles.values_list("code", flat=True)) == {RoleCode.OFFICER, RoleCode.UNIT_HEAD}


def test_a_password_reset_of_another_asks_first(client, agencies, make_user, officer):
    sysadmin = make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sysadmin")
    client.force_login(sysadmin)
    authenticated_minutes_ago(client, 60)
    url = f"/accounts/users/{officer.pk}/password-reset/"
    before = officer.password

    assert (
        client.get(url)["Location"]
        == f"/accounts/reauth/?next=%2Faccounts%2Fusers%2F{officer.pk}%2Fpassword-reset%2F"
    )
    asked = client.post(url, {"reason": ""})

    assert asked.status_code == 200 and 'data-testid="reauth-form"' in html(asked)
    officer.refresh_from_db()
    assert officer.password == before and not Record.objects.filter(action="user.password_reset").exists()


def test_approving_an_admin_reset_asks_first(client, agencies, make_user, security_admin):
    sysadmin = make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sysadmin")
    auditor = make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN, username="auditor")
    reset = services.password_reset_request(actor=sysadmin, user=auditor, reason="本人遗忘密码")
    authenticated_minutes_ago(client, 60)
    url = f"/accounts/password-resets/{reset.pk}/"

    assert client.get(url).status_code == 200  # reading the request asks nothing
    asked = client.post(url, {"approve": "1"})

    assert asked.status_code == 200 and 'data-testid="reauth-form"' in html(asked)
    reset.refresh_from_db()
    auditor.refresh_from_db()
    assert reset.status == ResetRequestStatus.PENDING and not auditor.must_change_password


# ---- the API --------------------------------------------------------------------------------------------


def test_the_api_helper_refuses_an_old_session_and_lets_a_token_through(officer):
    request = RequestFactory().get("/api/x")
    request.session = {reauth.AUTH_AT_KEY: int(time.time()) - 3600}
    with pytest.raises(PermissionDenied, match="导出个人信息前须重新验证身份"):
        reauth.require_recent_auth_api(request)
    request.session = {reauth.AUTH_AT_KEY: int(time.time())}
    reauth.require_recent_auth_api(request)
    request.session, request.token_user = {}, officer
    reauth.require_recent_auth_api(request)
