"""backup_create and backup_restore: the order of the steps, and every refusal before anything is written."""

import io
import shutil
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from zhifa.core.backup import database, files
from zhifa.core.backup.manifest import Manifest, mismatches


class BackupRefused(Exception):
    """A backup or restore that did not happen; `problems` are the reasons, in Chinese."""

    def __init__(self, title: str, problems: list[str]):
        super().__init__(title)
        self.title, self.problems = title, problems


@dataclass(frozen=True)
class BackupMade:
    directory: Path
    manifest: Manifest
    manifest_sha256: str


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    output: str


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    files: int
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)


def _product_version() -> str:
    try:
        return version("zhifa")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        return "unknown"


def _new_directory(output: Path) -> Path:
    """A new timestamped directory under `output`; an existing one is never reused."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        name = f"zhifa-backup-{stamp}" + (f"-{n}" if n > 1 else "")
        if not (output / name).exists() and not (output / f".{name}.partial").exists():
            return output / name
    raise BackupRefused("无法创建备份目录", [f"{output} 下同一时刻的备份目录过多"])


def backup_create(*, output: Path) -> BackupMade:
    """Dump the database, copy the stored files, write the manifest. The work happens in a hidden
    .partial directory renamed at the end, so a failed run never looks like a backup."""
    output.mkdir(parents=True, exist_ok=True)
    final = _new_directory(output)
    work = output / f".{final.name}.partial"
    work.mkdir()
    try:
        dump_file, heads, counts = database.dump(work)
        manifest = Manifest(
            created_at=timezone.now().isoformat(),
            product_version=_product_version(),
            database_vendor=connection.vendor,
            chain_heads=heads,
            counts=counts,
        )
        for path in [dump_file, *files.copy_out(work)]:
            manifest.add(work, path)
        digest = manifest.write(work)
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return BackupMade(final, manifest, digest)


def backup_restore(*, directory: Path) -> Restored:
    """Check the backup against its manifest and the target for emptiness; only then restore the database
    and the files, and run the record and evidence verifications on the result."""
    try:
        manifest = Manifest.read(directory)
    except (OSError, ValueError, TypeError) as exc:
        raise BackupRefused("备份清单无法读取，未做任何恢复", [f"{directory}/manifest.json：{exc}"]) from exc
    problems = mismatches(manifest, directory)
    if problems:
        raise BackupRefused("备份与清单不符，未做任何恢复", problems)
    occupied = [f"目标数据库已有数据：{label} {n} 条" for label, n in database.data_in_target().items()]
    occupied += [f"目标文件存储不为空：{label} {n} 个文件" for label, n in files.files_in_target().items()]
    if occupied:
        raise BackupRefused("目标实例不是空的，未做任何恢复（恢复只能进入空实例）", occupied)
    dump_file = next(directory / e["path"] for e in manifest.files if "/" not in e["path"])
    try:
        database.check_tools(dump_file)
    except database.DatabaseToolError as exc:
        raise BackupRefused("无法恢复数据库，未做任何恢复", [str(exc)]) from exc
    database.restore(dump_file)
    count = files.copy_in(directory, [e["path"] for e in manifest.files])
    return Restored(manifest, count, _checks(manifest))


def _checks(manifest: Manifest) -> list[Check]:
    checks = [
        _command("执法记录链校验", "verify-records"),
        _command("证据文件校验", "verify-evidence"),
        _command("安全审计链校验", "verify-audit"),
    ]
    with connection.cursor() as cursor:
        heads, counts = database.facts(cursor)
    same_heads = heads == manifest.chain_heads
    checks.append(
        Check(
            "记录链头与清单比对",
            same_heads,
            f"{len(heads)} 条链的链头" + ("一致" if same_heads else "与清单不一致"),
        )
    )
    same_counts = counts == manifest.counts
    shown = "，".join(f"{database.COUNT_LABELS[k]} {v}" for k, v in counts.items())
    checks.append(
        Check("数量与清单比对", same_counts, shown + ("（一致）" if same_counts else "（与清单不一致）"))
    )
    return checks


def _command(name: str, command: str) -> Check:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, stdout=out, stderr=err)
        ok = True
    except SystemExit as exc:
        ok = not exc.code
    return Check(name, ok, (out.getvalue() + err.getvalue()).strip())
