"""不得以罚代刑 (seed 004 六(三); 国务院令第310号 第十一条: 行政执法机关对应当向公安机关移送的涉嫌犯罪案件，不得以行政
处罚代替移送): while a case's criminal referral is open, the case can neither be decided nor closed with a
fine alone. Registered with cases.gates (the decision gate and the closing gate), so the page, the API and
every other caller of case_decide / case_close are refused alike, before anything is written."""

from zhifa.cases.choices import DecisionKind
from zhifa.catalog import penalties
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.core import kit

from .services import open_criminal

ARTICLE = "《行政执法机关移送涉嫌犯罪案件的规定》第十一条"


def _fine_only(decision) -> bool:
    return decision.kind == DecisionKind.PENALTY and set(penalties.measures(decision)) == {
        PenaltyMeasure.FINE
    }


def _reason(referral) -> str:
    return f"本案涉嫌犯罪已移送{referral.organ}（{referral.get_status_display()}），移送尚未办结"


def no_fine_instead_of_transfer(case, decision) -> None:
    """The decision gate: a fine-only penalty is refused while the criminal referral is open."""
    if _fine_only(decision) and (referral := open_criminal(case)) is not None:
        kit.refuse("kind", f"{_reason(referral)}，不得以罚代刑，不能仅作出罚款决定（{ARTICLE}）")


def no_closing_with_fine_only(case) -> None:
    """The closing gate: a case decided with a fine alone is not closed while its criminal referral is open."""
    decision = getattr(case, "decision", None)
    if decision is not None and _fine_only(decision) and (referral := open_criminal(case)) is not None:
        kit.refuse("status", f"{_reason(referral)}，不得以罚代刑，不能仅以罚款结案（{ARTICLE}）")
