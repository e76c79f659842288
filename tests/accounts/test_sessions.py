"""会话 (docs/security.md, 会话与锁定): idle and absolute timeouts with the reason on the login page, a new
session key at login, and disabling an account ends its sessions and tokens."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client

from tests.factories import DEFAULT_PASSWORD
from zhifa.accounts import services
from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import ApiToken, User
from zhifa.accounts.sessions import LOGIN_AT, SEEN_AT, TIMEOUT_MESSAGE
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db

MINUTE, HOUR = 60, 3600


def sign_in(client, user):
    response = client.post("/accounts/login/", {"username": user.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return client.cookies["sessionid"].value


def age(client, *, login_ago: float, seen_ago: float):
    session = client.session
    now = time.time()
    session[LOGIN_AT], session[SEEN_AT] = now - login_ago, now - seen_ago
    session.save()


def records_of(user, action):
    return list(
        Record.objects.filter(
            subject_type="accounts.user", subject_id=str(user.pk), action=action
        ).values_list("actor__username", flat=True)
    )


@pytest.fixture
def sysadmin(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sys_admin")


def test_login_gives_a_new_session_key(client, officer):
    """Session fixation: a key planted before login is not the key of the signed-in session."""
    session = client.session
    session["planted"] = "yes"
    session.save()
    planted = session.session_key
    client.cookies["sessionid"] = planted

    signed_in = sign_in(client, officer)

    assert signed_in != planted
    assert not SessionStore().exists(planted)
    assert client.get("/").status_code == 200


def test_login_stamps_the_login_time(client, officer):
    before = time.time()
    sign_in(client, officer)
    assert before <= client.session[LOGIN_AT] <= time.time()


class TestIdleTimeout:
    def test_thirty_idle_minutes_end_the_session_with_the_reason(self, client, officer):
        sign_in(client, officer)
        age(client, login_ago=31 * MINUTE, seen_ago=31 * MINUTE)

        response = client.get("/cases/")
        assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=%2Fcases%2F"
        assert TIMEOUT_MESSAGE in client.get(response["Location"]).content.decode()
        assert client.get("/").status_code == 302  # signed out, not only redirected once

    def test_twenty_nine_idle_minutes_do_not(self, client, officer):
        sign_in(client, officer)
        age(client, login_ago=29 * MINUTE, seen_ago=29 * MINUTE)
        assert client.get("/").status_code == 200
        assert time.time() - client.session[SEEN_AT] < 60  # the request moved the idle clock

    def test_the_idle_limit_is_a_setting(self, client, officer, settings):
        settings.ZHIFA_SESSION_IDLE_MINUTES = 5
        sign_in(client, officer)
        age(client, login_ago=6 * MINUTE, seen_ago=6 * MINUTE)
        assert client.get("/").status_code == 302

    def test_htmx_is_sent_to_the_login_page_and_the_api_told_why(self, client, officer):
        sign_in(client, officer)
        age(client, login_ago=HOUR, seen_ago=HOUR)
        htmx = client.get("/cases/", HTTP_HX_REQUEST="true")
        assert htmx.status_code == 204 and htmx["HX-Redirect"] == "/accounts/login/?next=%2Fcases%2F"

        sign_in(client, officer)
        age(client, login_ago=HOUR, seen_ago=HOUR)
        api = client.get("/api/accounts/me")
        assert api.status_code == 401 and api.json() == {"detail": TIMEOUT_MESSAGE}


class TestAbsoluteTimeout:
    def test_twelve_hours_after_login_end_an_active_session(self, client, officer):
        sign_in(client, officer)
        age(client, login_ago=12 * HOUR + 1, seen_ago=1)
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assert TIMEOUT_MESSAGE in client.get(response["Location"]).content.decode()

    def test_eleven_hours_and_fifty_nine_minutes_do_not(self, client, officer):
        sign_in(client, officer)
        age(client, login_ago=12 * HOUR - MINUTE, seen_ago=1)
        assert client.get("/").status_code == 200

    def test_the_public_portal_stays_open_after_a_timeout(self, client, officer):
        sign_in(client, officer)
        age(client, login_ago=13 * HOUR, seen_ago=1)
        assert client.get("/gs/").status_code == 200
        assert client.get("/").status_code == 302


class TestDisablingAnAccount:
    def test_ends_every_session_and_token_and_is_recorded(self, client, officer, sysadmin):
        other_browser = Client()
        sign_in(client, officer)
        sign_in(other_browser, officer)
        token, key = services.api_token_create(actor=officer, name="对接")

        services.user_disable(actor=sysadmin, user=officer)

        assert client.get("/").status_code == 302
        assert other_browser.get("/").status_code == 302
        assert client.get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
        assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
        assert records_of(officer, "user.disable") == ["sys_admin"]

    def test_enabling_again_revives_neither(self, client, officer, sysadmin):
        sign_in(client, officer)
        _, key = services.api_token_create(actor=officer, name="对接")
        services.user_disable(actor=sysadmin, user=officer)
        services.user_enable(actor=sysadmin, user=User.objects.get(pk=officer.pk))

        assert client.get("/").status_code == 302
        assert client.get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
        assert records_of(officer, "user.enable") == ["sys_admin"]
        sign_in(client, officer)  # the person signs in afresh
        assert client.get("/").status_code == 200

    def test_nobody_disables_their_own_account(self, sysadmin):
        with pytest.raises(ValidationError) as refused:
            services.user_disable(actor=sysadmin, user=sysadmin)
        assert refused.value.message_dict == {"is_active": ["不能停用自己的账号"]}
        sysadmin.refresh_from_db()
        assert sysadmin.is_active and sysadmin.session_version == 0
        assert records_of(sysadmin, "user.disable") == []

    def test_an_officer_may_not_disable_anyone(self, client, officer, other_officer, agencies, make_user):
        colleague = make_user(agencies["east_market"], RoleCode.OFFICER, username="east_colleague")
        with pytest.raises((PermissionDenied, Http404)):
            services.user_disable(actor=officer, user=colleague)
        colleague.refresh_from_db()
        assert colleague.is_active and colleague.session_version == 0

    def test_the_console_page_disables_through_the_service(self, client, officer, sysadmin):
        sign_in(Client(), officer)
        client.force_login(sysadmin)
        response = client.post(f"/accounts/users/{officer.pk}/active/", {"active": "0"})
        assert response.status_code == 302
        officer.refresh_from_db()
        assert not officer.is_active and officer.session_version == 1
        assert records_of(officer, "user.disable") == ["sys_admin"]
