"""口令策略 (issue 17 item 1, findings 9 and 11): composition, common and personal passwords refused with the rule
named; a password set by someone else changed before anything else; a reminder after 90 days; every change,
reset and admin-made account on the record log."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone

from tests.factories import DEFAULT_PASSWORD
from zhifa.accounts import services
from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import User
from zhifa.accounts.passwords import HAS_NAME, HAS_USERNAME, TOO_COMMON, TOO_SHORT, TOO_SIMPLE
from zhifa.accounts.rotation import MUST_CHANGE_REASON
from zhifa.core.models import Record
from zhifa.demo.accounts import DEMO_PASSWORD, user_specs

pytestmark = pytest.mark.django_db

STRONG = "Xin#Mima2026"


def records_of(user, action):
    return list(
        Record.objects.filter(
            subject_type="accounts.user", subject_id=str(user.pk), action=action
        ).values_list("actor__username", flat=True)
    )


@pytest.fixture
def zhang(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.OFFICER, username="east_officer", real_name="张伟")


@pytest.fixture
def sysadmin(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sys_admin")


@pytest.mark.parametrize(
    "password, messages",
    [
        ("Ab1!xy", [TOO_SHORT]),
        ("xkcdmqztrw", [TOO_SIMPLE]),
        ("Demo@2026", [TOO_COMMON]),
        ("Zhifa@123", [TOO_COMMON]),
        ("Zhifa2026", [TOO_COMMON]),
        ("Admin_888888", [TOO_COMMON]),
        ("P@ssw0rd", [TOO_COMMON]),
        ("East_Officer#9", [HAS_USERNAME]),
        ("Zhangwei@88", [HAS_NAME]),
        ("Zhang.Wei#88", [HAS_NAME]),
        ("张伟#Abc12345", [HAS_NAME]),
    ],
)
def test_a_weak_password_is_refused_on_the_page_with_its_rule_and_nothing_changes(
    client, zhang, password, messages
):
    client.force_login(zhang)
    changed_at = zhang.password_changed_at
    form = {"old_password": DEFAULT_PASSWORD, "new_password1": password, "new_password2": password}
    response = client.post("/accounts/password/", form)
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"] == messages
    for message in messages:
        assert message in response.content.decode()
    zhang.refresh_from_db()
    assert zhang.check_password(DEFAULT_PASSWORD) and zhang.password_changed_at == changed_at
    assert records_of(zhang, "user.password_change") == []


def test_a_strong_password_is_accepted_restarts_the_clock_and_is_recorded(client, zhang):
    client.force_login(zhang)
    User.objects.filter(pk=zhang.pk).update(password_changed_at=timezone.now() - timedelta(days=100))
    form = {"old_password": DEFAULT_PASSWORD, "new_password1": STRONG, "new_password2": STRONG}
    assert client.post("/accounts/password/", form)["Location"] == "/accounts/password/done/"
    zhang.refresh_from_db()
    assert zhang.check_password(STRONG)
    assert timezone.now() - zhang.password_changed_at < timedelta(minutes=1)
    assert records_of(zhang, "user.password_change") == ["east_officer"]


def test_the_demo_password_passes_the_policy_for_every_demo_account():
    for username, real_name, _, _ in user_specs():
        validate_password(DEMO_PASSWORD, User(username=username, real_name=real_name))


class TestForcedChange:
    @pytest.fixture
    def forced(self, zhang):
        User.objects.filter(pk=zhang.pk).update(must_change_password=True)
        zhang.refresh_from_db()
        return zhang

    @pytest.mark.parametrize("path", ["/", "/cases/", "/accounts/tokens/", "/stats/"])
    def test_every_staff_page_redirects_to_the_change_page(self, client, forced, path):
        client.force_login(forced)
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/accounts/password/"

    def test_the_change_page_says_why(self, client, forced):
        client.force_login(forced)
        body = client.get("/accounts/password/").content.decode()
        assert MUST_CHANGE_REASON in body

    def test_the_api_answers_403_with_the_reason_by_session_and_by_token(self, client, forced):
        client.force_login(forced)
        response = client.get("/api/accounts/me")
        assert response.status_code == 403 and response.json() == {"detail": MUST_CHANGE_REASON}
        client.logout()
        User.objects.filter(pk=forced.pk).update(must_change_password=False)
        forced.refresh_from_db()
        _, key = services.api_token_create(actor=forced, name="对接")
        User.objects.filter(pk=forced.pk).update(must_change_password=True)
        response = client.get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 403 and response.json() == {"detail": MUST_CHANGE_REASON}

    def test_changing_the_password_opens_the_pages_again(self, client, forced):
        client.force_login(forced)
        form = {"old_password": DEFAULT_PASSWORD, "new_password1": STRONG, "new_password2": STRONG}
        client.post("/accounts/password/", form)
        forced.refresh_from_db()
        assert not forced.must_change_password
        assert client.get("/").status_code == 200


class TestReminder:
    def age(self, user, days):
        User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=days))

    def test_shown_once_the_password_is_older_than_90_days(self, client, zhang):
        client.force_login(zhang)
        self.age(zhang, 91)
        body = client.get("/").content.decode()
        assert "您的密码已使用91天，超过90天的期限，请" in body
        assert 'href="/accounts/password/">修改密码</a>' in body

    def test_not_shown_at_90_days(self, client, zhang):
        client.force_login(zhang)
        self.age(zhang, 90)
        assert "您的密码已使用" not in client.get("/").content.decode()

    def test_the_age_is_a_setting(self, client, zhang, settings):
        settings.ZHIFA_PASSWORD_MAX_AGE_DAYS = 30
        client.force_login(zhang)
        self.age(zhang, 31)
        assert "您的密码已使用31天，超过30天的期限" in client.get("/").content.decode()


class TestSetBySomeoneElse:
    def test_an_account_made_by_an_admin_is_recorded_and_must_change_at_first_login(self, sysadmin, agencies):
        user = services.user_create(
            actor=sysadmin,
            username="new_officer",
            real_name="李娜",
            agency=agencies["east_market"],
            password=STRONG,
        )
        assert user.must_change_password
        assert records_of(user, "user.create") == ["sys_admin"]

    def test_an_account_made_by_the_system_need_not_change(self, agencies):
        user = services.user_create(
            actor=None,
            username="new_officer",
            real_name="李娜",
            agency=agencies["east_market"],
            password=STRONG,
        )
        assert not user.must_change_password

    # The 系统管理员's pages never take a password for another account: a new account and a reset get a
    # generated temporary one (tests/accounts/test_console.py).
