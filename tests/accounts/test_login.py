"""Chinese login page, lockout after 5 failures for 15 minutes, logout, password change."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_page_is_in_chinese(client):
    body = client.get("/accounts/login/").content.decode()
    assert "登录" in body and "账号" in body and "密码" in body


def test_good_login_lands_on_the_workbench(client, officer):
    response = login(client, officer.username, DEFAULT_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/").content.decode()
    assert "工作台" in page and officer.real_name in page and "东区市场监督管理局" in page


def test_wrong_password_shows_a_chinese_error(client, officer):
    response = login(client, officer.username, "wrong")
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_five_failures_lock_the_account_for_fifteen_minutes(client, officer):
    for _ in range(5):
        login(client, officer.username, "wrong")
    locked = login(client, officer.username, DEFAULT_PASSWORD)
    assert locked.status_code == 429 and "账号已锁定" in locked.content.decode()
    assert client.get("/").status_code == 302  # still not signed in

    # after the cool-off period the right password works again
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert login(client, officer.username, DEFAULT_PASSWORD).status_code == 302


def test_four_failures_do_not_lock(client, officer):
    for _ in range(4):
        login(client, officer.username, "wrong")
    assert login(client, officer.username, DEFAULT_PASSWORD).status_code == 302


def test_logout_needs_post_and_ends_the_session(client, officer):
    client.force_login(officer)
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_password_change_enforces_the_policy(client, officer):
    client.force_login(officer)
    weak = {"old_password": DEFAULT_PASSWORD, "new_password1": "abcdefgh", "new_password2": "abcdefgh"}
    assert "至少三类" in client.post("/accounts/password/", weak).content.decode()
    strong = {
        "old_password": DEFAULT_PASSWORD,
        "new_password1": "Xin#Mima2026",
        "new_password2": "Xin#Mima2026",
    }
    assert client.post("/accounts/password/", strong).status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Xin#Mima2026")
