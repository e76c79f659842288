"""Editing append-only rows behind the application's back, as an intruder with the database owner's rights
would: on PostgreSQL a superuser switches user triggers off for the session; on SQLite the triggers are
dropped for the block (core.append_only.lifted). What verification must then notice."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from zhifa.core import append_only


@contextmanager
def triggers_off() -> Iterator[None]:
    if connection.vendor != "postgresql":
        with append_only.lifted(connection):
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            yield
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")


def tamper(sql: str, params: list) -> None:
    """Run one statement with the triggers off."""
    with triggers_off(), connection.cursor() as cursor:
        cursor.execute(sql, params)
