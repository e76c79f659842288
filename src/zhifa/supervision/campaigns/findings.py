"""评查发现的问题: what a graded file's deciding reviews found, item by item, as the texts a 监督事项 carries
over as its findings (supervision.campaigns.services.file_open_item). No writes.

The deciding reviews are the third reviewer's when a disagreement called one (their result decided the
file), otherwise the first and second reviewers' (their mean did). An item is a finding when a deciding
reviewer vetoed it or deducted points on it; its text names the item, each reviewer's verdict, the
evidence the automatic pre-scoring cited and the reviewers' reasons."""

from dataclasses import dataclass
from decimal import Decimal

from ..models import CampaignFile, FileReview, ItemScore
from .choices import ReviewRole, ReviewStatus


@dataclass(frozen=True)
class FileFinding:
    code: str
    text: str


def deciding_reviews(file: CampaignFile) -> list[FileReview]:
    submitted = list(
        file.reviews.filter(status=ReviewStatus.SUBMITTED).select_related("reviewer").order_by("id")
    )
    third = [r for r in submitted if r.role == ReviewRole.THIRD]
    return third or [r for r in submitted if r.role in (ReviewRole.FIRST, ReviewRole.SECOND)]


def _points(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _verdict(score: ItemScore) -> str:
    return "否决" if score.vetoed else f"扣{_points(score.deduction)}分"


def file_findings(file: CampaignFile) -> list[FileFinding]:
    """The problems the deciding reviews found on `file`, in the template's order (empty: none)."""
    reviews = deciding_reviews(file)
    scores = ItemScore.objects.filter(review__in=reviews).select_related("item", "review__reviewer")
    by_item: dict[int, list[ItemScore]] = {}
    for score in scores.order_by("item__order", "review_id"):
        if score.vetoed or score.deduction > 0:
            by_item.setdefault(score.item_id, []).append(score)
    findings = []
    for rows in by_item.values():
        item = rows[0].item
        kind = "否决项" if item.is_veto else item.get_section_display()
        verdicts = "、".join(
            f"{r.review.get_role_display()}{r.review.reviewer.real_name}{_verdict(r)}" for r in rows
        )
        evidence = list(dict.fromkeys(e["text"] for r in rows for e in r.evidence if e.get("text")))
        reasons = list(dict.fromkeys(r.reason for r in rows if r.reason))
        text = f"【案卷评查·{kind}】{item.code} {item.title}：{verdicts}。"
        if evidence:
            text += f"依据：{'；'.join(evidence)}。"
        if reasons:
            text += f"评查人说明：{'；'.join(reasons)}。"
        findings.append(FileFinding(item.code, text))
    return findings
