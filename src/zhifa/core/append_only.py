"""Rows the database itself refuses to change: a trigger aborts UPDATE / DELETE of them, whoever issues it (the
ORM, raw SQL, the sqlite3 shell), on SQLite as on PostgreSQL. The models refuse earlier with a clearer error
(Record.save, Evidence.save); the triggers hold when the model is bypassed.

Guarded: the record log (core_record), evidence (cases_evidence), and the deletion of cases (cases_case: a
case changes state, it is never deleted). On PostgreSQL the first two have had their triggers since
core 0002 / cases 0004; core 0005 and cases 0014 add SQLite's and the case guard on both.

A wipe of the whole database is not a change of rows: PostgreSQL's TRUNCATE (Django's flush there) does
not fire row triggers, and `lifted` gives SQLite's flush, which deletes row by row, the same footing.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class Guard:
    """A table whose rows the database refuses to UPDATE and/or DELETE, with the refusal in Chinese."""

    table: str
    refuse: tuple[str, ...]  # "UPDATE", "DELETE"
    message: str

    def sqlite_triggers(self) -> list[tuple[str, str]]:
        """(name, CREATE TRIGGER) per refused operation; every guard's trigger aborts (see `lifted`)."""
        message = self.message.replace("'", "''")
        return [
            (
                f"{self.table}_refuse_{op.lower()}",
                f"CREATE TRIGGER IF NOT EXISTS {self.table}_refuse_{op.lower()} BEFORE {op} ON {self.table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
            )
            for op in self.refuse
        ]

    def postgres_sql(self) -> tuple[str, str]:
        """(create, drop) of a row trigger and its function on PostgreSQL."""
        function, trigger = f"zhifa_{self.table}_guard", f"{self.table}_guard"
        message = self.message.replace("'", "''")
        create = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{message}';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {trigger} BEFORE {" OR ".join(self.refuse)} ON {self.table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""
        drop = f"DROP TRIGGER IF EXISTS {trigger} ON {self.table}; DROP FUNCTION IF EXISTS {function}();"
        return create, drop


def install(schema_editor, guard: Guard, *, vendors: tuple[str, ...] = ("sqlite", "postgresql")) -> None:
    """Create the guard's triggers on the migrated database (a migration's forward step)."""
    vendor = schema_editor.connection.vendor
    if vendor not in vendors:
        return
    if vendor == "sqlite":
        for _name, sql in guard.sqlite_triggers():
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.execute(guard.postgres_sql()[0])


def remove(schema_editor, guard: Guard, *, vendors: tuple[str, ...] = ("sqlite", "postgresql")) -> None:
    """Drop the guard's triggers (a migration's backward step)."""
    vendor = schema_editor.connection.vendor
    if vendor not in vendors:
        return
    if vendor == "sqlite":
        for name, _sql in guard.sqlite_triggers():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif vendor == "postgresql":
        schema_editor.execute(guard.postgres_sql()[1])


@contextmanager
def lifted(connection) -> Iterator[None]:
    """SQLite: every aborting trigger dropped for the block and created again after it, in one transaction
    (SQLite's DDL is transactional, so no other connection ever sees the tables unguarded, and a failure
    puts them back). For a wipe of the whole database only — `flush`, as TRUNCATE is on PostgreSQL, where
    this does nothing. Someone able to run it could as well drop the triggers; what it cannot do is hide a
    removed row from verify-records / verify-evidence, which compare the rows with the record log."""
    if connection.vendor != "sqlite":
        yield
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%RAISE(ABORT%'"
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        yield
        for _name, sql in triggers:
            cursor.execute(sql)
