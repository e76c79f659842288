"""Issue 20 item 3: a reviewer cannot pass a 法制审核 while a point of the automatic pre-check (自动预审)
is ✗ unless they answer that point with a written reason — refused naming the point, nothing written,
through the service, the page and the API; the reason is kept with the opinion (the checklist, the
record, the review page and the 法制审核意见书)."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.cases.test_documents import docx_text
from tests.review.conftest import PASS_REASON, all_pass
from zhifa.cases import services as cases
from zhifa.core.models import Record
from zhifa.review import opinion_document, services
from zhifa.review.choices import CheckPoint
from zhifa.review.models import Review, ReviewRound

pytestmark = pytest.mark.django_db

REFUSAL = "“行政执法文书是否完备、规范”自动预审未通过（缺少行政处罚事先告知书），判定通过须写明理由"
REASON = "告知书已当场送达，签收件在补正中，不影响当事人陈述申辩权利"


@pytest.fixture
def flagged(submitted, handler_user):
    """The review of a case notified without its 告知书 in the file: the pre-check's 文书 point is ✗."""
    cases.case_notify(
        actor=handler_user, case=submitted.case, on=date(2026, 3, 10), proposed="拟罚款", hearing_rights=True
    )
    return Review.objects.get(pk=submitted.pk)


def unanswered() -> dict:
    """Every point passed, none with a comment."""
    return {point: {"ok": True, "comment": ""} for point in CheckPoint.values}


def answered() -> dict:
    return {**all_pass(), CheckPoint.DOCUMENTS.value: {"ok": True, "comment": REASON}}


def snapshot(review):
    round = review.rounds.get()
    return (review.status, round.result, round.checklist, round.opinion_number, Record.objects.count())


def test_the_service_refuses_a_pass_over_a_cross_without_a_reason(flagged, reviewer):
    before = snapshot(flagged)
    with pytest.raises(ValidationError) as exc:
        services.review_give_opinion(actor=reviewer, review=flagged, checklist=unanswered())
    assert exc.value.message_dict["comment_documents"] == [REFUSAL]
    assert snapshot(Review.objects.get(pk=flagged.pk)) == before


def test_the_reason_is_kept_with_the_opinion_the_record_the_page_and_the_document(client, flagged, reviewer):
    review = services.review_give_opinion(actor=reviewer, review=flagged, checklist=answered())
    assert review.status == "passed"
    round = ReviewRound.objects.get(review=review)
    assert round.checklist["documents"] == {
        "ok": True,
        "comment": REASON,
        "precheck": ["缺少行政处罚事先告知书"],
    }
    record = Record.objects.filter(action="review.opinion").get()
    assert json.loads(record.payload)["precheck_overridden"]["documents"] == {
        "precheck": ["缺少行政处罚事先告知书"],
        "reason": REASON,
    }
    client.force_login(reviewer)
    page = client.get(reverse("review:review_detail", args=[review.pk])).content.decode()
    assert f"行政执法文书是否完备、规范：自动预审 ✗ 缺少行政处罚事先告知书；通过理由：{REASON}" in page
    text = docx_text(opinion_document.render(round, "docx"))
    assert f"自动预审：缺少行政处罚事先告知书。通过理由：{REASON}" in text


def test_the_page_shows_the_refusal_beside_the_point_and_writes_nothing(client, flagged, reviewer):
    client.force_login(reviewer)
    before = snapshot(flagged)
    data = {}
    for point in CheckPoint.values:
        data[f"ok_{point}"], data[f"comment_{point}"] = "1", PASS_REASON
    data["comment_documents"] = ""
    response = client.post(reverse("review:review_opinion", args=[flagged.pk]), data)
    assert response.status_code == 200
    row = response.content.decode().split('data-point="documents"')[1].split("</tr>")[0]
    assert REFUSAL in row  # beside the point, the checklist kept
    assert snapshot(Review.objects.get(pk=flagged.pk)) == before
    data["comment_documents"] = REASON
    assert client.post(reverse("review:review_opinion", args=[flagged.pk]), data).status_code == 302


def test_the_api_answers_422_naming_the_point_and_writes_nothing(client, flagged, reviewer):
    client.force_login(reviewer)
    before = snapshot(flagged)
    checklist = {**all_pass(), CheckPoint.DOCUMENTS.value: {"ok": True, "comment": ""}}
    response = client.post(
        f"/api/review/{flagged.pk}/opinion",
        data=json.dumps({"checklist": checklist}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {e["loc"][-1]: e["msg"] for e in response.json()["detail"]} == {"comment_documents": REFUSAL}
    assert snapshot(Review.objects.get(pk=flagged.pk)) == before


def test_a_problem_found_on_a_crossed_point_needs_no_extra_reason(flagged, reviewer):
    checklist = {**all_pass(), CheckPoint.DOCUMENTS.value: {"ok": False, "comment": "请补制告知书"}}
    review = services.review_give_opinion(actor=reviewer, review=flagged, checklist=checklist)
    assert review.status == "problems"
    assert ReviewRound.objects.get(review=review).checklist["documents"] == {
        "ok": False,
        "comment": "请补制告知书",
        "precheck": ["缺少行政处罚事先告知书"],
    }
