"""The evidence store: files kept by the sha256 of their content under the name
evidence/<sha[:2]>/<sha[2:4]>/<sha> in the "evidence" storage (settings.STORAGES: the file system under
MEDIA_ROOT by default, an S3-compatible object store by configuration — docs/deploy.md), written once,
read-only, never changed. Everything outside this module reaches a blob through its hash, never a path.

Files are always streamed in 1 MiB blocks (a 2 GB video never sits in memory). On the file system a blob is
moved into place with os.replace, so it is either absent or complete; an object store writes an object
whole by itself. Two uploads of the same content share one blob.

Upload sessions grow their temporary files on the local file system (uploads_root(), MEDIA_ROOT/uploads):
with several web machines that directory is shared, or one user's requests go to one machine (deploy.md).
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
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages

BLOCK = 1024 * 1024
READ_ONLY = 0o444
PREFIX = "evidence"
_SHA256 = re.compile(r"[0-9a-f]{64}")


class BlobMissing(FileNotFoundError):
    """No blob is stored under that hash."""


def store() -> Storage:
    """The storage the blobs live in (STORAGES["evidence"], else the default storage)."""
    return storages["evidence"] if "evidence" in storages.backends else storages["default"]


def _local(target: Storage) -> bool:
    return isinstance(target, FileSystemStorage)


def evidence_root() -> Path:
    """Where the blobs are on a file-system store."""
    return blob_path("0" * 64).parent.parent.parent


def uploads_root() -> Path:
    """Where the temporary files of upload sessions grow (the local file system)."""
    return Path(settings.MEDIA_ROOT) / "uploads"


def blob_name(sha256: str) -> str:
    """The blob's name in the store; ValueError for anything but a sha256 hex digest."""
    if not _SHA256.fullmatch(sha256 or ""):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return f"{PREFIX}/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def blob_path(sha256: str) -> Path:
    """The blob's file on a file-system store (tests, benchmarks, operators' tools); other stores have none
    (NotImplementedError)."""
    target = store()
    if not _local(target):
        raise NotImplementedError("该证据存储不是本地文件系统")
    return Path(target.path(blob_name(sha256)))


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
    return store().exists(blob_name(sha256))


def blob_size(sha256: str) -> int | None:
    """The stored blob's size in bytes; None when it is missing."""
    target, name = store(), blob_name(sha256)
    if not _local(target) and not target.exists(name):  # object stores answer "no such key" their own way
        return None
    try:
        return target.size(name)
    except FileNotFoundError:
        return None


def sync_file(path: Path | str) -> None:
    """Flush a file's bytes to disk (before a name in the store points at them)."""
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def place(tmp_path: Path | str, sha256: str, *, synced: bool = False) -> bool:
    """Move an already hashed temporary file into the store under `sha256`; when that blob exists the
    temporary file is discarded instead. Returns True when a new blob was written. The caller vouches
    for the hash (store_from_path computes it); `synced` when it has already called sync_file."""
    tmp_path, target, name = Path(tmp_path), store(), blob_name(sha256)
    if target.exists(name):
        tmp_path.unlink(missing_ok=True)
        return False
    if not _local(target):
        with open(tmp_path, "rb") as f:
            saved = target.save(name, File(f, name=sha256))
        if saved != name:  # a concurrent upload of the same content won the name: keep one copy
            target.delete(saved)
        tmp_path.unlink(missing_ok=True)
        return True
    dest = Path(target.path(name))
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
    """The blob opened for reading (a file-like object; close it, or hand it to a FileResponse)."""
    target, name = store(), blob_name(sha256)
    if not _local(target) and not target.exists(name):  # object stores may fail only at the first read
        raise BlobMissing(sha256)
    try:
        return target.open(name, "rb")  # type: ignore[return-value]
    except FileNotFoundError as exc:
        raise BlobMissing(sha256) from exc


def verify_blob(sha256: str) -> bool:
    """Recompute the blob's hash: False when it is missing or its content no longer matches."""
    if _local(store()):  # unbuffered block reads: several times faster than through a File
        path = blob_path(sha256)
        return path.is_file() and hash_file(path)[0] == sha256
    try:
        blob = open_blob(sha256)
    except BlobMissing:
        return False
    digest = hashlib.sha256()
    with blob:
        while block := blob.read(BLOCK):
            digest.update(block)
    return digest.hexdigest() == sha256


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
