"""`make screenshots`: the key pages of each demo role, at desktop and phone size, as PNGs in docs/screenshots/.

It builds the demo in a throw-away instance (its own SQLite file and media directory under a temporary
directory, so the developer's var/ is untouched), serves it with the demo command, drives Debian's Chromium
through Playwright (the same browser as the e2e tests), and logs in as a person would: the roles that must
use a second factor enrol an authenticator on the way, its code worked out from the key the page shows.

The pictures are for people (the README shows four of them); nothing here asserts anything.
"""

import base64
import hashlib
import hmac
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "Donghu#Zf2026"  # zhifa.demo.accounts (not imported: that needs the settings)
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

# (file name, who, where): a path, or a list page and the first link on it that leads to a detail page
SHOTS = [
    ("portal", None, "/gs/"),
    ("workbench-officer", "dh_zf1", "/"),
    ("case-list", "dh_zf1", "/cases/"),
    ("case", "dh_zf1", ("/cases/", 'main table a[href^="/cases/"]')),
    ("workbench-reviewer", "dh_fzsh", "/"),
    ("workbench-agency-head", "dh_jgfz", "/"),
    ("workbench-supervisor", "dh_jd", "/"),
    ("supervision-dashboard", "dh_jd", "/stats/"),
    ("supervision-items", "dh_jd", "/supervision/"),
    ("organisation", "sysadmin", "/org/agencies/"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: int = 1800) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"演示服务未在 {seconds} 秒内启动：{url}")


def hotp(key: bytes, counter: int) -> str:
    """RFC 4226, as an authenticator app computes it for the time step (RFC 6238, 30 s)."""
    digest = hmac.new(key, counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{code % 1_000_000:06d}"


class Authenticators:
    """The authenticator "on the phone" of each account: its key and the last time step used (django-otp
    refuses a code of a step already used, so a second login waits for the next step's code)."""

    def __init__(self) -> None:
        self.keys: dict[str, tuple[bytes, int]] = {}

    def enrol(self, username: str, key_text: str) -> str:
        key = base64.b32decode(key_text + "=" * (-len(key_text) % 8))
        self.keys[username] = (key, 0)
        return self.code(username)

    def code(self, username: str) -> str:
        key, last = self.keys[username]
        step = int(time.time()) // 30
        while step <= last:
            time.sleep(1)
            step = int(time.time()) // 30
        self.keys[username] = (key, step)
        return hotp(key, step)


def log_in(page: Page, username: str, authenticators: Authenticators) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("账号", exact=True).fill(username)
    page.get_by_label("密码", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    if "/accounts/two-factor/enrol/" in page.url:
        key = page.get_by_test_id("two-factor-key").inner_text()
        page.get_by_label("动态验证码", exact=True).fill(authenticators.enrol(username, key))
        page.get_by_role("button", name="确认绑定").click()
        page.get_by_role("link", name="我已保存，继续").click()
    elif "/accounts/two-factor/" in page.url:
        page.get_by_label("动态验证码", exact=True).fill(authenticators.code(username))
        page.get_by_role("button", name="验证").click()


def shoot(page: Page, where, path: Path) -> None:
    if isinstance(where, tuple):
        listing, selector = where
        page.goto(listing)
        href = page.locator(selector).first.get_attribute("href")
        page.goto(href)
    else:
        page.goto(where)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(path), full_page=False)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zhifa-screens-") as tmp:
        port = free_port()
        env = {
            **os.environ,
            "ZHIFA_VAR_DIR": tmp,
            "ZHIFA_DATABASE_URL": f"sqlite:///{tmp}/zhifa.sqlite3",
            "ZHIFA_MEDIA_DIR": f"{tmp}/media",
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "zhifa", "demo", "--addr", f"127.0.0.1:{port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the demo starts a task worker and a scheduler: stopped with it
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/gs/")
            authenticators = Authenticators()
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
                for size, viewport in SIZES.items():
                    for name, who, where in SHOTS:
                        context = browser.new_context(base_url=base, viewport=viewport, locale="zh-CN")
                        page = context.new_page()
                        if who:
                            log_in(page, who, authenticators)
                        shoot(page, where, OUT / f"{name}-{size}.png")
                        context.close()
                        print(f"{name}-{size}.png")
                browser.close()
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
