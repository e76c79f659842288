"""What every page carries besides its content: the site's icon (no 404 for /favicon.ico on each page),
the 500 page in the site's look (its stylesheet and top bar, no inline style), and dates entered through the
browser's own date picker under a Chinese label."""

import logging
import re

import pytest
from django.test import Client

from tests.cases.conftest import catalogue, handler_user, officers  # noqa: F401  (the case intake page)

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_served_at_the_root_without_signing_in():
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file's header


@pytest.mark.parametrize("path", ["/accounts/login/", "/gs/"])
def test_staff_and_portal_pages_name_the_svg_icon(path):
    page = Client().get(path).content.decode()
    assert '<link rel="icon" href="/static/zhifa/favicon.svg" type="image/svg+xml">' in page
    assert Client().get("/static/zhifa/favicon.svg").status_code == 200


def test_the_500_page_wears_the_sites_stylesheet_and_keeps_the_error_number(settings, caplog):
    settings.ROOT_URLCONF = "tests.core.boom_urls"
    settings.DEBUG = False
    with caplog.at_level(logging.CRITICAL, logger="django.request"):
        response = Client(raise_request_exception=False).get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert '<link rel="stylesheet" href="/static/zhifa/zhifa.css">' in page
    assert '<header class="topbar"><a class="brand" href="/">执法通</a></header>' in page
    assert f"错误编号：<code>{response['X-Request-ID']}</code>" in page
    assert "style=" not in page and "<style" not in page and "<script" not in page


def test_a_date_field_is_the_browsers_date_picker_under_a_chinese_label(client, handler_user, catalogue):
    client.force_login(handler_user)
    page = client.get("/cases/new/").content.decode()
    assert '<label for="id_discovered_on">发现日期<span class="required">*</span></label>' in page
    [widget] = re.findall(r'<input [^>]*name="discovered_on"[^>]*>', page)
    assert 'type="date"' in widget
    assert 'min="1900-01-01"' in widget and 'max="2099-12-31"' in widget
    assert '<html lang="zh-hans">' in page
