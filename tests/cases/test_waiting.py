"""Issue 20 item 2: no penalty decision inside the periods the 事先告知 gave. The decision waits until the
陈述、申辩 period (setting, default 5 working days) and the hearing request period (行政处罚法 第六十四条:
5 working days, 第八十五条) have ended — counted on the working-day clock — or until the party's written
waiver is recorded as evidence. The waiting date is on the case page, in the API and on the 工作台; the
refusal names it and writes nothing, through the service, the page and the API alike."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.cases.conftest import hearing_host, penalty
from tests.cases.test_api import Api
from tests.cases.test_views import DECISION_FORM, Writes, advance, html, url
from tests.helpers import paperwork
from zhifa.cases import rules, services, workbench
from zhifa.cases.choices import CaseStatus, EvidenceKind
from zhifa.cases.evidence import services as evidence
from zhifa.cases.models import Case, Decision, Evidence
from zhifa.core import workdays
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SCAN = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17  # a scanned page (PNG)
LABOUR_DAY = date(2026, 4, 30)  # Thursday; 05-01…05-05 off, Saturday 05-09 a make-up working day
REFUSED_TO_0511 = "陈述、申辩期限至2026年5月11日届满（或当事人书面放弃后），届满前不能作出处罚决定"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def notified(case, handler, leader, on, *, hearing=True):
    """`case` (registered 2026-03-02, decision due 05-31) notified on `on`, its 事先告知书 generated;
    notified today, its 90 days are taken as extended, so that only the waiting period stands in the way."""
    case = advance(case, CaseStatus.REVIEWING, handler, leader)
    if on == TODAY:
        Case.objects.filter(pk=case.pk).update(decision_due=TODAY + timedelta(days=60))
        case.refresh_from_db()
    case = services.case_notify(
        actor=handler, case=case, on=on, proposed="拟罚款70000元", hearing_rights=hearing
    )
    return paperwork(case, "decide", "penalty")  # the 事先告知书 the decision needs


def waive(actor, case, signed: date | None = None) -> Evidence:
    """The party's signed waiver of 陈述、申辩 and 听证, scanned and recorded as evidence."""
    at = timezone.make_aware(datetime.combine(signed, time(10, 0))) if signed else None
    data = evidence.UploadInput(
        name="放弃陈述申辩听证声明.png",
        size=len(SCAN),
        kind=EvidenceKind.WAIVER,
        step="service",
        captured_at=at,
    )
    return evidence.upload_file(actor=actor, case=case, data=data, chunks=[SCAN])


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.message_dict


def refused(leader, case, on: date) -> dict:
    """The refusal of a 70 000 yuan penalty decided on `on`."""
    return refusal(lambda: services.case_decide(actor=leader, case=case, decision=penalty(decided_on=on)))


class TestService:
    def test_the_reproduction_a_decision_minutes_after_the_notice_is_refused(
        self, handler_user, leader, registered
    ):
        case = notified(registered, handler_user, leader, TODAY)
        until = workdays.add_workdays(TODAY, 5)
        message = f"陈述、申辩期限至{until.year}年{until.month}月{until.day}日届满（或当事人书面放弃后），届满前不能作出处罚决定"
        writes = Writes()
        assert refused(leader, case, TODAY) == {"decided_on": [message]}
        # a decision dated after the period but made today, inside it, is refused the same way
        assert refused(leader, case, until + timedelta(days=1)) == {"decided_on": [message]}
        assert writes.nothing
        case.refresh_from_db()
        assert case.status == CaseStatus.NOTIFIED

    def test_the_periods_run_on_working_days_across_the_labour_day_holiday(
        self, handler_user, leader, registered
    ):
        case = notified(registered, handler_user, leader, LABOUR_DAY)
        assert (case.statement_deadline, case.hearing_deadline) == (date(2026, 5, 11), date(2026, 5, 11))
        record = Record.objects.for_subject(case).filter(action="case.notify").get()
        assert '"statement_deadline":"2026-05-11"' in record.payload
        writes = Writes()
        assert refused(leader, case, date(2026, 5, 11)) == {"decided_on": [REFUSED_TO_0511]}
        assert writes.nothing
        services.case_decide(actor=leader, case=case, decision=penalty(decided_on=date(2026, 5, 12)))
        assert Decision.objects.get(case=case).decided_on == date(2026, 5, 12)

    def test_without_hearing_rights_the_statement_period_across_a_weekend(
        self, handler_user, leader, registered
    ):
        case = notified(registered, handler_user, leader, date(2026, 3, 5), hearing=False)  # a Thursday
        assert (case.statement_deadline, case.hearing_deadline) == (date(2026, 3, 12), None)
        assert refused(leader, case, date(2026, 3, 12)) == {
            "decided_on": ["陈述、申辩期限至2026年3月12日届满（或当事人书面放弃后），届满前不能作出处罚决定"]
        }
        services.case_decide(actor=leader, case=case, decision=penalty(decided_on=date(2026, 3, 13)))
        case.refresh_from_db()
        assert case.status == CaseStatus.DECIDED

    def test_the_agencys_statement_period_is_a_setting(self, settings, handler_user, leader, registered):
        settings.ZHIFA_STATEMENT_WORKDAYS = 3
        case = notified(registered, handler_user, leader, LABOUR_DAY, hearing=False)
        assert case.statement_deadline == date(2026, 5, 8)  # 05-06, 05-07, 05-08
        assert rules.decision_wait(case) == rules.DecisionWait(date(2026, 5, 8))
        settings.ZHIFA_STATEMENT_WORKDAYS = 10  # a later change does not lengthen a period already given
        assert rules.decision_wait(case).allowed_from == date(2026, 5, 9)

    def test_with_hearing_rights_the_later_of_the_two_periods_counts(
        self, settings, handler_user, leader, registered
    ):
        settings.ZHIFA_STATEMENT_WORKDAYS = 3
        case = notified(registered, handler_user, leader, LABOUR_DAY)
        assert (case.statement_deadline, case.hearing_deadline) == (date(2026, 5, 8), date(2026, 5, 11))
        assert rules.decision_wait(case).until == date(2026, 5, 11)

    def test_the_written_waiver_lets_the_decision_come_earlier_but_not_before_it(
        self, handler_user, leader, registered
    ):
        case = notified(registered, handler_user, leader, LABOUR_DAY)
        waiver = waive(handler_user, case, signed=date(2026, 5, 6))
        record = Record.objects.for_subject(case).last()
        assert record.action == "case.evidence" and '"kind":"waiver"' in record.payload
        assert rules.decision_wait(case) == rules.DecisionWait(date(2026, 5, 11), waived_on=date(2026, 5, 6))
        writes = Writes()
        assert refused(leader, case, date(2026, 5, 5)) == {
            "decided_on": ["当事人于2026年5月6日书面放弃陈述、申辩和听证，决定日期不能早于该日"]
        }
        assert writes.nothing
        services.case_decide(actor=leader, case=case, decision=penalty(decided_on=date(2026, 5, 6)))
        assert Decision.objects.get(case=case).decided_on == date(2026, 5, 6) and waiver.kind == "waiver"

    def test_a_waiver_recorded_today_lets_todays_decision_through(self, handler_user, leader, registered):
        case = notified(registered, handler_user, leader, TODAY)
        waive(handler_user, case)
        services.case_decide(actor=leader, case=case, decision=penalty(decided_on=TODAY))
        case.refresh_from_db()
        assert case.status == CaseStatus.DECIDED

    def test_a_waiver_needs_the_notice_first_and_cannot_predate_it(self, handler_user, leader, registered):
        case = advance(registered, CaseStatus.REVIEWING, handler_user, leader)
        before = (Evidence.objects.count(), Record.objects.count())
        assert refusal(lambda: waive(handler_user, case)) == {
            "kind": ["本案尚未事先告知，不能登记“放弃陈述申辩、听证的书面声明”"]
        }
        case = services.case_notify(
            actor=handler_user, case=case, on=LABOUR_DAY, proposed="拟罚款70000元", hearing_rights=True
        )
        before = (Evidence.objects.count(), Record.objects.count())
        assert refusal(lambda: waive(handler_user, case, signed=date(2026, 4, 29))) == {
            "captured_at": ["书面声明的签署时间不能早于告知日期（2026-04-30）"]
        }
        assert (Evidence.objects.count(), Record.objects.count()) == before

    def test_a_requested_hearing_must_still_be_held(self, handler_user, leader, registered):
        case = notified(registered, handler_user, leader, LABOUR_DAY)
        case = services.case_request_hearing(actor=handler_user, case=case, on=date(2026, 5, 6))
        decide = lambda: services.case_decide(  # noqa: E731
            actor=leader, case=case, decision=penalty(decided_on=date(2026, 5, 20))
        )
        assert refusal(decide) == {"hearing": ["当事人已申请听证，须先组织听证"]}
        case = services.case_hold_hearing(
            actor=handler_user,
            case=case,
            on=date(2026, 5, 19),
            summary="当事人到场",
            host=hearing_host(case.agency),
        )
        assert list(refusal(decide)) == ["review"]  # heard: what stands in the way now is the 法制审核

    def test_a_decision_not_to_penalise_need_not_wait(self, handler_user, leader, registered):
        case = notified(registered, handler_user, leader, TODAY)
        decision = services.DecisionInput(
            kind="no_penalty", decided_on=TODAY, reasoning="首次违法且危害后果轻微，依法不予行政处罚。"
        )
        services.case_decide(actor=leader, case=case, decision=decision)
        case.refresh_from_db()
        assert case.status == CaseStatus.DECIDED


class TestPage:
    def test_the_refusal_names_the_date_beside_the_decision_date(
        self, client, handler_user, leader, registered
    ):
        case = notified(registered, handler_user, leader, LABOUR_DAY)
        client.force_login(leader)
        writes = Writes()
        response = client.post(url(case, "decide"), {**DECISION_FORM, "decided_on": "2026-05-11"})
        assert response.context["form"].errors["decided_on"] == [REFUSED_TO_0511]
        assert writes.nothing
        response = client.post(url(case, "decide"), {**DECISION_FORM, "decided_on": "2026-05-12"})
        assert response.status_code == 302 and Decision.objects.get(case=case).decided_on == date(2026, 5, 12)

    def test_the_decision_form_says_until_when_it_waits(self, client, handler_user, leader, registered):
        case = notified(registered, handler_user, leader, TODAY, hearing=False)
        until = workdays.add_workdays(TODAY, 5)
        client.force_login(leader)
        text = html(client.get(url(case, "decide")))
        nxt = until + timedelta(days=1)
        assert (
            f"陈述、申辩期限至{until.year}年{until.month}月{until.day}日届满（或当事人书面放弃后），届满前不能作出处罚决定；"
            f"可作出处罚决定日期：{nxt.year}年{nxt.month}月{nxt.day}日。"
        ) in text

    def test_the_clocks_panel_shows_the_waiting_date(self, client, handler_user, leader, registered):
        case = notified(registered, handler_user, leader, TODAY, hearing=False)
        until = workdays.add_workdays(TODAY, 5)
        client.force_login(handler_user)
        text = html(client.get(url(case)))
        assert (
            f'data-testid="clock-statement">陈述申辩期限届满 {until:%Y-%m-%d} '
            '<span class="badge ">届满前不能作出处罚决定</span></span>\n '
            f'<span class="muted">（告知后5个工作日内陈述、申辩；届满前不能作出处罚决定，'
            f"可作出处罚决定日期：{until + timedelta(days=1):%Y-%m-%d}）</span>"
        ) in text

    def test_the_clocks_panel_after_the_period_and_after_a_waiver(
        self, client, handler_user, leader, registered
    ):
        case = notified(registered, handler_user, leader, LABOUR_DAY)
        client.force_login(handler_user)
        text = html(client.get(url(case)))
        assert "陈述申辩期限届满 2026-05-11 <span" in text and ">已届满</span>" in text
        assert (
            "（告知后5个工作日内陈述、申辩、5个工作日内申请听证；届满前不能作出处罚决定，可作出处罚决定日期：2026-05-12）"
            in text
        )
        waive(handler_user, case, signed=date(2026, 5, 6))
        text = html(client.get(url(case)))
        assert ">当事人已书面放弃</span>" in text
        assert "当事人已于2026-05-06书面放弃，可作出处罚决定日期：2026-05-06）" in text


class TestApi:
    def test_the_detail_carries_the_waiting_date(self, client, handler_user, leader, registered):
        case = notified(registered, handler_user, leader, LABOUR_DAY)
        body = Api(client).login(handler_user).get(f"/{case.pk}").json()
        assert body["statement_deadline"] == "2026-05-11"
        assert body["decision_wait"] == {
            "until": "2026-05-11",
            "allowed_from": "2026-05-12",
            "waived_on": None,
        }
        assert {
            "step": "statement",
            "label": "陈述申辩期限届满",
            "due": "2026-05-11",
            "state": "passed",
        } in body["clocks"]
        waive(handler_user, case, signed=date(2026, 5, 7))
        body = Api(client).get(f"/{case.pk}").json()
        assert body["decision_wait"] == {
            "until": "2026-05-11",
            "allowed_from": "2026-05-07",
            "waived_on": "2026-05-07",
        }

    def test_before_the_notice_there_is_no_wait(self, client, handler_user, registered):
        body = Api(client).login(handler_user).get(f"/{registered.pk}").json()
        assert (body["statement_deadline"], body["decision_wait"]) == (None, None)

    def test_the_reproduction_is_a_422_naming_the_date(self, client, handler_user, leader, registered):
        case = notified(registered, handler_user, leader, LABOUR_DAY)
        api = Api(client).login(leader)
        before = Record.objects.count()
        decision = {
            "kind": "penalty",
            "reasoning": "经查属实。",
            "fine": "70000",
            "facts": {"fact_value": 3000},
        }
        response = api.post(f"/{case.pk}/decide", {**decision, "decided_on": "2026-05-11"})
        assert response.status_code == 422
        assert [(e["loc"][-1], e["msg"]) for e in response.json()["detail"]] == [
            ("decided_on", REFUSED_TO_0511)
        ]
        assert Record.objects.count() == before and not Decision.objects.filter(case=case).exists()
        response = api.post(f"/{case.pk}/decide", {**decision, "decided_on": "2026-05-12"})
        assert response.status_code == 200 and response.json()["status"] == "decided"


class TestWorkbench:
    @pytest.fixture
    def handler(self, handler_user, officers):
        officers[0].user = handler_user
        officers[0].save(update_fields=["user"])
        return handler_user

    def items(self, user, case, today):
        return [
            (i.title, i.due) for i in workbench.pending(user, today=today) if f"/cases/{case.pk}/" == i.url
        ]

    def test_the_end_of_the_period_when_near_then_the_case_awaiting_its_decision(
        self, handler, leader, registered
    ):
        case = notified(registered, handler, leader, LABOUR_DAY)
        case.decision_due = date(2026, 7, 31)  # extended: the 90-day clock is not what shows here
        case.save(update_fields=["decision_due"])
        head = f"{case.number} {case.summary}："
        assert self.items(handler, case, date(2026, 5, 6)) == []  # 05-11 is four working days ahead
        assert self.items(handler, case, date(2026, 5, 7)) == [
            (head + "陈述申辩期限2026-05-11届满，2026-05-12起可作出处罚决定", date(2026, 5, 11))
        ]
        assert self.items(handler, case, date(2026, 5, 12)) == [
            (head + "陈述申辩期限已于2026-05-11届满，待作出处罚决定", date(2026, 7, 31))
        ]
        waive(handler, case, signed=date(2026, 5, 6))
        assert self.items(handler, case, date(2026, 5, 6)) == [
            (head + "当事人已于2026-05-06书面放弃陈述申辩、听证，待作出处罚决定", date(2026, 7, 31))
        ]

    def test_an_overdue_decision_comes_first(self, handler, leader, registered):
        case = notified(registered, handler, leader, LABOUR_DAY)  # decision due 2026-05-31
        assert self.items(handler, case, date(2026, 6, 1)) == [
            (f"{case.number} {case.summary}：作出决定期限2026-05-31，已逾期", date(2026, 5, 31))
        ]


def test_a_calendar_change_moves_both_periods_of_an_open_notice(
    agencies, make_user, handler_user, leader, registered
):
    from tests.core.test_holiday_schedule import NOTICE
    from zhifa.accounts.choices import RoleCode
    from zhifa.core import holidays

    case = notified(registered, handler_user, leader, date(2026, 12, 28))
    assert (case.statement_deadline, case.hearing_deadline) == (
        date(2027, 1, 4),
        date(2027, 1, 4),
    )  # weekdays only
    admin = make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sysadmin")
    entered = holidays.holiday_schedule_enter(actor=admin, text=NOTICE)
    assert sorted((m.deadline.label, m.before, m.after) for m in entered.moved) == [
        ("听证申请期限", date(2027, 1, 4), date(2027, 1, 5)),
        ("陈述申辩期限", date(2027, 1, 4), date(2027, 1, 5)),
    ]
    case.refresh_from_db()
    assert rules.decision_wait(case).until == date(2027, 1, 5)


def test_the_transition_row_carries_the_rule_for_the_flow_chart_and_the_buttons(
    handler_user, leader, registered
):
    from zhifa.cases import transitions
    from zhifa.catalog import procedures
    from zhifa.catalog.flowchart import flowchart_svg

    (row,) = transitions.rows("decide", "penalty")
    rule = (
        "陈述、申辩期限（告知书送达后本机关规定的工作日数，默认5个）和听证申请期限（5个工作日）届满或当事人书面放弃后；"
        "立案之日起90日内，经批准可延长"
    )
    assert row.rule == rule
    assert f"作出决定（行政处罚）：{rule}，须有《行政处罚事先告知书》；" in flowchart_svg(
        procedures.flow(procedures.Procedure.ORDINARY), title="普通程序"
    )
    case = notified(registered, handler_user, leader, TODAY)
    assert row.when(case) is False
    waive(handler_user, case)
    assert row.when(case) is True
