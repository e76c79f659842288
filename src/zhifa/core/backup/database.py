"""The database half of a backup: an online dump and its restore, and what a manifest says about them.

SQLite: the sqlite3 backup API copies the whole file in one step under a read lock, so the copy is one
consistent state while the product keeps running. PostgreSQL: pg_dump (custom format) reads a snapshot
exported from our own REPEATABLE READ transaction, and the chain heads and counts are read in that same
snapshot, so the manifest describes exactly what the dump holds.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, transaction

from zhifa.accounts.models import User
from zhifa.audit.models import AuditChain
from zhifa.cases.models import Case, Evidence
from zhifa.core.models import Agency, Record, RecordChain

SQLITE_FILE = "database.sqlite3"
POSTGRESQL_FILE = "database.pgdump"
COUNTED = {"cases": Case, "records": Record, "evidence": Evidence}
COUNT_LABELS = {"cases": "案件", "records": "执法记录", "evidence": "证据"}
# A target holding any of these rows is not empty; the rows seeded by the migrations (roles, holidays) do not count.
DATA_MODELS = {"用户": User, "机关": Agency, "执法记录": Record, "案件": Case, "证据": Evidence}


class DatabaseToolError(Exception):
    """pg_dump / pg_restore missing, too old, or failed; the message says what to do, in Chinese."""


def dump(directory: Path) -> tuple[Path, list[dict], dict[str, int]]:
    """Dump the database into `directory`; returns (the dump file, the chain heads, the counts) of the dump."""
    if connection.vendor == "sqlite":
        return _dump_sqlite(directory / SQLITE_FILE)
    if connection.vendor == "postgresql":
        return _dump_postgresql(directory / POSTGRESQL_FILE)
    raise DatabaseToolError(f"不支持备份该数据库：{connection.vendor}")


def facts(cursor) -> tuple[list[dict], dict[str, int]]:
    """The chain heads and the counts, read through a DB-API cursor (of the dump or of the live database)."""
    cursor.execute(
        f"SELECT agency_id, head_seq, head_hash FROM {RecordChain._meta.db_table} ORDER BY agency_id"
    )
    heads = [{"agency_id": a, "head_seq": s, "head_hash": h} for a, s, h in cursor.fetchall()]
    # the audit log's one chain, after the record chains (安全审计: its head is kept apart, like theirs)
    cursor.execute(f"SELECT head_seq, head_hash FROM {AuditChain._meta.db_table} ORDER BY id")
    heads += [{"audit": True, "head_seq": s, "head_hash": h} for s, h in cursor.fetchall()]
    counts = {}
    for key, model in COUNTED.items():
        cursor.execute(f"SELECT COUNT(*) FROM {model._meta.db_table}")
        counts[key] = cursor.fetchone()[0]
    return heads, counts


def _dump_sqlite(path: Path):
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)  # pages=-1: the whole database in one step
        copy.execute(
            "PRAGMA journal_mode=DELETE"
        )  # a lone file: reading it later makes no -wal/-shm beside it
        heads, counts = facts(copy.cursor())
    finally:
        copy.close()
    return path, heads, counts


def _dump_postgresql(path: Path):
    pg_dump = _tool("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        _run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={path}", "--no-owner"], "pg_dump"
        )
        heads, counts = facts(cursor)
    return path, heads, counts


def data_in_target() -> dict[str, int]:
    """The rows that make the configured database not empty, by label (empty when it has none)."""
    tables = set(connection.introspection.table_names())
    found = {}
    for label, model in DATA_MODELS.items():
        if model._meta.db_table in tables and (n := model._default_manager.count()):
            found[label] = n
    return found


def restore(dump_file: Path) -> None:
    """Replace the configured (empty) database with the dump."""
    if dump_file.name == SQLITE_FILE:
        if connection.vendor != "sqlite":
            raise DatabaseToolError(f"该备份来自 SQLite，目标数据库是 {connection.vendor}，不能恢复")
        _restore_sqlite(dump_file)
    else:
        if connection.vendor != "postgresql":
            raise DatabaseToolError(f"该备份来自 PostgreSQL，目标数据库是 {connection.vendor}，不能恢复")
        _restore_postgresql(dump_file)


def check_tools(dump_file: Path) -> None:
    """Refuse early (before anything is written) when the restore's tool is missing or too old."""
    if dump_file.name == POSTGRESQL_FILE and connection.vendor == "postgresql":
        _tool("pg_restore")


def _restore_sqlite(dump_file: Path) -> None:
    target = str(connection.settings_dict["NAME"])
    connection.close()
    source = sqlite3.connect(f"file:{dump_file}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        copy.execute("PRAGMA journal_mode=DELETE")  # the backup API refuses a WAL target of another page size
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")
    finally:
        copy.close()
        source.close()


def _restore_postgresql(dump_file: Path) -> None:
    pg_restore = _tool("pg_restore")
    connection.close()
    # One transaction: a failure leaves the target as it was. --clean drops what `migrate` may have created.
    command = [pg_restore, "--single-transaction", "--exit-on-error", "--clean", "--if-exists", "--no-owner"]
    _run([*command, str(dump_file)], "pg_restore")


def _tool(name: str) -> str:
    """The path of pg_dump / pg_restore, refused when missing or older than the server's major version."""
    path = shutil.which(name)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        server = int(cursor.fetchone()[0]) // 10000
    if path is None:
        raise DatabaseToolError(
            f"未找到 {name}：请安装 PostgreSQL {server} 或更高主版本的客户端工具（如 postgresql-client-{server}）。"
        )
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"(\d+)(?:\.\d+)*", output)
    major = int(match.group(1)) if match else 0
    if major < server:
        raise DatabaseToolError(
            f"{name} 的主版本（{major}）低于数据库服务器的主版本（{server}），无法处理；"
            f"请安装 PostgreSQL {server} 或更高主版本的客户端工具。"
        )
    return path


def _run(command: list[str], name: str) -> None:
    settings = connection.settings_dict
    env = {**os.environ, "PGDATABASE": settings["NAME"]}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    if sslmode := settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    if name == "pg_restore":
        command = [*command[:-1], f"--dbname={settings['NAME']}", command[-1]]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        raise DatabaseToolError(f"{name} 失败（退出码 {result.returncode}）：{result.stderr.strip()[-2000:]}")
