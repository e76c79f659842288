"""Reads for dashboards and statistics from a read replica, when one is configured.

    from zhifa.core.replica import using_replica

    with using_replica():          # or @using_replica() on a selector or a view
        figures = list(Case.objects.values("status").annotate(n=Count("id")))

Inside the block every ORM read goes to the "replica" alias (ZHIFA_REPLICA_DATABASE_URL, docs/deploy.md) —
evaluate the querysets inside it (list(), aggregate(), len()), since a lazy queryset runs where it is used.
Writes always go to "default", inside the block too, and so does a `select_for_update`. Without a replica
the block changes nothing: the same code runs on one database.

A replica lags its primary by a moment: use it for figures over periods (驾驶舱, 统计, 年报), never for a
read that decides a write (a state check, a number, a deadline) — those belong to the services on "default".
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

_reading: ContextVar[bool] = ContextVar("zhifa_replica_reading", default=False)


def available() -> bool:
    """Whether a replica alias is configured."""
    return REPLICA in connections.settings


def alias() -> str:
    """The alias reads go to here and now: "replica" inside using_replica() when one is configured."""
    return REPLICA if _reading.get() and available() else DEFAULT_DB_ALIAS


@contextmanager
def using_replica() -> Iterator[str]:
    """Send the ORM reads of this block (or decorated function) to the replica; yields the alias used."""
    token = _reading.set(True)
    try:
        yield alias()
    finally:
        _reading.reset(token)


class ReplicaRouter:
    """DATABASE_ROUTERS: reads inside using_replica() to the replica; writes always to the primary."""

    def db_for_read(self, model, **hints) -> str | None:
        return REPLICA if _reading.get() and available() else None

    def db_for_write(self, model, **hints) -> str:
        # Also for an instance read from the replica (Django would otherwise write where it was read).
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        both = {obj1._state.db, obj2._state.db}
        return True if both <= {DEFAULT_DB_ALIAS, REPLICA} else None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        # A replica receives the primary's schema by replication, never by `migrate`.
        return False if db == REPLICA else None
