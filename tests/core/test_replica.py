"""Read replicas (issue 16 item 7): inside core.replica.using_replica() the ORM reads through the "replica"
alias, writes and locking reads stay on "default", and without a replica the same code reads "default".

The replica here is a second alias on the test database (what `TEST: {"MIRROR": "default"}` gives when
ZHIFA_REPLICA_DATABASE_URL is set): a connection of its own, so the queries each alias ran are counted
apart. The tests commit (transactional) so that the second connection sees the rows."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.test.utils import CaptureQueriesContext

from tests.factories import RegionFactory
from zhifa.core import replica
from zhifa.core.choices import RegionLevel
from zhifa.core.models import Region

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(scope="module", autouse=True)
def mirror(django_db_setup):
    """The "replica" alias on the test database, unless the settings configure one; module-scoped so that
    it exists before the test case that names it in its databases is set up."""
    added = replica.REPLICA not in connections.settings
    if added:
        connections.settings[replica.REPLICA] = {
            **connections[DEFAULT_DB_ALIAS].settings_dict,
            "TEST": {**connections[DEFAULT_DB_ALIAS].settings_dict["TEST"], "MIRROR": DEFAULT_DB_ALIAS},
        }
    yield connections[replica.REPLICA]
    if added:
        connections[replica.REPLICA].close()
        del connections[replica.REPLICA]
        del connections.settings[replica.REPLICA]


def _queries(alias: str) -> CaptureQueriesContext:
    return CaptureQueriesContext(connections[alias])


def test_reads_inside_the_block_go_to_the_replica(mirror):
    RegionFactory(code="970100", name="测试市", level=RegionLevel.CITY)
    with _queries("default") as primary, _queries("replica") as copy, replica.using_replica() as alias:
        names = list(Region.objects.filter(code="970100").values_list("name", flat=True))
        count = Region.objects.count()
    assert alias == "replica" and names == ["测试市"] and count == 1
    assert len(copy.captured_queries) == 2 and len(primary.captured_queries) == 0


def test_outside_the_block_reads_stay_on_the_primary(mirror):
    RegionFactory(code="970100", name="测试市", level=RegionLevel.CITY)
    with _queries("default") as primary, _queries("replica") as copy:
        assert Region.objects.get(code="970100").name == "测试市"
    assert len(primary.captured_queries) == 1 and copy.captured_queries == []
    assert replica.alias() == "default"


def test_writes_and_locking_reads_inside_the_block_go_to_the_primary(mirror):
    with _queries("default") as primary, _queries("replica") as copy, replica.using_replica():
        made = Region.objects.create(code="970100", name="测试市", level=RegionLevel.CITY)
        read = Region.objects.get(pk=made.pk)  # from the replica
        assert read._state.db == "replica"
        read.name = "测试市（改）"
        read.save()  # back to the primary, though read from the replica
        with transaction.atomic():
            locked = Region.objects.select_for_update().get(pk=made.pk)
    assert locked.name == "测试市（改）"
    writes = [q["sql"].split()[0] for q in primary.captured_queries]
    assert "INSERT" in writes and "UPDATE" in writes
    assert all(q["sql"].startswith("SELECT") for q in copy.captured_queries)
    assert len(copy.captured_queries) == 1  # the plain read only
    assert Region.objects.get(pk=made.pk).name == "测试市（改）"


def test_the_helper_decorates_a_function(mirror):
    RegionFactory(code="970100", name="测试市", level=RegionLevel.CITY)

    @replica.using_replica()
    def figures():
        return Region.objects.count()

    with _queries("replica") as copy:
        assert figures() == 1
    assert len(copy.captured_queries) == 1
    assert replica.alias() == "default"  # the block ended with the function


def test_the_replica_is_never_migrated(mirror):
    assert router.allow_migrate("replica", "core", model_name="region") is False
    assert router.allow_migrate("default", "core", model_name="region") is True
    primary, copy = Region(code="1"), Region(code="2")
    primary._state.db, copy._state.db = "default", "replica"
    assert router.allow_relation(primary, copy) is True


def test_the_dashboards_figures_are_read_from_the_replica(mirror):
    from datetime import date

    from tests.factories import AgencyFactory, UserFactory
    from zhifa.accounts.choices import RoleCode
    from zhifa.stats.ontime import Period
    from zhifa.stats.scope import resolve
    from zhifa.stats.selectors.dashboard import dashboard

    agency = AgencyFactory(name="测试市司法局")
    scope = resolve(UserFactory(agency=agency, roles=[RoleCode.SUPERVISOR]))
    with _queries("default") as primary, _queries("replica") as copy:
        board = dashboard(scope, Period(date(2026, 1, 1), date(2026, 12, 31)))
    assert board is not None
    assert len(copy.captured_queries) >= 17 and primary.captured_queries == []
