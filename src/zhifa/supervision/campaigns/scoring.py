"""The scoring engine of 案卷评查 (no database): a file's score and grade from the item-by-item deductions
and vetoes under a template version, and whether two reviewers disagree enough to call a third.

A veto item makes the file 不合格 whatever its points. Otherwise the score is 100 less the deductions, each
section's deductions capped at its points (形式 20, 内容 80 by default), and the grade is the first
cut-off of the version the score reaches (优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格 by default)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .choices import Grade, Section

FULL = Decimal(100)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Cutoffs:
    form_points: Decimal
    content_points: Decimal
    excellent_from: Decimal
    good_from: Decimal
    pass_from: Decimal
    disagreement_points: Decimal

    @classmethod
    def of(cls, version) -> "Cutoffs":
        return cls(
            version.form_points,
            version.content_points,
            version.excellent_from,
            version.good_from,
            version.pass_from,
            version.disagreement_points,
        )


@dataclass(frozen=True)
class Outcome:
    score: Decimal
    grade: str
    vetoed: bool


def grade_of(score: Decimal, vetoed: bool, cutoffs: Cutoffs) -> str:
    if vetoed:
        return Grade.FAIL
    if score >= cutoffs.excellent_from:
        return Grade.EXCELLENT
    if score >= cutoffs.good_from:
        return Grade.GOOD
    if score >= cutoffs.pass_from:
        return Grade.PASS
    return Grade.FAIL


def outcome(deductions: list[tuple[str, Decimal]], vetoed: bool, cutoffs: Cutoffs) -> Outcome:
    """`deductions`: (section, points) of every scored item."""
    form = sum((points for section, points in deductions if section == Section.FORM), Decimal(0))
    content = sum((points for section, points in deductions if section == Section.CONTENT), Decimal(0))
    score = FULL - min(form, cutoffs.form_points) - min(content, cutoffs.content_points)
    return Outcome(score, grade_of(score, vetoed, cutoffs), vetoed)


def disagree(first: Outcome, second: Outcome, cutoffs: Cutoffs) -> bool:
    """Two reviewers disagree when their scores differ by more than the version's threshold, or only one
    of them found a veto."""
    return abs(first.score - second.score) > cutoffs.disagreement_points or first.vetoed != second.vetoed


def agreed(first: Outcome, second: Outcome, cutoffs: Cutoffs) -> Outcome:
    """The file's result when two reviewers agree: the mean of their scores (to one decimal)."""
    score = ((first.score + second.score) / 2).quantize(TENTH, rounding=ROUND_HALF_UP)
    return Outcome(score, grade_of(score, first.vetoed, cutoffs), first.vetoed)
