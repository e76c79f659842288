"""The evidence store: files kept by the sha256 of their content under
MEDIA_ROOT/evidence/<sha[:2]>/<sha[2:4]>/<sha>, written once, read-only, never changed.

Files are always streamed in 1 MiB blocks (a 2 GB video never sits in memory) and moved into place with
os.replace, so a blob is either absent or complete. Two uploads of the same content share one blob.
"""

import errno
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

BLOCK = 1024 * 1024
READ_ONLY = 0o444
_SHA256 = re.compile(r"[0-9a-f]{64}")


class BlobMissing(FileNotFoundError):
    """No blob is stored under that hash."""


def evidence_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "evidence"


def uploads_root() -> Path:
    """Where the temporary files of upload sessions grow (same file system as the store)."""
    return Path(settings.MEDIA_ROOT) / "uploads"


def blob_path(sha256: str) -> Path:
    if not _SHA256.fullmatch(sha256 or ""):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return evidence_root() / sha256[:2] / sha256[2:4] / sha256


def hash_file(path: Path | str) -> tuple[str, int]:
    """(sha256 hex, size) of a file, read in 1 MiB blocks."""
    digest, size = hashlib.sha256(), 0
    buffer = bytearray(BLOCK)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buffer):
            digest.update(view[:n])
            size += n
    return digest.hexdigest(), size


def exists(sha256: str) -> bool:
    return blob_path(sha256).is_file()


def sync_file(path: Path | str) -> None:
    """Flush a file's bytes to disk (before a name in the store points at them)."""
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def place(tmp_path: Path | str, sha256: str, *, synced: bool = False) -> bool:
    """Move an already hashed temporary file into the store under `sha256`; when that blob exists the
    temporary file is discarded instead. Returns True when a new blob was written. The caller vouches
    for the hash (store_from_path computes it); `synced` when it has already called sync_file."""
    tmp_path, dest = Path(tmp_path), blob_path(sha256)
    if dest.is_file():
        tmp_path.unlink(missing_ok=True)
        return False
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not synced:
        sync_file(tmp_path)
    os.chmod(tmp_path, READ_ONLY)
    try:
        os.replace(tmp_path, dest)
    except OSError as exc:
        if exc.errno != errno.EXDEV:  # MEDIA_ROOT/uploads on another file system than the store
            raise
        _copy_into_place(tmp_path, dest)
        tmp_path.unlink(missing_ok=True)
    _fsync_dir(dest.parent)
    return True


def store_from_path(tmp_path: Path | str) -> tuple[str, int]:
    """Hash a temporary file (streamed) and move it into the store; returns (sha256, size)."""
    sha256, size = hash_file(tmp_path)
    place(tmp_path, sha256)
    return sha256, size


def open_blob(sha256: str) -> BinaryIO:
    try:
        return open(blob_path(sha256), "rb")
    except FileNotFoundError as exc:
        raise BlobMissing(sha256) from exc


def verify_blob(sha256: str) -> bool:
    """Recompute the blob's hash: False when it is missing or its content no longer matches."""
    path = blob_path(sha256)
    if not path.is_file():
        return False
    return hash_file(path)[0] == sha256


def _copy_into_place(src: Path, dest: Path) -> None:
    fd, partial = tempfile.mkstemp(dir=dest.parent, prefix=".partial-")
    try:
        with open(src, "rb") as source, os.fdopen(fd, "wb") as target:
            shutil.copyfileobj(source, target, BLOCK)
            target.flush()
            os.fsync(target.fileno())
        os.chmod(partial, READ_ONLY)
        os.replace(partial, dest)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
