"""Web 加固 (docs/security.md): `check --deploy` clean with the production switches, a Content Security
Policy the templates keep to, no-store on staff pages, and a request id from the log to the 500 page."""

import logging
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

import zhifa

pytestmark = pytest.mark.django_db

PACKAGE = Path(zhifa.__file__).parent


def deploy_check(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ZHIFA_")}
    production = {
        "ZHIFA_VAR_DIR": str(tmp_path),
        "ZHIFA_SECRET_KEY": secrets.token_urlsafe(50),
        "ZHIFA_ALLOWED_HOSTS": "zhifa.example.gov.cn",
        "DJANGO_SETTINGS_MODULE": "zhifa.settings",
    }
    command = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, env={**clean, **production, **env}, capture_output=True, text=True)


class TestCheckDeploy:
    def test_is_clean_with_the_production_switches(self, tmp_path):
        out = deploy_check(tmp_path, ZHIFA_HTTPS="1")
        assert out.returncode == 0, out.stderr
        assert "System check identified no issues" in out.stdout

    def test_without_https_it_names_what_is_missing(self, tmp_path):
        out = deploy_check(tmp_path)
        assert out.returncode == 1
        assert set(re.findall(r"security\.W\d+", out.stderr)) == {
            "security.W004",  # HSTS
            "security.W008",  # SSL redirect
            "security.W012",  # secure session cookie
            "security.W016",  # secure CSRF cookie
        }


class TestContentSecurityPolicy:
    @pytest.mark.parametrize("path", ["/accounts/login/", "/gs/"])
    def test_every_page_sends_the_policy(self, client, path):
        policy = client.get(path)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"

    def test_no_template_has_an_inline_script_style_or_handler(self):
        inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=|hx-on|<style", re.I)
        found = [
            f"{p.relative_to(PACKAGE)}: {m.group(0).strip()}"
            for p in PACKAGE.rglob("templates/**/*.html")
            if "admin" not in p.parts
            for m in inline.finditer(p.read_text())
        ]
        assert found == []

    def test_htmx_injects_no_indicator_style(self, client, officer):
        client.force_login(officer)
        assert (
            '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>'
            in client.get("/").content.decode()
        )


class TestNoStore:
    @pytest.mark.parametrize("path", ["/", "/cases/", "/api/accounts/me", "/accounts/login/"])
    def test_staff_pages_and_the_api_are_never_stored(self, client, officer, path):
        client.force_login(officer)
        assert "no-store" in client.get(path)["Cache-Control"]

    @pytest.mark.parametrize("path", ["/gs/", "/static/zhifa/zhifa.css"])
    def test_the_portal_and_static_files_keep_their_caching(self, client, path):
        response = client.get(path)
        assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")


class TestRequestId:
    def test_each_answer_names_its_request(self, client):
        first, second = client.get("/gs/")["X-Request-ID"], client.get("/gs/")["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{16}", first) and first != second

    def test_a_safe_incoming_id_is_kept_and_an_unsafe_one_replaced(self, client):
        assert client.get("/gs/", HTTP_X_REQUEST_ID="nginx-4f2a9c1e")["X-Request-ID"] == "nginx-4f2a9c1e"
        replaced = client.get("/gs/", HTTP_X_REQUEST_ID="<script>x</script> 1")["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{16}", replaced)

    def test_a_500_is_logged_with_its_traceback_and_the_page_shows_the_id(self, settings, caplog):
        settings.ROOT_URLCONF = "tests.core.boom_urls"
        settings.DEBUG = False
        client = Client(raise_request_exception=False)
        with caplog.at_level(logging.ERROR, logger="django.request"):
            response = client.get("/boom/")
        request_id = response["X-Request-ID"]
        assert response.status_code == 500
        assert f"错误编号：<code>{request_id}</code>" in response.content.decode()

        [record] = [r for r in caplog.records if r.name == "django.request"]
        assert record.request_id == request_id and record.exc_info[0] is RuntimeError
        # the configured handler writes it out, the id and the traceback on the line
        [handler] = logging.getLogger("django.request").handlers
        line = handler.format(record)
        assert f"[{request_id}]" in line and "RuntimeError: 测试用的故障" in line and "Traceback" in line
