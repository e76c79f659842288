"""Dates are entered through the browser's own date picker (core.forms.DateInput), which a Chinese browser
shows in Chinese, under the field's Chinese label; the bounds keep the year at four digits."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_date_field_is_the_browsers_date_picker_under_a_chinese_label(client, handler_user, catalogue):
    client.force_login(handler_user)
    page = client.get("/cases/new/").content.decode()
    assert '<label for="id_discovered_on">发现日期<span class="required">*</span></label>' in page
    [widget] = re.findall(r'<input [^>]*name="discovered_on"[^>]*>', page)
    assert 'type="date"' in widget
    assert 'min="1900-01-01"' in widget and 'max="2099-12-31"' in widget
    assert '<html lang="zh-hans">' in page
