from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given, settings
from hypothesis import strategies as st

from zhifa.core import holiday_overrides, workdays
from zhifa.core.choices import DayKind

# The calendar reads admins' overrides from the database.
pytestmark = pytest.mark.django_db


class TestStatutoryCalendar2026:
    def test_national_day_holiday_is_skipped(self):
        assert workdays.add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)

    def test_make_up_saturday_is_a_working_day(self):
        assert date(2026, 10, 10).weekday() == 5
        assert workdays.is_workday(date(2026, 10, 10))

    def test_holiday_weekday_is_not_a_working_day(self):
        assert not workdays.is_workday(date(2026, 10, 1))
        assert not workdays.is_workday(date(2026, 10, 7))

    def test_ordinary_weekend_and_weekday(self):
        assert not workdays.is_workday(date(2026, 11, 28))  # Saturday
        assert workdays.is_workday(date(2026, 11, 25))  # Wednesday

    def test_seven_working_days_across_national_day(self):
        # 9-30 (Wed) → 10-08, 09, 10 (make-up Sat), 12, 13, 14, 15
        assert workdays.add_workdays(date(2026, 9, 29), 7) == date(2026, 10, 14)

    def test_workdays_between_counts_half_open_interval(self):
        assert workdays.workdays_between(date(2026, 9, 30), date(2026, 10, 8)) == 1
        assert workdays.workdays_between(date(2026, 10, 8), date(2026, 9, 30)) == -1
        assert workdays.workdays_between(date(2026, 11, 23), date(2026, 11, 23)) == 0

    def test_zero_and_negative_offsets(self):
        assert workdays.add_workdays(date(2026, 10, 3), 0) == date(2026, 10, 3)
        assert workdays.add_workdays(date(2026, 10, 8), -1) == date(2026, 9, 30)


class TestOverrideYear:
    """2027 is not in the chinesecalendar package: admins enter it when the State Council publishes it."""

    def test_unknown_year_falls_back_to_weekdays_and_warns_with_the_year(self, caplog):
        workdays._warned_years.discard(2027)
        with caplog.at_level("WARNING", logger="zhifa.core.workdays"):
            assert workdays.is_workday(date(2027, 1, 1))  # a Friday: a weekday by the fallback
        assert "2027" in caplog.text
        assert not workdays.is_workday(date(2027, 1, 2))  # Saturday

    def test_overrides_make_holidays_and_make_up_days(self, admin_user):
        holiday_overrides.holiday_override_set(
            actor=admin_user, day=date(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦"
        )
        holiday_overrides.holiday_override_set(
            actor=admin_user, day=date(2027, 1, 2), kind=DayKind.WORKDAY, name="调休"
        )
        workdays.clear_cache()  # on_commit does this in production; tests run inside one transaction
        assert not workdays.is_workday(date(2027, 1, 1))
        assert workdays.is_workday(date(2027, 1, 2))
        assert workdays.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 2)

    def test_override_wins_over_the_package_for_a_known_year(self, admin_user):
        holiday_overrides.holiday_override_set(actor=admin_user, day=date(2026, 11, 25), kind=DayKind.HOLIDAY)
        workdays.clear_cache()
        assert not workdays.is_workday(date(2026, 11, 25))

    def test_only_admins_may_set_overrides(self, officer):
        with pytest.raises(PermissionDenied) as exc:
            holiday_overrides.holiday_override_set(actor=officer, day=date(2027, 1, 1), kind=DayKind.HOLIDAY)
        assert "无权" in str(exc.value)


@given(start=st.dates(date(2024, 1, 1), date(2026, 12, 1)), n=st.integers(min_value=1, max_value=30))
@settings(max_examples=200, deadline=None)
def test_add_workdays_lands_on_a_workday_n_workdays_later(start, n):
    end = workdays.add_workdays(start, n)
    assert workdays.is_workday(end)
    assert workdays.workdays_between(start, end) == n
    # every day between the (n-1)-th working day and the result is a rest day
    previous = workdays.add_workdays(start, n - 1)
    assert all(not workdays.is_workday(previous + timedelta(days=i)) for i in range(1, (end - previous).days))


def test_add_hours_runs_on_natural_hours():
    start = datetime(2026, 9, 30, 10, 0, tzinfo=UTC)
    assert workdays.add_hours(start, 24) == datetime(2026, 10, 1, 10, 0, tzinfo=UTC)


def test_add_hours_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        workdays.add_hours(datetime(2026, 9, 30, 10, 0), 24)
