"""What every page carries besides its content: the site's icon (no 404 for /favicon.ico on each page),
and the 500 page in the site's look (its stylesheet and top bar, no inline style)."""

import logging

import pytest
from django.test import Client

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
