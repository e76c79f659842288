"""Django on a throw-away database: a temporary SQLite file, or a dedicated database created on the
PostgreSQL server named by ZHIFA_BENCH_DATABASE_URL (the database in that URL is only connected to,
never changed). Nothing here touches var/ or the database of ZHIFA_DATABASE_URL."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

BENCH_URL_ENV = "ZHIFA_BENCH_DATABASE_URL"
SYNCHRONOUS_COMMIT_ENV = "ZHIFA_BENCH_PG_SYNCHRONOUS_COMMIT"


@dataclass(frozen=True)
class Database:
    url: str
    description: str


@contextmanager
def fresh_django() -> Iterator[Database]:
    """Point zhifa's settings at a new empty database, set Django up, migrate; clean up afterwards."""
    with tempfile.TemporaryDirectory(prefix="zhifa-bench-") as tmp:
        server_url = os.environ.get(BENCH_URL_ENV)
        with _postgres_database(server_url) if server_url else _sqlite_database(Path(tmp)) as database:
            os.environ["DJANGO_SETTINGS_MODULE"] = "zhifa.settings"
            os.environ["ZHIFA_DATABASE_URL"] = database.url
            os.environ["ZHIFA_VAR_DIR"] = tmp
            os.environ["ZHIFA_MEDIA_DIR"] = str(Path(tmp) / "media")
            os.environ["ZHIFA_DEBUG"] = "0"  # DEBUG would keep every query in connection.queries

            import django
            from django.core.management import call_command
            from django.db import connections

            django.setup()
            try:
                call_command("migrate", verbosity=0, interactive=False)
                yield database
            finally:
                connections.close_all()


@contextmanager
def _sqlite_database(tmp: Path) -> Iterator[Database]:
    path = tmp / "bench.sqlite3"
    yield Database(f"sqlite:///{path}", f"SQLite file {path} (WAL, synchronous=NORMAL, as in settings)")


@contextmanager
def _postgres_database(server_url: str) -> Iterator[Database]:
    import psycopg
    from psycopg import sql

    parts = urlsplit(server_url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise SystemExit(f"{BENCH_URL_ENV} must be a postgres:// URL, not {parts.scheme}://")
    name = f"zhifa_bench_{os.getpid()}"
    if parts.path.lstrip("/") == name:
        raise SystemExit(f"{BENCH_URL_ENV} names the benchmark's own database {name}")
    ident = sql.Identifier(name)
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(ident))
        # Commits do not wait for the WAL flush, as SQLite's synchronous=NORMAL in WAL mode does not (so the two
        # are compared like for like): on the 2-core machine a flush takes 5.4 ms, which made every rate of
        # single transactions a measure of its disk (the cases set-up 10× SQLite's). "on" measures with it.
        synchronous = os.environ.get(SYNCHRONOUS_COMMIT_ENV, "off")
        conn.execute(
            sql.SQL("ALTER DATABASE {} SET synchronous_commit = {}").format(ident, sql.Literal(synchronous))
        )
    try:
        url = parts._replace(path=f"/{name}").geturl()
        host = parts.hostname or "local socket"
        yield Database(
            url,
            f"PostgreSQL database {name} on {host}:{parts.port or 5432} (synchronous_commit={synchronous}, "
            "dropped afterwards)",
        )
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))


def make_agency():
    """The minimum organisation data: one city and one enforcement department, made through services
    as in real use (so the agency's chain starts with its agency.create record)."""
    from zhifa.core import services
    from zhifa.core.choices import AgencyKind, RegionLevel
    from zhifa.core.validators import credit_code_with_check

    region = services.region_create(actor=None, code="990100", name="江州市", level=RegionLevel.CITY)
    return services.agency_create(
        actor=None,
        name="江州市市场监督管理局",
        short_name="江市监",
        kind=AgencyKind.DEPARTMENT,
        region=region,
        credit_code=credit_code_with_check(f"11{region.code}{1:09d}"),
    )


def signed_in(client, user):
    """`client` signed in as `user` after every step of a login — the second factor a role must have and a
    fresh authentication (accounts.twofactor, accounts.reauth) — as tests/conftest.py has force_login do:
    a page timed here is the page a signed-in user sees, not the redirect to the second factor."""
    import time

    from zhifa.accounts import reauth, twofactor

    client.force_login(user)
    session = client.session
    session[twofactor.STATE_KEY] = twofactor.DONE
    session[reauth.AUTH_AT_KEY] = int(time.time())
    session.save()
    return client
