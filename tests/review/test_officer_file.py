"""执法档案 (seed 000 §9): the officer's page lists the cases they handled, with their role, and the
法制审核 opinions they gave — only what the viewer may see."""

import pytest

from tests.factories import OfficerFactory
from tests.review.conftest import *  # noqa: F403 (the review fixtures)
from zhifa.accounts.choices import RoleCode

pytestmark = pytest.mark.django_db


def section(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</div>\n", start)]


def test_the_file_shows_cases_handled_with_the_role(client, passed, officers, handler_user):
    client.force_login(handler_user)
    html = client.get(f"/registry/officers/{officers[1].pk}/").content.decode()
    cases = section(html, "officer-cases")
    assert "承办案件（1件）" in cases
    assert passed.case.number in cases and "协办人" in cases and passed.case.summary in cases
    assert "将在相应业务模块上线后" not in html


def test_the_file_shows_the_review_opinions_the_officer_gave(
    client, passed, reviewer, agencies, handler_user
):
    reviewer_officer = OfficerFactory(agency=agencies["east_market"], name="王审核", user=reviewer)
    client.force_login(handler_user)
    html = client.get(f"/registry/officers/{reviewer_officer.pk}/").content.decode()
    opinions = section(html, "officer-opinions")
    assert "法制审核意见（1份）" in opinions
    assert "第1轮" in opinions and "同意" in opinions
    assert "承办案件（0件）" in section(html, "officer-cases")


def test_another_agencys_officer_cannot_open_the_file(client, passed, officers, agencies, make_user):
    """An officer of another agency cannot open the file at all: 404, as for any object out of reach."""
    outsider = make_user(agencies["west_market"], RoleCode.OFFICER, username="west_viewer")
    client.force_login(outsider)
    assert client.get(f"/registry/officers/{officers[1].pk}/").status_code == 404
