"""登录锁定 (docs/security.md, 会话与锁定): by account and by client address, counters kept through a
successful login, every failure in the failure log, and a locked account's API tokens refused."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.utils import timezone

from tests.factories import DEFAULT_PASSWORD
from zhifa.accounts import services
from zhifa.accounts.lockout import LOCKED_TOKEN_REASON
from zhifa.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

OFFICE = "10.20.30.40"
ELSEWHERE = "10.99.0.1"


def login(client, username, password, address=OFFICE):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_limits_and_the_cool_off_are_explicit():
    assert settings.ZHIFA_LOCKOUT_ACCOUNT_FAILURES == 5
    assert settings.ZHIFA_LOCKOUT_ADDRESS_FAILURES == 20
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_every_failed_login_is_kept_in_the_failure_log(client, officer):
    for _ in range(5):
        login(client, officer.username, "wrong")
    rows = list(
        AccessFailureLog.objects.order_by("attempt_time").values_list("username", "ip_address", "locked_out")
    )
    assert rows == [("east_officer", OFFICE, False)] * 4 + [("east_officer", OFFICE, True)]


def test_a_successful_login_does_not_clear_the_counter(client, officer):
    for _ in range(4):
        login(client, officer.username, "wrong")
    assert login(client, officer.username, DEFAULT_PASSWORD).status_code == 302
    client.post("/accounts/logout/")

    login(client, officer.username, "wrong")  # the fifth failure within the cool-off
    locked = login(client, officer.username, DEFAULT_PASSWORD)
    assert locked.status_code == 429 and "账号已锁定" in locked.content.decode()
    assert client.get("/").status_code == 302


def test_an_account_locks_from_any_address(client, officer):
    for i in range(5):
        login(client, officer.username, "wrong", address=f"10.0.0.{i + 1}")
    assert login(client, officer.username, DEFAULT_PASSWORD, address=ELSEWHERE).status_code == 429


def test_twenty_failures_from_one_address_lock_that_address(client, officer):
    for i in range(20):  # spraying: four tries each at five accounts, none of them reaching its own limit
        login(client, f"guess{i % 5}", "wrong")
    assert login(client, officer.username, DEFAULT_PASSWORD).status_code == 429
    # the account itself is not locked: from another address its owner signs in
    assert login(client, officer.username, DEFAULT_PASSWORD, address=ELSEWHERE).status_code == 302


def test_nineteen_failures_from_one_address_do_not_lock_it(client, officer):
    for i in range(19):
        login(client, f"guess{i % 5}", "wrong")
    assert login(client, officer.username, DEFAULT_PASSWORD).status_code == 302


class TestTokensOfALockedAccount:
    def test_are_refused_while_it_is_locked_and_work_again_after_the_cool_off(self, client, officer):
        token, key = services.api_token_create(actor=officer, name="对接")
        assert client.get("/api/accounts/me", **bearer(key)).status_code == 200
        used = ApiToken.objects.get(pk=token.pk).last_used_at
        for _ in range(5):
            login(client, officer.username, "wrong")

        refused = client.get("/api/accounts/me", **bearer(key))
        assert refused.status_code == 403 and refused.json() == {"detail": LOCKED_TOKEN_REASON}
        assert (
            client.post(
                "/api/accounts/tokens", {"name": "新"}, content_type="application/json", **bearer(key)
            ).status_code
            == 403
        )
        assert ApiToken.objects.filter(user=officer).count() == 1  # nothing written through the token

        AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
        assert client.get("/api/accounts/me", **bearer(key)).status_code == 200
        assert ApiToken.objects.get(pk=token.pk).last_used_at > used

    def test_an_address_lock_leaves_the_accounts_tokens_working(self, client, officer):
        _, key = services.api_token_create(actor=officer, name="对接")
        for i in range(20):
            login(client, f"guess{i % 5}", "wrong")
        assert client.get("/api/accounts/me", REMOTE_ADDR=ELSEWHERE, **bearer(key)).status_code == 200
