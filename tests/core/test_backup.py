"""备份与恢复 drill: `zhifa backup` of the demo, `zhifa restore` into a second, empty instance, and the
verifications there; and each refusal, with nothing written.

The drill runs the commands as an operator does, in subprocesses against instances of its own (a database
file or a PostgreSQL database, and a media directory), not on the `demo_db` fixture: the shared demo is
an uncommitted transaction of the test process, which neither pg_dump (another session) nor SQLite's
backup API (it waits for the open write transaction) can read. The source instance is built once per
module with `zhifa demo --no-serve` (about a minute)."""

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import pytest

SUITE_URL = os.environ.get("ZHIFA_DATABASE_URL", "")
# the drill of the vendor the suite runs on: the SQLite drill once in the SQLite run, not again in the PostgreSQL one
VENDORS = ["postgresql"] if SUITE_URL.startswith("postgres") else ["sqlite"]


def zhifa(instance: dict, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ZHIFA_DATABASE_URL": instance["url"], "ZHIFA_MEDIA_DIR": str(instance["media"])}
    return subprocess.run(
        [sys.executable, "-m", "zhifa", *args], env=env, capture_output=True, text=True, timeout=600
    )


def _major(tool: str) -> int:
    output = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
    return int(re.search(r"(\d+)", output).group(1))


class PostgresServer:
    """Creates and drops the drill's databases on the server the suite runs on."""

    def __init__(self) -> None:
        import psycopg

        self.config = dj_database_url.parse(SUITE_URL)
        self.psycopg = psycopg

    def _admin(self):
        c = self.config
        return self.psycopg.connect(
            dbname="postgres",
            user=c["USER"],
            password=c["PASSWORD"] or None,
            host=c["HOST"],
            port=c["PORT"] or None,
            autocommit=True,
        )

    def major(self) -> int:
        with self._admin() as conn:
            return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000

    def create(self, name: str) -> str:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        url = SUITE_URL.rsplit("/", 1)[0]
        return f"{url}/{name}"

    def drop(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=VENDORS)
def vendor(request):
    return request.param


@pytest.fixture(scope="module")
def make_instance(vendor, tmp_path_factory):
    """Empty instances (database + media directory) of the vendor; PostgreSQL databases dropped after."""
    server, created = (PostgresServer() if vendor == "postgresql" else None), []
    if server:
        for tool in ("pg_dump", "pg_restore"):
            if shutil.which(tool) is None or _major(tool) < server.major():
                pytest.skip(f"{tool} missing or older than the PostgreSQL server")

    def make(label: str) -> dict:
        root = tmp_path_factory.mktemp(label)
        if server:
            name = f"zhifa_bk_{label}_{uuid.uuid4().hex[:8]}"
            created.append(name)
            url = server.create(name)
        else:
            url = f"sqlite:///{root / 'zhifa.sqlite3'}"
        return {"url": url, "media": root / "media", "root": root, "vendor": vendor}

    yield make
    for name in created:
        server.drop(name)


@pytest.fixture(scope="module")
def backup(make_instance, tmp_path_factory) -> Path:
    """The demo loaded into a source instance and backed up; returns the backup directory."""
    source = make_instance("source")
    loaded = zhifa(source, "demo", "--no-serve")
    assert loaded.returncode == 0, loaded.stderr
    out = tmp_path_factory.mktemp("backups")
    made = zhifa(source, "backup", "--output", str(out))
    assert made.returncode == 0, made.stderr
    (directory,) = out.iterdir()
    assert re.fullmatch(r"zhifa-backup-\d{8}-\d{6}", directory.name)
    return directory


@pytest.fixture
def copied_backup(backup, tmp_path) -> Path:
    """A copy of the module's backup, for a test to tamper with."""
    return Path(shutil.copytree(backup, tmp_path / backup.name))


def manifest_of(directory: Path) -> dict:
    return json.loads((directory / "manifest.json").read_text(encoding="utf-8"))


def assert_nothing_restored(target: dict) -> None:
    """The refused target still has no product table and no file."""
    media_files = [p for p in target["media"].rglob("*") if p.is_file()] if target["media"].exists() else []
    assert media_files == []
    if target["vendor"] == "sqlite":
        path = target["root"] / "zhifa.sqlite3"
        if path.exists():
            with sqlite3.connect(path) as conn:
                assert conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall() == []
    else:
        import psycopg

        with psycopg.connect(target["url"]) as conn:
            assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname='public'").fetchone()[0] == 0


def test_backup_manifest_lists_every_file_with_size_and_sha256(backup):
    manifest = manifest_of(backup)
    listed = {entry["path"] for entry in manifest["files"]}
    on_disk = {p.relative_to(backup).as_posix() for p in backup.rglob("*") if p.is_file()}
    assert on_disk - listed == {"manifest.json"}
    assert manifest["database_vendor"] in ("sqlite", "postgresql")
    assert manifest["product_version"] == "0.1.0"
    assert manifest["counts"]["cases"] > 0 and manifest["counts"]["evidence"] > 0
    assert manifest["chain_heads"] and all(len(head["head_hash"]) == 64 for head in manifest["chain_heads"])
    assert any(path.startswith("evidence-store/evidence/") for path in listed)


def test_restore_drill_into_an_empty_instance(backup, make_instance):
    target = make_instance("restored")

    restored = zhifa(target, "restore", str(backup))

    assert restored.returncode == 0, restored.stdout + restored.stderr
    manifest = manifest_of(backup)
    counts = manifest["counts"]
    assert (
        f"记录链完整：{len([h for h in manifest['chain_heads'] if 'agency_id' in h])} 条链，{counts['records']} 条记录。"
        in restored.stdout
    )
    assert f"证据文件完好：{counts['evidence']} 份证据" in restored.stdout
    assert "通过　记录链头与清单比对" in restored.stdout
    assert "恢复完成，校验全部通过。" in restored.stdout
    # the checks, run again on their own in the restored instance
    records = zhifa(target, "verify-records")
    assert records.returncode == 0 and str(counts["records"]) in records.stdout
    evidence = zhifa(target, "verify-evidence")
    assert evidence.returncode == 0 and f"{counts['evidence']} 份证据" in evidence.stdout
    # a second backup of the restored instance describes the same data and the same chain heads
    again = zhifa(target, "backup", "--output", str(target["root"] / "again"))
    assert again.returncode == 0, again.stderr
    (second,) = (target["root"] / "again").iterdir()
    assert manifest_of(second)["counts"] == counts
    assert manifest_of(second)["chain_heads"] == manifest["chain_heads"]


def test_restore_refuses_a_changed_file(copied_backup, make_instance):
    blob = next(p for p in sorted((copied_backup / "evidence-store").rglob("*")) if p.is_file())
    blob.chmod(0o644)
    data = bytearray(blob.read_bytes())
    data[0] ^= 0xFF  # same size, other content
    blob.write_bytes(bytes(data))
    target = make_instance("tampered")

    refused = zhifa(target, "restore", str(copied_backup))

    assert refused.returncode == 2
    relative = blob.relative_to(copied_backup).as_posix()
    assert refused.stderr.splitlines() == [
        "拒绝恢复：备份与清单不符，未做任何恢复",
        f"  - 文件内容被改动（SHA-256 不符）：{relative}",
    ]
    assert_nothing_restored(target)


def test_restore_refuses_a_missing_and_an_extra_file(copied_backup, make_instance):
    media = sorted(p for p in (copied_backup / "media").rglob("*") if p.is_file())[0]
    media.unlink()
    (copied_backup / "extra.txt").write_text("not in the manifest")
    target = make_instance("incomplete")

    refused = zhifa(target, "restore", str(copied_backup))

    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "拒绝恢复：备份与清单不符，未做任何恢复",
        f"  - 缺少文件：{media.relative_to(copied_backup).as_posix()}",
        "  - 清单之外的文件：extra.txt",
    ]
    assert_nothing_restored(target)


def test_restore_refuses_a_resized_database_dump(copied_backup, make_instance):
    dump = next(p for p in copied_backup.iterdir() if p.name.startswith("database."))
    with open(dump, "ab") as f:
        f.write(b"\0")
    target = make_instance("resized")

    refused = zhifa(target, "restore", str(copied_backup))

    assert refused.returncode == 2
    assert f"  - 文件大小不符：{dump.name}（清单 " in refused.stderr
    assert_nothing_restored(target)


def test_restore_refuses_a_target_with_data_and_changes_nothing(backup, make_instance):
    target = make_instance("occupied")
    assert zhifa(target, "restore", str(backup)).returncode == 0
    kept = target["media"] / "kept.txt"
    kept.write_text("kept")
    counts = manifest_of(backup)["counts"]

    refused = zhifa(target, "restore", str(backup))

    assert refused.returncode == 2
    lines = refused.stderr.splitlines()
    assert lines[0] == "拒绝恢复：目标实例不是空的，未做任何恢复（恢复只能进入空实例）"
    assert f"  - 目标数据库已有数据：执法记录 {counts['records']} 条" in lines
    assert f"  - 目标数据库已有数据：案件 {counts['cases']} 条" in lines
    assert any(line.startswith("  - 目标文件存储不为空：证据存储 ") for line in lines)
    assert kept.read_text() == "kept"
    count = "from zhifa.core.models import Record; print(Record.objects.count())"
    assert zhifa(target, "shell", "-v0", "-c", count).stdout.split() == [str(counts["records"])]


def test_restore_refuses_a_target_with_only_files(backup, make_instance):
    target = make_instance("files_only")
    (target["media"] / "evidence" / "ab").mkdir(parents=True)
    (target["media"] / "evidence" / "ab" / "blob").write_text("kept")

    refused = zhifa(target, "restore", str(backup))

    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "拒绝恢复：目标实例不是空的，未做任何恢复（恢复只能进入空实例）",
        "  - 目标文件存储不为空：证据存储 1 个文件",
    ]
    assert [p.name for p in target["media"].rglob("*") if p.is_file()] == ["blob"]


def test_restore_into_a_migrated_but_empty_instance(backup, make_instance):
    """`zhifa migrate` seeds roles and holidays; such an instance still counts as empty."""
    target = make_instance("migrated")
    assert zhifa(target, "migrate", "-v0").returncode == 0

    restored = zhifa(target, "restore", str(backup))

    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "恢复完成，校验全部通过。" in restored.stdout


def test_backup_directory_is_never_reused(tmp_path):
    """Two backups in the same second get two directories."""
    from zhifa.core.backup.services import _new_directory

    (tmp_path / "zhifa-backup-x").mkdir()
    first = _new_directory(tmp_path)
    first.mkdir()
    second = _new_directory(tmp_path)
    assert second != first and not second.exists()


@pytest.mark.postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("script", "message"),
    [
        (None, "备份失败：未找到 pg_dump：请安装 PostgreSQL {server} 或更高主版本的客户端工具"),
        (
            "pg_dump (PostgreSQL) 9.6.24",
            "备份失败：pg_dump 的主版本（9）低于数据库服务器的主版本（{server}），无法处理",
        ),
    ],
)
def test_backup_refuses_a_missing_or_older_pg_dump(script, message, monkeypatch, tmp_path):
    from django.core.management import call_command
    from django.db import connection

    from zhifa.core.backup import database

    fake = None
    if script:
        fake = tmp_path / "pg_dump"
        fake.write_text(f"#!/bin/sh\necho '{script}'\n")
        fake.chmod(0o755)
    monkeypatch.setattr(database.shutil, "which", lambda name: str(fake) if fake else None)
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("backup", "--output", str(tmp_path / "out"), stderr=err)

    assert exit_.value.code == 1
    server = connection.pg_version // 10000
    assert err.getvalue().startswith(message.format(server=server))
    assert list((tmp_path / "out").iterdir()) == []  # the partial directory is gone


def test_manifest_paths_outside_the_backup_count_as_missing(tmp_path):
    from zhifa.core.backup.manifest import Manifest, mismatches

    (tmp_path / "outside.txt").write_text("x")
    backup = tmp_path / "backup"
    backup.mkdir()
    listed = [
        {"path": p, "size": 1, "sha256": "0" * 64} for p in ("../outside.txt", str(tmp_path / "outside.txt"))
    ]
    manifest = Manifest(created_at="", product_version="", database_vendor="sqlite", files=listed)

    assert mismatches(manifest, backup) == [
        "缺少文件：../outside.txt",
        f"缺少文件：{tmp_path / 'outside.txt'}",
    ]
