"""Staff pages: the draft preview, approval, withholding, correction, withdrawal and registration —
and another agency's user gets 404 on every object page."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.publicity.conftest import DECIDED_ON, published, register
from zhifa.core.exports import streamed_bytes
from zhifa.publicity.choices import DisclosureStatus
from zhifa.publicity.models import Disclosure


@pytest.fixture
def draft(agencies):
    return register(agencies["east_market"])


def test_the_draft_page_shows_what_will_be_published(client, reviewer, draft):
    client.force_login(reviewer)
    body = client.get(f"/publicity/{draft.pk}/").content.decode()
    assert "将要公示的内容" in body and "东区味美餐饮有限公司" in body and "审核通过并公示" in body


def test_reviewer_publishes_from_the_page(client, reviewer, draft):
    client.force_login(reviewer)
    assert client.post(f"/publicity/{draft.pk}/publish/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == DisclosureStatus.PUBLISHED


def test_officer_sees_drafts_but_cannot_publish(client, handler_user, draft):
    client.force_login(handler_user)
    assert "审核通过并公示" not in client.get(f"/publicity/{draft.pk}/").content.decode()
    assert client.post(f"/publicity/{draft.pk}/publish/").status_code == 403
    draft.refresh_from_db()
    assert draft.status == DisclosureStatus.DRAFT


@pytest.mark.parametrize(
    ("method", "suffix", "data"),
    [
        ("get", "", {}),
        ("get", "edit/", {}),
        ("get", "correct/", {}),
        ("post", "publish/", {}),
        ("post", "withhold/", {"reason": "minor", "note": "x"}),
        ("post", "withdraw/", {"reason": "x"}),
    ],
)
def test_another_agency_gets_404(client, west_reviewer, draft, method, suffix, data):
    client.force_login(west_reviewer)
    response = getattr(client, method)(f"/publicity/{draft.pk}/{suffix}", data)
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == DisclosureStatus.DRAFT


def test_list_is_scoped_to_the_agency(client, west_reviewer, draft):
    client.force_login(west_reviewer)
    assert "东区味美" not in client.get("/publicity/").content.decode()
    sheet = load_workbook(BytesIO(streamed_bytes(client.get("/publicity/?export=xlsx")))).active
    assert sheet.max_row == 1  # the header only


def test_list_exports_to_excel(client, reviewer, draft, django_assert_max_num_queries):
    client.force_login(reviewer)
    # 12 for the list, 6 for the export's audit entry (the chain's head locked and moved, in a savepoint)
    with django_assert_max_num_queries(18):
        response = client.get("/publicity/?export=xlsx")
    assert response.streaming
    rows = list(load_workbook(BytesIO(streamed_bytes(response))).active.values)
    assert rows[1][0] == "东市监许〔2026〕1号" and rows[1][5] == "待审核"


def test_withhold_needs_a_note_and_says_so(client, reviewer, draft):
    client.force_login(reviewer)
    response = client.post(f"/publicity/{draft.pk}/withhold/", {"reason": "privacy", "note": " "})
    assert response.status_code == 200 and "has-error" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == DisclosureStatus.DRAFT


def test_edit_remasks_typed_text(client, reviewer, draft):
    client.force_login(reviewer)
    client.post(
        f"/publicity/{draft.pk}/edit/", {"conclusion": "准予许可", "summary": "联系人手机13912345678"}
    )
    draft.refresh_from_db()
    assert "13912345678" not in draft.summary


def test_register_and_correct_and_withdraw_from_pages(client, reviewer):
    client.force_login(reviewer)
    response = client.post(
        "/publicity/register/",
        {
            "kind": "licence",
            "number": "东市监许〔2026〕7号",
            "subject_kind": "person",
            "subject_name": "孙悟空",
            "conclusion": "准予许可",
            "decided_on": DECIDED_ON.isoformat(),
        },
    )
    d = Disclosure.objects.get()
    assert response.status_code == 302 and d.subject_name == "孙某某"
    client.post(f"/publicity/{d.pk}/publish/")
    client.post(
        f"/publicity/{d.pk}/correct/", {"conclusion": "准予许可（更正）", "summary": "", "note": "笔误"}
    )
    new = Disclosure.objects.get(version=2)
    client.post(f"/publicity/{new.pk}/publish/")
    client.post(f"/publicity/{new.pk}/withdraw/", {"reason": "许可被依法撤销"})
    new.refresh_from_db()
    assert new.status == DisclosureStatus.WITHDRAWN and new.withdraw_reason == "许可被依法撤销"


def test_publishing_twice_shows_a_message(client, reviewer, agencies):
    d = published(agencies["east_market"])
    client.force_login(reviewer)
    response = client.post(f"/publicity/{d.pk}/publish/", follow=True)
    assert "不能发布" in response.content.decode()
