"""The deadline of a 责任追究案件: a setting per region with its documented default (60 working days), moved
by a change of the holiday schedule while the proceeding is open. A 暂扣执法证 ends by itself: the right to
enforce is back the day after its last day, and the daily job records the restoration once, as the
system."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tests.supervision.accountability.conftest import complaint
from tests.supervision.calendar import enter, moves_of
from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record
from zhifa.registry import selectors as registry
from zhifa.registry.models import Certificate
from zhifa.supervision.accountability import clocks, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_supervisor(agencies, make_user):
    """测试市司法局's supervisor: pursues officers of every county of the city."""
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_supervisor")


class TestDeadlinePerRegion:
    def test_the_documented_default_is_60_working_days(self, agencies):
        assert clocks.decision_workdays(agencies["east_market"].region) == 60

    def test_each_region_gets_the_nearest_setting_up_the_tree(
        self, settings, agencies, city_supervisor, zhang, west_officer
    ):
        east = agencies["east_market"].region
        settings.ZHIFA_ACCOUNTABILITY_WORKDAYS_BY_REGION = {east.code: 20, east.parent.code: 10}
        made = services.proceeding_open(actor=city_supervisor, data=complaint(zhang, west_officer))
        # from Friday 2026-03-06: 东区 its own 20 working days, 西县 its city's 10
        assert [(p.officer.name, p.due_on, p.due_workdays) for p in made] == [
            ("张伟", date(2026, 4, 3), 20),
            ("王强", date(2026, 3, 20), 10),
        ]

    def test_the_setting_for_every_region_and_zero_for_none(
        self, settings, agencies, city_supervisor, zhang, west_officer
    ):
        settings.ZHIFA_ACCOUNTABILITY_WORKDAYS = 5
        settings.ZHIFA_ACCOUNTABILITY_WORKDAYS_BY_REGION = {agencies["east_market"].region.code: 0}
        made = services.proceeding_open(actor=city_supervisor, data=complaint(zhang, west_officer))
        assert [(p.officer.name, p.due_on) for p in made] == [("张伟", None), ("王强", date(2026, 3, 13))]


class TestCalendarChange:
    def test_an_open_proceedings_deadline_moves_a_decided_ones_stays(
        self, supervisor, zhang, li, today, agencies, make_user
    ):
        today(date(2026, 12, 28))
        (open_one,) = services.proceeding_open(actor=supervisor, data=complaint(zhang))
        (decided,) = services.proceeding_open(actor=supervisor, data=complaint(li))
        services.proceeding_investigate(actor=supervisor, proceeding=decided, investigation="按规程履职")
        services.proceeding_decide(
            actor=supervisor, proceeding=decided, outcome="due_diligence", reason="已尽职"
        )
        assert open_one.due_on == decided.due_on == date(2027, 3, 22)  # 60 working days, Mon–Fri in 2027
        enter(agencies, make_user)  # 1 January and 8–12 February off, Saturday 20 February on
        open_one.refresh_from_db()
        decided.refresh_from_db()
        assert (open_one.due_on, decided.due_on) == (date(2027, 3, 29), date(2027, 3, 22))
        assert moves_of(open_one) == [("due_on", "2027-03-22", "2027-03-29")]
        assert moves_of(decided) == []


def suspend(supervisor, heard, until=date(2026, 6, 5)):
    return services.proceeding_decide(
        actor=supervisor, proceeding=heard, outcome="suspend", reason="未亮证执法", suspended_until=until
    )


def restorations(proceeding) -> list[tuple[int | None, dict]]:
    found = Record.objects.filter(
        subject_type="supervision.accountabilitycase",
        subject_id=str(proceeding.pk),
        action="accountability.restore",
    ).order_by("id")
    return [(r.actor_id, json.loads(r.payload)) for r in found]


class TestSuspensionEndsByItself:
    def test_enforcement_is_refused_through_the_last_day_and_allowed_the_day_after(
        self, supervisor, heard, zhang, handler_user
    ):
        suspend(supervisor, heard)
        number = zhang.certificates.get().number
        days = [date(2026, 6, 4), date(2026, 6, 5), date(2026, 6, 6)]
        assert [registry.can_enforce(zhang, "market", on=day) for day in days] == [False, False, True]
        with pytest.raises(ValidationError) as caught:
            registry.require_acting(handler_user, ["market"], on=date(2026, 6, 5), act="调查取证")
        assert caught.value.message_dict["actor"] == [
            f"张伟的行政执法证件{number}（市场监管领域）已被暂扣至2026年6月5日，2026年6月5日不能从事执法活动，"
            "不能调查取证"
        ]
        # nobody has acted, and the certificate still reads 暂扣: the end date alone gives the right back
        assert Certificate.objects.get(number=number).status == "suspended"
        assert registry.require_acting(handler_user, ["market"], on=date(2026, 6, 6), act="调查取证") is None
        assert registry.officer_refusal(zhang, zhang.name, ["market"], on=date(2026, 6, 6)) is None

    def test_the_daily_job_restores_the_day_after_the_last_day_and_records_it_once(
        self, supervisor, heard, zhang
    ):
        suspend(supervisor, heard)
        certificate = zhang.certificates.get()
        assert services.suspensions_lapse(today=date(2026, 6, 5)) == 0  # the last day: still suspended
        heard.refresh_from_db()
        assert (heard.restored_on, restorations(heard)) == (None, [])
        assert services.suspensions_lapse(today=date(2026, 6, 6)) == 1
        heard.refresh_from_db()
        certificate.refresh_from_db()
        assert (certificate.status, certificate.suspended_until, heard.restored_on) == (
            "valid",
            None,
            date(2026, 6, 6),
        )
        expected = [
            (
                None,  # the system
                {
                    "status": "decided",
                    "restored_on": "2026-06-06",
                    "certificates": [certificate.number],
                    "automatic": True,
                },
            )
        ]
        assert restorations(heard) == expected
        # run again, the next day or late: nothing more is written
        count = Record.objects.count()
        assert services.suspensions_lapse(today=date(2026, 6, 6)) == 0
        assert services.suspensions_lapse(today=date(2026, 6, 9)) == 0
        assert (Record.objects.count(), restorations(heard)) == (count, expected)

    def test_a_job_run_late_dates_the_restoration_the_day_after_the_last_day(self, supervisor, heard, capsys):
        suspend(supervisor, heard)
        call_command("restore-certificates", "--today", "2026-06-15")
        assert capsys.readouterr().out == "暂扣期满恢复执法证 1 件。\n"
        heard.refresh_from_db()
        assert heard.restored_on == date(2026, 6, 6)

    def test_the_supervisor_may_still_restore_on_the_last_day_and_the_job_then_does_nothing(
        self, supervisor, heard, zhang, today
    ):
        suspend(supervisor, heard)
        today(date(2026, 6, 5))
        services.proceeding_restore(actor=supervisor, proceeding=heard)
        assert registry.can_enforce(zhang, "market", on=date(2026, 6, 5))
        assert services.suspensions_lapse(today=date(2026, 6, 6)) == 0
        assert [actor for actor, _ in restorations(heard)] == [supervisor.pk]
        heard.refresh_from_db()
        with pytest.raises(ValidationError):
            services.proceeding_restore(actor=supervisor, proceeding=heard)
