import time

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, settings

from tests.factories import AgencyFactory, RegionFactory, UserFactory
from tests.shared_demo import SHARED, uses_demo
from zhifa.accounts.choices import RoleCode
from zhifa.core import workdays
from zhifa.core.choices import RegionLevel

# `make mutate` runs the suite under mutmut's tracing on a busy machine: generation speed is no signal there.
settings.register_profile("mutation", suppress_health_check=list(HealthCheck), deadline=None)
# Everywhere else: how fast examples are generated or run depends on the machine's load (CI shares two
# cores between the workers), so neither is a test; the properties themselves are.
settings.register_profile("suite", suppress_health_check=[HealthCheck.too_slow], deadline=None)
if settings._current_profile == "default":  # unless a profile was chosen (--hypothesis-profile=mutation)
    settings.load_profile("suite")


@pytest.hookimpl(trylast=True)  # after pytest's own reordering
def pytest_collection_modifyitems(config, items):
    """The tests on the shared demo run last (tests/shared_demo.py); tests marked postgres_only (parallel
    writers, triggers) run only on PostgreSQL."""
    from django.db import connection

    # pytest-django (tryfirst) has put the database tests first and the transactional ones after them; the
    # shared demo goes between the two, since a transactional test's flush also empties what the migrations
    # seeded (the roles), which the demo needs.
    others = [item for item in items if not uses_demo(item)]
    cut = next((i for i, item in enumerate(others) if _transactional(item)), len(others))
    items[:] = others[:cut] + [item for item in items if uses_demo(item)] + others[cut:]
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: `ZHIFA_TEST_POSTGRES=1 make test` runs the suite there too"
    )
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


def _transactional(item) -> bool:
    """Whether pytest-django runs `item` as a transactional test (flushing the tables after it)."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """The shared demo is rolled back before the first test that does not use it."""
    if not uses_demo(item):
        SHARED.drop()


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """For the whole session, so that module and session fixtures (the demo's users) hash fast too."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def _shared_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    yield tmp_path_factory.mktemp("demo_media")
    SHARED.drop()


@pytest.fixture(scope="module")
def demo_db(_shared_demo, django_db_blocker):
    """The demo data, loaded once per test process for the tests that ask for it (tests/shared_demo.py);
    each test runs in its own savepoint, so what it writes is rolled back after it."""
    SHARED.load(django_db_blocker, _shared_demo)
    return SHARED


@pytest.fixture(autouse=True)
def _media_in_tmp(request, settings, tmp_path):
    """Evidence and uploads of a test never land in the developer's var/media; on the shared demo, its
    media directory (where the demo's evidence files are)."""
    settings.MEDIA_ROOT = SHARED.media if uses_demo(request.node) else tmp_path / "media"


@pytest.fixture(autouse=True)
def _force_login_is_a_full_login(request, monkeypatch):
    """`client.force_login(user)` stands for a login that went through every step: the second factor of
    a role that must have one (accounts.twofactor) is taken as done, and the session as just authenticated
    (accounts.reauth). A real login through the pages still owes both (tests/accounts/test_two_factor.py);
    a test that wants force_login to owe them too is marked `real_two_factor`."""
    if request.node.get_closest_marker("real_two_factor"):
        return
    from django.test.client import ClientMixin

    from zhifa.accounts import reauth, twofactor

    force_login = ClientMixin.force_login

    def full_login(self, user, backend=None):
        force_login(self, user, backend)
        session = self.session
        session[twofactor.STATE_KEY] = twofactor.DONE
        session[reauth.AUTH_AT_KEY] = int(time.time())
        session.save()

    monkeypatch.setattr(ClientMixin, "force_login", full_login)


@pytest.fixture(autouse=True)
def _fresh_workday_cache():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.fixture
def city(db):
    """A city with two counties — enough to test jurisdiction between neighbours and from above."""
    city = RegionFactory(code="970100", name="测试市", level=RegionLevel.CITY)
    east = RegionFactory(code="970102", name="东区", level=RegionLevel.COUNTY, parent=city)
    west = RegionFactory(code="970121", name="西县", level=RegionLevel.COUNTY, parent=city)
    return {"city": city, "east": east, "west": west}


@pytest.fixture
def agencies(city):
    return {
        "east_market": AgencyFactory(name="东区市场监督管理局", region=city["east"]),
        "west_market": AgencyFactory(name="西县市场监督管理局", region=city["west"]),
        "east_justice": AgencyFactory(name="东区司法局", region=city["east"], kind="justice"),
        "city_justice": AgencyFactory(name="测试市司法局", region=city["city"], kind="justice"),
    }


@pytest.fixture
def make_user(db):
    def make(agency, *roles, **kwargs):
        return UserFactory(agency=agency, roles=list(roles), **kwargs)

    return make


@pytest.fixture
def officer(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.OFFICER, username="east_officer")


@pytest.fixture
def other_officer(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.OFFICER, username="west_officer")
