"""Two-factor login (accounts.twofactor): a real password login of a role that must use it lands on enrolment
and can reach nothing else; enrolment with a real code; the code step with the app's code or a recovery
code (once); wrong codes refused, counted as failed logins, nothing let in; 账号安全 for the optional roles."""

import pytest
from axes.models import AccessAttempt
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import DEFAULT_PASSWORD
from tests.helpers import html
from zhifa.accounts import services, twofactor
from zhifa.accounts.choices import RoleCode
from zhifa.audit.choices import AuditAction
from zhifa.audit.models import AuditEntry
from zhifa.core.models import Record

pytestmark = [pytest.mark.django_db, pytest.mark.real_two_factor]

KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test secret, as TOTPDevice keeps it (hex)
REQUIRED = [RoleCode.SUPERVISOR, RoleCode.SYSTEM_ADMIN, RoleCode.SECURITY_ADMIN, RoleCode.AUDIT_ADMIN]


def code_of(key: str) -> str:
    """What the authenticator app shows now."""
    return f"{totp(bytes.fromhex(key)):06d}"


def log_in(client, user):
    return client.post("/accounts/login/", {"username": user.username, "password": DEFAULT_PASSWORD})


def with_device(user, key: str = KEY) -> list[str]:
    """A confirmed authenticator (and recovery codes) for `user`, as enrolment leaves them."""
    TOTPDevice.objects.create(user=user, key=key, name="身份验证器", confirmed=True)
    device = StaticDevice.objects.create(user=user, name="恢复码", confirmed=True)
    codes = [f"code{i:04d}" for i in range(10)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@pytest.fixture
def user_of(agencies, make_user):
    def make(role):
        return make_user(agencies["east_market"], role, username=f"u_{role}")

    return make


# ---- a role that must use it, without a device --------------------------------------------------------


@pytest.mark.parametrize("role", REQUIRED)
def test_password_login_without_a_device_lands_on_enrolment_and_nothing_else(client, user_of, role):
    user = user_of(role)
    response = log_in(client, user)
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/accounts/two-factor/enrol/"
    for url in ["/", "/accounts/password/", "/accounts/security/", "/accounts/tokens/", "/cases/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/two-factor/enrol/"), url
    page = client.get("/accounts/two-factor/enrol/")
    assert page.status_code == 200
    assert "您的角色须使用双因素认证" in html(page) and "<svg" in html(page)
    for url in ["/api/accounts/me", "/api/accounts/tokens", "/api/registry/officers"]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert response.json() == {"detail": twofactor.API_REASON}
    assert (
        client.post("/api/accounts/tokens", {"name": "x"}, content_type="application/json").status_code == 403
    )


def test_a_personal_api_token_needs_no_second_factor(client, user_of):
    user = user_of(RoleCode.SUPERVISOR)
    _, key = services.api_token_create(actor=user, name="对接")
    response = client.get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and response.json()["username"] == user.username


def test_an_officer_without_a_device_goes_straight_in(client, officer):
    assert log_in(client, officer)["Location"] == "/"
    assert client.get("/").status_code == 200


def test_enrolment_with_the_apps_first_code_shows_ten_recovery_codes_once(client, user_of):
    user = user_of(RoleCode.SECURITY_ADMIN)
    log_in(client, user)
    page = client.get("/accounts/two-factor/enrol/")
    key = client.session[twofactor.PENDING_KEY]
    assert twofactor.key_text(key) in html(page)
    assert client.get("/accounts/two-factor/enrol/").status_code == 200
    assert client.session[twofactor.PENDING_KEY] == key  # the same secret until confirmed

    response = client.post("/accounts/two-factor/enrol/", {"code": code_of(key)})

    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=user)
    assert (device.key, device.confirmed) == (key, True)
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == 10 and all(code in html(response) for code in codes)
    assert client.get("/").status_code == 200
    assert "已启用" in html(client.get("/accounts/security/"))
    assert all(code not in html(client.get("/accounts/security/")) for code in codes)  # shown once
    assert list(Record.objects.filter(subject_id=user.pk).values_list("action", flat=True)) == [
        "user.two_factor_enable"
    ]


def test_a_wrong_first_code_binds_nothing_and_keeps_the_user_out(client, user_of):
    user = user_of(RoleCode.SUPERVISOR)
    log_in(client, user)
    client.get("/accounts/two-factor/enrol/")
    key = client.session[twofactor.PENDING_KEY]
    wrong = f"{(int(code_of(key)) + 1) % 1_000_000:06d}"

    response = client.post("/accounts/two-factor/enrol/", {"code": wrong})

    assert response.status_code == 200
    assert "动态验证码不正确" in html(response)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert client.get("/")["Location"] == "/accounts/two-factor/enrol/"
    assert not Record.objects.filter(action__startswith="user.two_factor").exists()


# ---- the code step --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [RoleCode.OFFICER, RoleCode.AUDIT_ADMIN])
def test_a_user_with_a_device_gives_the_apps_code_after_the_password(client, user_of, role):
    user = user_of(role)
    with_device(user)
    log_in(client, user)
    assert client.get("/")["Location"] == "/accounts/two-factor/"
    assert client.get("/cases/")["Location"] == "/accounts/two-factor/?next=%2Fcases%2F"
    assert client.get("/api/accounts/me").status_code == 403

    response = client.post("/accounts/two-factor/", {"code": code_of(KEY), "next": "/cases/"})

    assert response["Location"] == "/cases/"
    assert client.get("/").status_code == 200
    assert client.get("/api/accounts/me").status_code == 200


def test_a_wrong_code_is_refused_naming_the_field_counted_and_lets_nobody_in(client, user_of):
    user = user_of(RoleCode.SYSTEM_ADMIN)
    with_device(user)
    log_in(client, user)
    wrong = f"{(int(code_of(KEY)) + 1) % 1_000_000:06d}"

    response = client.post("/accounts/two-factor/", {"code": wrong})

    assert response.status_code == 200
    assert '<label for="id_code">动态验证码' in html(response) and "动态验证码不正确" in html(response)
    assert AccessAttempt.objects.get(username=user.username).failures_since_start == 1
    failed = AuditEntry.objects.get(action=AuditAction.OTP_FAILED)
    assert (failed.actor_username, failed.outcome) == (user.username, "failure")
    assert client.get("/")["Location"] == "/accounts/two-factor/"
    assert client.get("/api/accounts/me").status_code == 403


def test_five_wrong_codes_lock_the_account_and_end_the_session(client, user_of, settings):
    user = user_of(RoleCode.SUPERVISOR)
    with_device(user)
    log_in(client, user)
    for _ in range(5):
        response = client.post("/accounts/two-factor/", {"code": "000000x"})
    assert response.status_code == 429 and "账号已锁定" in html(response)
    assert "_auth_user_id" not in client.session
    assert client.get("/")["Location"].startswith("/accounts/login/")
    # the right password no longer gets in either: the account is locked
    assert log_in(client, user).status_code == 429


def test_a_recovery_code_works_once(client, user_of):
    user = user_of(RoleCode.SECURITY_ADMIN)
    codes = with_device(user)
    log_in(client, user)
    assert client.post("/accounts/two-factor/", {"code": f" {codes[3].upper()} "})["Location"] == "/"
    assert client.get("/").status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9
    client.post("/accounts/logout/")

    log_in(client, user)
    response = client.post("/accounts/two-factor/", {"code": codes[3]})

    assert response.status_code == 200 and "动态验证码不正确" in html(response)
    assert client.get("/")["Location"] == "/accounts/two-factor/"


def test_each_login_owes_the_code_again(client, user_of):
    user = user_of(RoleCode.SUPERVISOR)
    codes = with_device(user)
    log_in(client, user)
    client.post("/accounts/two-factor/", {"code": codes[0]})
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    log_in(client, user)
    assert client.get("/")["Location"] == "/accounts/two-factor/"


def test_a_session_given_a_required_role_later_owes_it(client, user_of):
    user = user_of(RoleCode.OFFICER)
    log_in(client, user)
    assert client.get("/").status_code == 200
    user.roles.add(RoleCode.SUPERVISOR)
    session = client.session
    session.pop(twofactor.STATE_KEY, None)
    session.save()
    assert client.get("/")["Location"] == "/accounts/two-factor/enrol/"


# ---- 账号安全 -------------------------------------------------------------------------------------------


def test_an_officer_enables_regenerates_and_disables_it_from_the_security_page(client, user_of):
    user = user_of(RoleCode.OFFICER)
    log_in(client, user)
    assert "未启用" in html(client.get("/accounts/security/"))
    client.get("/accounts/two-factor/enrol/")
    key = client.session[twofactor.PENDING_KEY]
    client.post("/accounts/two-factor/enrol/", {"code": code_of(key)})
    old = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert "已启用" in html(client.get("/accounts/security/"))

    response = client.post("/accounts/security/recovery-codes/", {"regenerate-code": sorted(old)[0]})
    new = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert response.status_code == 200 and len(new) == 10 and not new & old

    refused = client.post("/accounts/security/disable/", {"disable-code": "123456"})
    assert refused.status_code == 400 and "动态验证码不正确" in html(refused)
    assert TOTPDevice.objects.filter(user=user).exists()

    response = client.post("/accounts/security/disable/", {"disable-code": sorted(new)[0]})
    assert response["Location"] == "/accounts/security/"
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert list(
        Record.objects.filter(subject_id=user.pk).order_by("pk").values_list("action", flat=True)
    ) == [
        "user.two_factor_enable",
        "user.two_factor_recovery_codes",
        "user.two_factor_disable",
    ]


def test_a_role_that_must_use_it_cannot_disable_it(client, user_of):
    user = user_of(RoleCode.SUPERVISOR)
    codes = with_device(user)
    log_in(client, user)
    client.post("/accounts/two-factor/", {"code": codes[0]})
    assert "不能停用" in html(client.get("/accounts/security/"))

    response = client.post("/accounts/security/disable/", {"disable-code": codes[1]})

    assert response.status_code == 400 and "您的角色须使用双因素认证，不能停用" in html(response)
    assert TOTPDevice.objects.filter(user=user).exists()
    assert StaticToken.objects.filter(device__user=user).count() == 9
