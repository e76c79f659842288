"""Every statutory number at its limit, one below and one above (issue 19, 7e).

The rule functions are called directly with small stand-ins, so the mutation run (`make mutate`) can
afford them. The numbers that only a whole case shows (the hearing request, service, the simple
procedure) are in tests/cases/test_boundaries.py; publicity's withdrawal and expiry in
tests/publicity/test_boundaries.py.
"""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from zhifa.cases import clocks as case_clocks
from zhifa.cases import rules
from zhifa.cases.choices import DecisionKind, PartyKind
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.core import workdays
from zhifa.publicity import clocks as publicity_clocks
from zhifa.publicity import drafting
from zhifa.publicity.choices import DisclosureKind, SubjectKind
from zhifa.publicity.services import expiry_date
from zhifa.registry import clocks as registry_clocks
from zhifa.registry.selectors import AgencyRatios, TrainingStanding
from zhifa.review import gate
from zhifa.review.choices import ReviewStatus

# Only the tests that count working days touch the database (the holiday override table): the rest run
# without one, so that the mutation run (a fresh pytest session per mutant) stays fast.
workday_db = pytest.mark.django_db

D = Decimal


def test_the_statutory_numbers():
    assert case_clocks.DECISION_DAYS == 90
    assert case_clocks.HEARING_REQUEST_WORKDAYS == 5
    assert case_clocks.SERVICE_WORKDAYS == 7
    assert {PartyKind.PERSON: D(200), PartyKind.ORGANISATION: D(3000)} == case_clocks.SIMPLE_FINE_LIMIT
    assert (publicity_clocks.DECISION_WORKDAYS, publicity_clocks.OTHER_WORKDAYS) == (7, 20)
    assert publicity_clocks.WITHDRAW_WORKDAYS == 3
    assert registry_clocks.reviewer_ratio() == D("0.05") and registry_clocks.reviewer_percent() == "5"
    assert registry_clocks.training_hours_per_year() == 60
    assert registry_clocks.new_officer_public_law_hours() == 30


# ---- 行政处罚法 第六十条: the decision within 90 days of 立案 -------------------------------------------


REGISTERED = date(2026, 1, 5)


@pytest.mark.parametrize(
    ("extension", "due"), [(0, date(2026, 4, 5)), (30, date(2026, 5, 5)), (1, date(2026, 4, 6))]
)
def test_decision_due_is_the_90th_day_plus_the_extension(extension, due):
    assert rules.decision_due(REGISTERED, extension) == due


@pytest.mark.parametrize(("day", "allowed"), [(89, True), (90, True), (91, False)])
def test_a_decision_on_the_90th_day_is_in_time_the_91st_is_not(day, allowed):
    case = SimpleNamespace(decision_due=rules.decision_due(REGISTERED, 0))
    on = REGISTERED + timedelta(days=day)
    if allowed:
        rules.require_within_decision_limit(case, on)
    else:
        with pytest.raises(ValidationError, match="已超过作出决定的期限（2026-04-05）") as exc:
            rules.require_within_decision_limit(case, on)
        assert set(exc.value.message_dict) == {"decided_on"}


def test_a_case_without_a_decision_due_has_no_limit():
    rules.require_within_decision_limit(SimpleNamespace(decision_due=None), date(2030, 1, 1))


# ---- the fine within the statutory range (check_fine) ----------------------------------------------


class Rows(list):
    """A stand-in for the querysets check_fine reads (order_by/filter/first)."""

    def order_by(self, *_):
        return self

    def filter(self, **_):
        return self

    def first(self):
        return self[0] if self else None


def fine_case(statutory_min="5000", statutory_max="100000"):
    basis = SimpleNamespace(
        statutory_min=D(statutory_min) if statutory_min is not None else None,
        statutory_max=D(statutory_max),
        law_name="中华人民共和国食品安全法",
        article="第一百二十四条",
    )
    item = SimpleNamespace(legal_bases=Rows([basis]))  # no benchmark: only the statutory range applies
    return SimpleNamespace(items=Rows([item]))


def check(case, fine, reason=""):
    return rules.check_fine(case, D(fine), {}, reason, date(2026, 3, 20))


@pytest.mark.parametrize("fine", ["99999.99", "100000", "100000.00"])
def test_a_fine_up_to_the_statutory_maximum_is_lawful(fine):
    assert check(fine_case(), fine) is None


@pytest.mark.parametrize("fine", ["100000.01", "100001"])
def test_a_fine_above_the_statutory_maximum_is_refused(fine):
    with pytest.raises(ValidationError) as exc:
        check(fine_case(), fine, reason="情节严重")  # no reason lifts the statutory maximum
    assert exc.value.message_dict == {
        "fine": [f"罚款¥{D(fine):,.2f}超出法定上限¥100,000.00（《中华人民共和国食品安全法》第一百二十四条）"]
    }


@pytest.mark.parametrize("fine", ["5000", "5000.01", "5001"])
def test_a_fine_at_or_above_the_statutory_minimum_needs_no_reason(fine):
    assert check(fine_case(), fine) is None


@pytest.mark.parametrize("fine", ["4999.99", "4999"])
def test_a_fine_below_the_statutory_minimum_needs_a_reason(fine):
    with pytest.raises(ValidationError) as exc:
        check(fine_case(), fine)
    assert exc.value.message_dict == {"deviation_reason": ["罚款低于法定下限¥5,000.00，减轻处罚须写明理由"]}
    assert check(fine_case(), fine, reason="当事人主动消除违法行为危害后果（减轻处罚）") is None
    with pytest.raises(ValidationError):
        check(fine_case(), fine, reason="   ")  # blank is no reason


def test_no_statutory_minimum_and_no_fine():
    assert check(fine_case(statutory_min=None), "1") is None
    assert rules.check_fine(fine_case(), None, {}, "", date(2026, 3, 20)) is None


# ---- the review gate: what is major, and what the reviewed proposal covers --------------------------


def gate_case(threshold="50000", hearing=None, simple=False, complex_=False, needs_review=True):
    item = SimpleNamespace(
        name="销售不符合食品安全标准的食品",
        needs_legal_review=needs_review,
        major_fine_threshold=D(threshold) if threshold is not None else None,
        major_on_revocation=True,
        major_on_suspension=True,
    )
    return SimpleNamespace(
        is_simple=simple,
        is_complex=complex_,
        hearing_held_on=hearing,
        items=SimpleNamespace(all=lambda: [item]),
    )


def decision(kind=DecisionKind.PENALTY, fine=None, **fields):
    base = {"confiscation": None, "measures": [], "other_measures": ""}
    return SimpleNamespace(kind=kind, fine=D(fine) if fine is not None else None, **{**base, **fields})


@pytest.mark.parametrize(
    ("fine", "major"), [("49999.99", False), ("49999", False), ("50000", True), ("50000.01", True)]
)
def test_a_fine_is_major_from_the_threshold_on(fine, major):
    reasons = gate.major_reasons(gate_case(), decision(fine=fine))
    assert reasons == (["罚款达到销售不符合食品安全标准的食品的重大标准（¥50,000.00以上）"] if major else [])


def test_what_makes_a_decision_major():
    heard = date(2026, 3, 15)
    assert gate.major_reasons(gate_case(), decision(measures=[PenaltyMeasure.REVOKE_LICENCE])) == [
        "吊销许可证件"
    ]
    assert gate.major_reasons(gate_case(), decision(measures=[PenaltyMeasure.SUSPEND_BUSINESS])) == [
        "责令停产停业"
    ]
    assert gate.major_reasons(gate_case(hearing=heard), decision()) == ["经过听证"]
    assert gate.major_reasons(gate_case(complex_=True), decision()) == ["负责人认定的疑难复杂案件"]
    assert gate.major_reasons(gate_case(threshold=None), decision(fine="1000000")) == []
    assert (
        gate.major_reasons(
            gate_case(needs_review=False), decision(fine="1000000", measures=[PenaltyMeasure.REVOKE_LICENCE])
        )
        == []
    )
    assert gate.major_reasons(gate_case(), decision(kind=DecisionKind.NO_PENALTY, fine=None)) == []
    assert gate.major_reasons(gate_case(hearing=heard), decision(kind=DecisionKind.NO_PENALTY)) == [
        "经过听证"
    ]


@pytest.mark.parametrize("kind", [DecisionKind.TRANSFER, DecisionKind.WITHDRAW])
def test_a_transfer_or_withdrawal_on_a_heard_case_is_not_gated(kind):
    """移送 / 撤销立案 decide nothing about the party: neither a hearing nor a heavy fine makes them major."""
    case = gate_case(hearing=date(2026, 3, 15), complex_=True)
    assert (
        gate.major_reasons(
            case, decision(kind=kind, fine="1000000", measures=[PenaltyMeasure.REVOKE_LICENCE])
        )
        == []
    )


def test_the_simple_procedure_is_never_gated():
    case = gate_case(simple=True, hearing=date(2026, 3, 15))
    assert gate.major_reasons(case, decision(fine="1000000")) == []


def reviewed(kind=DecisionKind.PENALTY, fine="70000", confiscation=None, other="", **flags):
    return SimpleNamespace(
        kind=kind,
        fine=D(fine) if fine is not None else None,
        confiscation=D(confiscation) if confiscation is not None else None,
        measures=flags.get("measures", []),
        other_measures=other,
        get_kind_display=lambda: DecisionKind(kind).label,
    )


@pytest.mark.parametrize(
    ("fine", "why"),
    [("69999.99", None), ("70000", None), ("70000.01", "罚款¥70,000.01重于审核通过的¥70,000.00")],
)
def test_a_fine_up_to_the_reviewed_amount_is_covered(fine, why):
    assert gate.heavier_than_reviewed(reviewed(), decision(fine=fine)) == why


@pytest.mark.parametrize(
    ("amount", "why"),
    [("999", None), ("1000", None), ("1000.01", "没收违法所得¥1,000.01重于审核通过的¥1,000.00")],
)
def test_a_confiscation_up_to_the_reviewed_amount_is_covered(amount, why):
    assert (
        gate.heavier_than_reviewed(
            reviewed(confiscation="1000"), decision(fine="70000", confiscation=D(amount))
        )
        == why
    )


def test_nothing_reviewed_of_an_amount_means_zero():
    assert gate.heavier_than_reviewed(reviewed(fine=None), decision(fine=None)) is None
    assert (
        gate.heavier_than_reviewed(reviewed(fine=None), decision(fine="0.01"))
        == "罚款¥0.01重于审核通过的¥0.00"
    )


def test_a_different_kind_or_an_added_measure_is_not_covered():
    assert (
        gate.heavier_than_reviewed(reviewed(), decision(kind=DecisionKind.NO_PENALTY))
        == "拟作出的决定类型与审核通过的（行政处罚）不同"
    )
    assert gate.heavier_than_reviewed(
        reviewed(), decision(fine="1", measures=[PenaltyMeasure.SUSPEND_BUSINESS])
    ) == ("审核通过的拟处理意见不含责令停产停业")
    assert gate.heavier_than_reviewed(
        reviewed(), decision(fine="1", measures=[PenaltyMeasure.REVOKE_LICENCE])
    ) == ("审核通过的拟处理意见不含吊销许可证件")
    both = reviewed(measures=[PenaltyMeasure.SUSPEND_BUSINESS, PenaltyMeasure.REVOKE_LICENCE])
    assert (
        gate.heavier_than_reviewed(
            both,
            decision(fine="1", measures=[PenaltyMeasure.SUSPEND_BUSINESS, PenaltyMeasure.REVOKE_LICENCE]),
        )
        is None
    )


def test_of_two_added_measures_the_first_of_article_9_is_named():
    """暂扣许可证件 comes before 吊销许可证件 in 第九条 (not in the alphabet of their codes)."""
    added = [PenaltyMeasure.REVOKE_LICENCE, PenaltyMeasure.SUSPEND_LICENCE]
    assert (
        gate.heavier_than_reviewed(reviewed(), decision(fine="1", measures=added))
        == "审核通过的拟处理意见不含暂扣许可证件"
    )


# the gate as case_decide runs it, over stand-ins of the review and its rounds (no database)
class Rounds:
    def __init__(self, *rounds):
        self.rounds = rounds

    def order_by(self, key):
        assert key in ("number", "-number")
        ordered = sorted(self.rounds, key=lambda r: r.number, reverse=key.startswith("-"))
        return SimpleNamespace(first=lambda: ordered[0])


def on_file(monkeypatch, case, review):
    def filter(**lookup):
        assert lookup == {"case": case}
        return SimpleNamespace(first=lambda: review)

    monkeypatch.setattr(gate, "Review", SimpleNamespace(objects=SimpleNamespace(filter=filter)))


def a_review(status=ReviewStatus.PASSED, *rounds):
    return SimpleNamespace(
        status=status, get_status_display=lambda: ReviewStatus(status).label, rounds=Rounds(*rounds)
    )


def refusal(case, fine) -> str | None:
    try:
        gate.require_passed_review(case, decision(fine=fine))
    except ValidationError as error:
        assert list(error.message_dict) == ["review"]
        return error.message_dict["review"][0]
    return None


MAJOR = "本案属重大执法决定（罚款达到销售不符合食品安全标准的食品的重大标准（¥50,000.00以上））"


@pytest.mark.parametrize(("fine", "major"), [("49999.99", False), ("50000", True), ("50000.01", True)])
def test_a_major_decision_without_a_review_is_refused(monkeypatch, fine, major):
    case = gate_case()
    on_file(monkeypatch, case, None)
    expected = f"{MAJOR}，尚未送法制审核，未经法制审核或审核未通过的不得作出决定"
    assert refusal(case, fine) == (expected if major else None)


def test_every_reason_a_decision_is_major_is_named(monkeypatch):
    case = gate_case(hearing=date(2026, 3, 15))
    on_file(monkeypatch, case, None)
    assert refusal(case, "50000") == (
        "本案属重大执法决定（罚款达到销售不符合食品安全标准的食品的重大标准（¥50,000.00以上）、经过听证），"
        "尚未送法制审核，未经法制审核或审核未通过的不得作出决定"
    )


@pytest.mark.parametrize("status", [ReviewStatus.SUBMITTED, ReviewStatus.PROBLEMS, ReviewStatus.DISPUTED])
def test_a_major_decision_before_the_review_passed_is_refused(monkeypatch, status):
    case = gate_case()
    on_file(monkeypatch, case, a_review(status, SimpleNamespace(number=1, **vars(reviewed()))))
    assert refusal(case, "50000") == (
        f"{MAJOR}，法制审核{ReviewStatus(status).label}，未经法制审核或审核未通过的不得作出决定"
    )


@pytest.mark.parametrize(
    ("fine", "why"),
    [
        ("69999.99", None),
        ("70000", None),
        ("70000.01", "罚款¥70,000.01重于审核通过的¥70,000.00，须重新送法制审核"),
    ],
)
def test_a_passed_review_covers_up_to_its_last_round(monkeypatch, fine, why):
    """The last round decides: the first reviewed 60000 yuan, the second 70000."""
    case = gate_case()
    first = SimpleNamespace(number=1, **vars(reviewed(fine="60000")))
    last = SimpleNamespace(number=2, **vars(reviewed(fine="70000")))
    on_file(monkeypatch, case, a_review(ReviewStatus.PASSED, first, last))
    assert refusal(case, fine) == why


@pytest.mark.parametrize(
    ("reviewed_other", "decided_other", "why"),
    [
        ("没收工具", "没收工具", None),
        ("没收工具", "  没收工具 ", None),  # spacing is not a different measure
        ("没收工具", "", None),  # leaving out a reviewed measure is lighter
        ("", "", None),
        ("没收工具", "没收工具、通报批评", "其他处罚与审核通过的不一致"),
        ("", "通报批评", "其他处罚与审核通过的不一致"),
    ],
)
def test_other_measures_are_compared_with_the_reviewed_proposal(reviewed_other, decided_other, why):
    assert (
        gate.heavier_than_reviewed(reviewed(other=reviewed_other), decision(other_measures=decided_other))
        == why
    )


# ---- registry: reviewers ≥ 5% of officers; 60 training hours, 30 of public law for new officers ----


@pytest.mark.parametrize(
    ("officers", "required"), [(0, 0), (1, 1), (19, 1), (20, 1), (21, 2), (40, 2), (41, 3)]
)
def test_reviewers_required_is_5_percent_rounded_up(officers, required):
    assert AgencyRatios(officers=officers, reviewers=0, certified=0).reviewers_required == required


@pytest.mark.parametrize(("reviewers", "shortfall"), [(1, 1), (2, 0), (3, 0), (10, 0)])
def test_more_reviewers_than_5_percent_is_no_shortfall(reviewers, shortfall):
    ratios = AgencyRatios(officers=40, reviewers=reviewers, certified=40)
    assert ratios.reviewer_shortfall == shortfall


def test_the_ratios_themselves():
    ratios = AgencyRatios(officers=40, reviewers=2, certified=30)
    assert (ratios.reviewer_ratio, ratios.coverage) == (0.05, 0.75)
    assert (AgencyRatios(0, 0, 0).reviewer_ratio, AgencyRatios(0, 0, 0).coverage) == (0.0, 0.0)


def test_the_ratio_is_a_setting(settings):
    settings.ZHIFA_REVIEWER_RATIO = 0.1
    assert AgencyRatios(officers=21, reviewers=0, certified=0).reviewers_required == 3
    assert registry_clocks.reviewer_percent() == "10"


@pytest.mark.parametrize(("hours", "shortfall"), [("59", "1"), ("59.5", "0.5"), ("60", "0"), ("61", "0")])
def test_sixty_training_hours(hours, shortfall):
    standing = TrainingStanding(
        officer=None, hours=D(hours), target=D(60), public_law_hours=D(0), public_law_target=D(0)
    )
    assert standing.shortfall == D(shortfall)
    assert standing.is_short is (shortfall != "0")


@pytest.mark.parametrize(("hours", "short"), [("29", True), ("30", False), ("31", False)])
def test_thirty_hours_of_public_law_for_a_new_officer(hours, short):
    standing = TrainingStanding(
        officer=None, hours=D(60), target=D(60), public_law_hours=D(hours), public_law_target=D(30)
    )
    assert standing.is_short is short
    assert standing.public_law_shortfall == max(D(0), D(30) - D(hours))


# ---- publicity: 7 / 20 working days to publish; 2 / 5 years on the portal ---------------------------

DECIDED = date(2026, 3, 2)  # a Monday; no holiday in the next five weeks


@workday_db
@pytest.mark.parametrize(
    ("kind", "due"),
    [
        (DisclosureKind.PENALTY, date(2026, 3, 11)),
        (DisclosureKind.LICENCE, date(2026, 3, 11)),
        (DisclosureKind.NO_PENALTY, date(2026, 3, 30)),
        (DisclosureKind.INSPECTION, date(2026, 3, 30)),
        (DisclosureKind.OTHER, date(2026, 3, 30)),
    ],
)
def test_publication_is_due_on_the_7th_or_20th_working_day(kind, due):
    assert drafting.due_date(kind, DECIDED) == due
    days = publicity_clocks.workdays_for(kind)
    assert workdays.workdays_between(DECIDED, due) == days
    assert workdays.add_workdays(DECIDED, days - 1) < due < workdays.add_workdays(DECIDED, days + 1)


def entry(kind=DisclosureKind.PENALTY, subject=SubjectKind.PERSON):
    return SimpleNamespace(kind=kind, subject_kind=subject)


@pytest.mark.parametrize(
    ("kind", "subject", "years"),
    [
        (DisclosureKind.PENALTY, SubjectKind.PERSON, 2),
        (DisclosureKind.PENALTY, SubjectKind.ORGANISATION, 5),
        (DisclosureKind.PENALTY, SubjectKind.INDIVIDUAL_BUSINESS, 5),
        (DisclosureKind.LICENCE, SubjectKind.PERSON, 5),
        (DisclosureKind.INSPECTION, SubjectKind.PERSON, 5),
    ],
)
def test_entries_stay_public_two_or_five_years(kind, subject, years):
    published_on = date(2026, 3, 2)
    assert expiry_date(entry(kind, subject), published_on) == date(2026 + years, 3, 2)


def test_expiry_of_an_entry_published_on_29_february():
    assert expiry_date(entry(), date(2028, 2, 29)) == date(2030, 2, 28)


def test_the_years_are_settings(settings):
    settings.ZHIFA_PUBLICITY_PERSON_PENALTY_YEARS, settings.ZHIFA_PUBLICITY_YEARS = 3, 6
    assert expiry_date(entry(), date(2026, 3, 2)) == date(2029, 3, 2)
    assert expiry_date(entry(subject=SubjectKind.ORGANISATION), date(2026, 3, 2)) == date(2032, 3, 2)


# ---- the sentences on the pages follow the constants ------------------------------------------------


def test_pages_state_the_periods_from_the_clocks(settings):
    from django.template import Context, Template

    def render(name):
        return Template(f'{{% load clocks %}}{{% clock "{name}" %}}').render(Context())

    assert render("cases.NEAR_WORKDAYS") == "3"
    assert render("cases.SERVICE_WORKDAYS") == "7"
    assert render("registry.training_hours_per_year") == "60"
    settings.ZHIFA_REVIEWER_RATIO, settings.ZHIFA_REGISTER_DAYS = 0.075, 10
    assert render("registry.reviewer_percent") == "7.5"
    assert render("cases.register_days") == "10"


@workday_db
def test_the_case_clocks_state_their_periods(settings):
    from zhifa.cases import selectors
    from zhifa.cases.choices import CaseStatus

    case = SimpleNamespace(
        status=CaseStatus.INTAKE, discovered_on=date(2026, 3, 2), hearing_deadline=None, decision_due=None
    )
    settings.ZHIFA_REGISTER_DAYS = 10
    (clock,) = selectors.clocks_of(case, today=date(2026, 3, 3))
    assert (clock.due, clock.note) == (date(2026, 3, 12), "发现线索之日起10日内")


def test_every_item_of_the_case_is_looked_at():
    listed_only_second = gate_case()
    first = SimpleNamespace(name="未列入目录的事项", needs_legal_review=False)
    second = listed_only_second.items.all()[0]
    listed_only_second.items = SimpleNamespace(all=lambda: [first, second])
    assert gate.major_reasons(listed_only_second, decision(measures=[PenaltyMeasure.REVOKE_LICENCE])) == [
        "吊销许可证件"
    ]


def test_no_fine_is_no_amount_against_the_threshold():
    assert gate.major_reasons(gate_case(threshold="1"), decision(fine=None)) == []
    assert gate.major_reasons(gate_case(threshold="0"), decision(fine=None)) == [
        "罚款达到销售不符合食品安全标准的食品的重大标准（¥0.00以上）"
    ]


def test_outside_the_benchmark_range_a_fine_needs_a_reason(monkeypatch):
    recommendation = SimpleNamespace(
        fine_min=D(10000), fine_max=D(50000), allows_fine=lambda fine: D(10000) <= fine <= D(50000)
    )
    calls = []

    def recommend(item, facts, *, on):
        calls.append((item, facts, on))
        return recommendation

    monkeypatch.setattr(rules.discretion, "recommend", recommend)
    case = fine_case()
    item = case.items[0]
    item.benchmark = object()
    facts = {"fact_value": 3000}
    assert rules.check_fine(case, D(50000), facts, "", date(2026, 3, 20)) is recommendation
    assert calls == [(item, facts, date(2026, 3, 20))]
    with pytest.raises(ValidationError) as exc:
        check(case, "50000.01")
    assert exc.value.message_dict == {
        "deviation_reason": [
            "拟罚款¥50,000.01不在裁量基准推荐范围（¥10,000.00—¥50,000.00）内，须书面说明理由"
        ]
    }
    assert check(case, "50000.01", reason="多次违法，从重") is recommendation
    assert check(case, "9999.99", reason="首次违法，从轻") is recommendation
