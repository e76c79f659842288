"""The region's training shortfall counted in the database (registry.selectors.training_short_count):
the same officers training_standings calls short, in one query, whatever the number of officers."""

from datetime import date

import pytest

from tests.factories import OfficerFactory, TrainingFactory
from zhifa.registry import selectors
from zhifa.registry.choices import PersonStatus
from zhifa.registry.models import Officer

pytestmark = pytest.mark.django_db

YEAR = 2026


@pytest.fixture
def staff(agencies):
    east, west = agencies["east_market"], agencies["west_market"]
    done = OfficerFactory(agency=east, name="达标")
    TrainingFactory(officer=done, hours=60)
    short = OfficerFactory(agency=east, name="差学时")
    TrainingFactory(officer=short, hours=10)
    TrainingFactory(officer=short, hours=50, on=date(YEAR - 1, 12, 31))  # last year's hours do not count
    new = OfficerFactory(agency=west, name="新任", enforcing_since=date(YEAR, 2, 1))
    TrainingFactory(officer=new, hours=60)  # enough hours, but not the 30 of 公共法律知识
    trained_new = OfficerFactory(agency=west, name="新任已培训", enforcing_since=date(YEAR, 2, 1))
    TrainingFactory(officer=trained_new, hours=30, kind="public_law")
    TrainingFactory(officer=trained_new, hours=30)
    OfficerFactory(agency=east, name="离岗", status=PersonStatus.LEFT)  # not counted
    return {"short": short, "new": new}


def test_the_count_is_what_the_standings_call_short(staff, django_assert_num_queries):
    standings = [
        s.officer.name for s in selectors.training_standings(Officer.objects.all(), YEAR) if s.is_short
    ]
    assert sorted(standings) == ["差学时", "新任"]
    with django_assert_num_queries(1):
        counted = selectors.training_short_count(Officer.objects.all(), YEAR)
    assert counted == selectors.TrainingShortCount(short=2, agencies=2, agency_id=None)


def test_one_agency_is_named(staff, agencies):
    counted = selectors.training_short_count(Officer.objects.filter(agency=agencies["east_market"]), YEAR)
    assert counted == selectors.TrainingShortCount(short=1, agencies=1, agency_id=agencies["east_market"].pk)
