"""以罚代刑: a case decided with a 行政处罚 although its 法制审核 submission flagged a suspected crime
(`ReviewRound.suspected_crime`) — it should have been transferred to the judicial organs (行政处罚法
第二十七条). One query with an EXISTS.

v1. No parameters."""

from django.db.models import Exists, OuterRef

from zhifa.cases.choices import DecisionKind
from zhifa.cases.models import Decision
from zhifa.review.models import ReviewRound

from ..framework import Context, Found, Model, money
from . import _links


def find(ctx: Context):
    flagged = ReviewRound.objects.filter(review__case=OuterRef("case_id"), suspected_crime=True)
    rows = (
        ctx.scoped(Decision.objects, "case__agency__region__path")
        .filter(kind=DecisionKind.PENALTY)
        .filter(Exists(flagged))
        .values_list("case_id", "case__agency_id", "case__number", "case__summary", "fine", "decided_on")
    )
    for case_id, agency_id, number, summary, fine, decided in rows:
        fined = f"罚款{money(fine)}" if fine else "行政处罚"
        yield Found(
            key=f"case:{case_id}",
            agency_id=agency_id,
            case_id=case_id,
            subject=f"案件{number or case_id}（{summary}）",
            reason=(
                f"法制审核送审材料载明涉嫌犯罪，案件却于{decided:%Y-%m-%d}作出{fined}的决定，"
                "未移送司法机关（行政处罚法 第二十七条）"
            ),
            evidence=[_links.case(case_id, number)],
            measure=fine or 0,
        )


MODELS = [
    Model(
        code="crime",
        name="以罚代刑",
        version="1",
        summary="法制审核送审材料载明涉嫌犯罪的案件，作出了行政处罚决定而未移送司法机关。",
        find=find,
        category="fine_instead",
    )
]
