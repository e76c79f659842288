"""End-to-end: log in through the real form and check what each role sees, on desktop and on a phone.

`officer` (tests/conftest.py) is "east_officer", an 执法人员 of 东区市场监督管理局.
"""

import base64
import os
import time

import pytest
from django_otp.oath import hotp
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE
from tests.factories import DEFAULT_PASSWORD
from zhifa.accounts.choices import RoleCode

pytestmark = pytest.mark.e2e


def log_in(page: Page, username: str, password: str = DEFAULT_PASSWORD) -> None:
    """Fill and submit the login form as a person would; a role that must use two-factor login
    (accounts.twofactor) enrols an authenticator on the way, its code worked out from the key shown."""
    page.goto("/accounts/login/")
    page.get_by_label("账号", exact=True).fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()
    if "/accounts/two-factor/enrol/" in page.url:
        key = page.get_by_test_id("two-factor-key").inner_text()
        page.get_by_label("动态验证码", exact=True).fill(authenticator_code(username, key))
        page.get_by_role("button", name="确认绑定").click()
        page.get_by_role("link", name="我已保存，继续").click()
    elif "/accounts/two-factor/" in page.url:
        page.get_by_label("动态验证码", exact=True).fill(
            authenticator_code(username, AUTHENTICATORS[username][0])
        )
        page.get_by_role("button", name="验证").click()


# The authenticator "on the phone" of each account enrolled in this test: its key and the last time step
# it showed a code for (a code is good once: django-otp refuses a step already used).
AUTHENTICATORS: dict[str, tuple[str, int]] = {}


def authenticator_code(username: str, key_text: str) -> str:
    """What an authenticator app shows for the base32 key of the enrolment page: the code of this time
    step, or of the next one (within the accepted drift) when this step's code was used already."""
    key = base64.b32decode(key_text + "=" * (-len(key_text) % 8))
    now = int(time.time()) // 30
    previous = AUTHENTICATORS.get(username)
    step = previous[1] + 1 if previous and previous[0] == key_text and previous[1] >= now else now
    AUTHENTICATORS[username] = (key_text, step)
    return f"{hotp(key, step):06d}"


def screenshot(page: Page, path: str) -> None:
    """Only on request (ZHIFA_SCREENSHOTS=1): the pictures are for a person to look at, not assertions."""
    if os.environ.get("ZHIFA_SCREENSHOTS") == "1":
        page.screenshot(path=path, full_page=True)


def test_officer_logs_in_to_workbench(page: Page, officer, live_server):
    log_in(page, "east_officer")

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("工作台")
    expect(page.get_by_test_id("user-name")).to_have_text(officer.real_name)
    expect(page.get_by_test_id("agency-name")).to_have_text("东区市场监督管理局")
    menu = page.get_by_test_id("menu")
    expect(menu.get_by_role("link", name="工作台", exact=True)).to_be_visible()
    expect(menu.get_by_role("link", name="机关/机构")).to_be_visible()
    # Menu entries are filtered by permission: an officer has no audit or user administration.
    expect(menu).not_to_contain_text("审计日志")
    expect(menu).not_to_contain_text("用户管理")
    screenshot(page, "/tmp/zhifa_workbench.png")


def test_audit_admin_sees_audit_log_not_organisation(page: Page, agencies, make_user, live_server):
    make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN, username="city_auditor")
    log_in(page, "city_auditor")

    menu = page.get_by_test_id("menu")
    expect(menu.get_by_role("link", name="执法记录链")).to_be_visible()
    expect(menu).not_to_contain_text("机关/机构")  # 三员分立: the auditor sees no business data
    menu.get_by_role("link", name="安全审计日志").click()
    expect(page).to_have_url(f"{live_server.url}/audit/log/")
    expect(page.get_by_role("heading", level=1)).to_have_text("安全审计日志")
    # the auditor's own login is the newest entry
    expect(page.get_by_test_id("audit-table")).to_contain_text("city_auditor")


def test_officer_sees_only_own_agency(page: Page, officer, agencies):
    own, other = agencies["east_market"], agencies["west_market"]
    log_in(page, "east_officer")

    page.goto(f"/org/agencies/{own.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(own.name)

    # Another agency's page is a 404, not a 403: the officer must not learn that it exists.
    response = page.goto(f"/org/agencies/{other.pk}/")
    assert response is not None and response.status == 404

    page.goto("/org/agencies/")
    table = page.get_by_test_id("agency-table")
    expect(table).to_contain_text(own.name)
    expect(table).not_to_contain_text(other.name)


def test_wrong_password_is_refused(page: Page, officer, live_server):
    log_in(page, "east_officer", "Wrong@2026pw")

    expect(page.get_by_role("alert")).to_contain_text("请输入一个正确的用户名和密码")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_test_id("menu")).to_have_count(0)


def test_phone_menu_opens_with_toggle(page: Page, officer):
    page.set_viewport_size(PHONE)
    log_in(page, "east_officer")

    expect(page.get_by_role("heading", level=1)).to_have_text("工作台")
    menu = page.get_by_test_id("menu")
    expect(menu).to_be_hidden()  # folded away under 800px so the content gets the whole width
    screenshot(page, "/tmp/zhifa_phone.png")
    page.get_by_title("菜单").click()
    expect(menu.get_by_role("link", name="机关/机构")).to_be_visible()
