"""One name per penalty measure (行政处罚法 第九条, catalog.choices.PenaltyMeasure): a decision that
revokes a licence says 吊销许可证件 alike in the decision document, the review round it passed and the
公示 drafted from it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.cases.test_documents import docx_text
from tests.review.conftest import notify, penalty
from tests.review.helpers import pass_review
from zhifa.cases import documents, services
from zhifa.cases.documents.kinds import DocumentKind
from zhifa.catalog import penalties
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.publicity.models import Disclosure
from zhifa.publicity.services import report_generate

pytestmark = pytest.mark.django_db

LABEL = "吊销许可证件"


def test_the_label_is_the_articles():
    assert PenaltyMeasure.REVOKE_LICENCE.label == LABEL
    assert PenaltyMeasure.labels == [
        "警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级",
        LABEL, "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "其他",
    ]  # fmt: skip


def test_a_revocation_reads_the_same_in_the_document_the_review_and_the_publicity(
    investigated, handler_user, leader
):
    decision = penalty(measures=[PenaltyMeasure.REVOKE_LICENCE])
    review = pass_review(investigated, decision)
    case = services.case_decide(actor=leader, case=notify(investigated, handler_user), decision=decision)
    made = case.decision
    assert penalties.measures(made) == [PenaltyMeasure.FINE, PenaltyMeasure.REVOKE_LICENCE]

    document = documents.generate(actor=handler_user, case=case, kind=DocumentKind.PENALTY_DECISION)
    text = docx_text(bytes(document.docx))
    assert "罚款人民币柒万元整（¥70,000.00）；吊销许可证件" in text

    round_ = review.rounds.order_by("-number").first()
    assert round_.penalty_text() == "罚款¥70,000.00、吊销许可证件"

    draft = Disclosure.objects.get(source_type="cases.decision", source_id=str(made.pk))
    assert draft.conclusion == "罚款¥70,000.00；吊销许可证件"

    for shown in (text, round_.penalty_text(), draft.conclusion):
        assert LABEL in shown and "许可证照" not in shown


KINDS = [PenaltyMeasure.CRITICISM, PenaltyMeasure.SUSPEND_LICENCE, PenaltyMeasure.ORDER_CLOSURE]


def test_the_kinds_without_a_field_of_their_own_are_stored_and_named(
    investigated, handler_user, leader, monkeypatch
):
    """通报批评, 暂扣许可证件, 责令关闭 were 其他 words before; now they are values of the decision, named
    alike by the document, the review round, the 公示 draft and the 统计年报."""
    decision = penalty(measures=tuple(KINDS))
    review = pass_review(investigated, decision)
    case = services.case_decide(actor=leader, case=notify(investigated, handler_user), decision=decision)
    made = case.decision
    made.refresh_from_db()
    assert made.measures == ["criticism", "suspend_licence", "order_closure"]
    assert made.other_measures == ""
    assert penalties.measures(made) == [PenaltyMeasure.CRITICISM, PenaltyMeasure.FINE, *KINDS[1:]]

    document = documents.generate(actor=handler_user, case=case, kind=DocumentKind.PENALTY_DECISION)
    assert "通报批评；罚款人民币柒万元整（¥70,000.00）；暂扣许可证件；责令关闭" in docx_text(
        bytes(document.docx)
    )
    round_ = review.rounds.order_by("-number").first()
    assert round_.measures == ["criticism", "suspend_licence", "order_closure"]
    assert round_.penalty_text() == "通报批评、罚款¥70,000.00、暂扣许可证件、责令关闭"
    draft = Disclosure.objects.get(source_type="cases.decision", source_id=str(made.pk))
    assert draft.conclusion == "通报批评；罚款¥70,000.00；暂扣许可证件；责令关闭"

    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2027, 1, 10))
    report = report_generate(actor=None, agency=case.agency, year=2026)
    figures = {
        row["label"]: row["value"] for row in report.figures if row["key"].startswith("cases.measure.")
    }
    assert figures == {
        "警告": "0", "通报批评": "1", "罚款": "1", "没收违法所得": "0", "没收非法财物": "0",
        "暂扣许可证件": "1", "降低资质等级": "0", "吊销许可证件": "0", "限制开展生产经营活动": "0",
        "责令停产停业": "0", "责令关闭": "1", "限制从业": "0",
    }  # fmt: skip


def test_a_measure_the_review_did_not_pass_is_refused_by_the_gate(investigated, handler_user, leader):
    pass_review(investigated, penalty(measures=(PenaltyMeasure.CRITICISM,)))
    case = notify(investigated, handler_user)
    with pytest.raises(ValidationError) as refused:
        services.case_decide(
            actor=leader, case=case, decision=penalty(measures=(PenaltyMeasure.ORDER_CLOSURE,))
        )
    assert refused.value.message_dict == {"review": ["审核通过的拟处理意见不含责令关闭，须重新送法制审核"]}


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("通报批评", (["criticism"], "")),
        ("通报批评；责令关闭。", (["criticism", "order_closure"], "")),
        ("责令关闭、暂扣许可证件", (["suspend_licence", "order_closure"], "")),
        ("暂扣许可证件三个月", ([], "暂扣许可证件三个月")),
        ("责令改正", ([], "责令改正")),
        ("", ([], "")),
    ],
)
def test_words_that_are_nothing_but_measures_become_measures(words, found):
    """The data migration's reading of 其他处罚 stored as words (cases 0007, review 0003)."""
    assert penalties.from_words(words) == found
