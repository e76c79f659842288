"""Without ZHIFA_REPLICA_DATABASE_URL, code written for a replica reads the one database (test_replica.py
has the replica)."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from tests.factories import RegionFactory
from zhifa.core import replica
from zhifa.core.choices import RegionLevel
from zhifa.core.models import Region


def test_without_a_replica_the_block_reads_the_primary(db):
    if replica.available():
        pytest.skip("ZHIFA_REPLICA_DATABASE_URL configures a replica in this run")
    RegionFactory(code="970100", name="测试市", level=RegionLevel.CITY)
    with CaptureQueriesContext(connections["default"]) as primary, replica.using_replica() as alias:
        assert Region.objects.count() == 1
    assert alias == "default" and len(primary.captured_queries) == 1
