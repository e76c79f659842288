"""One name per penalty measure (行政处罚法 第九条, catalog.choices.PenaltyMeasure): a decision that
revokes a licence says 吊销许可证件 alike in the decision document, the review round it passed and the
公示 drafted from it."""

import pytest

from tests.cases.test_documents import docx_text
from tests.review.conftest import notify, penalty
from tests.review.helpers import pass_review
from zhifa.cases import documents, services
from zhifa.cases.documents.kinds import DocumentKind
from zhifa.catalog import penalties
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.publicity.models import Disclosure

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
    decision = penalty(revocation=True)
    review = pass_review(investigated, decision)
    case = services.case_decide(actor=leader, case=notify(investigated, handler_user), decision=decision)
    made = case.decision
    assert penalties.measures(made) == [PenaltyMeasure.FINE, PenaltyMeasure.REVOKE_LICENCE]

    document = documents.generate(actor=handler_user, case=case, kind=DocumentKind.PENALTY_DECISION)
    text = docx_text(bytes(document.docx))
    assert "罚款人民币70000元（大写：柒万元整）；吊销许可证件" in text

    round_ = review.rounds.order_by("-number").first()
    assert round_.penalty_text() == "罚款70000元、吊销许可证件"

    draft = Disclosure.objects.get(source_type="cases.decision", source_id=str(made.pk))
    assert draft.conclusion == "罚款70000.00元；吊销许可证件"

    for shown in (text, round_.penalty_text(), draft.conclusion):
        assert LABEL in shown and "许可证照" not in shown
