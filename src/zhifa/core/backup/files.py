"""The files half of a backup: the evidence store's blobs (evidence, and the attachments of complaints and
supervision, all content-addressed, cases.evidence.storage) and the default storage's files (FileFields:
ledger attachments, training certificates). Both are read and written through Django's storage API, so a
file system and an S3-compatible store are backed up the same way.

Left out on purpose: MEDIA_ROOT/uploads (half-finished upload sessions) and exports/ (background-job
downloads, which expire and are made again on demand)."""

import shutil
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, storages

from zhifa.cases.evidence import storage as evidence_storage

EVIDENCE = "evidence-store"  # the backup's folder for the evidence store
MEDIA = "media"  # the backup's folder for the default storage
SKIPPED_TOP = {evidence_storage.PREFIX, "uploads", "exports"}


def _stores() -> dict[str, tuple[Storage, str]]:
    """The backup folder -> (storage, the folder walked in it)."""
    return {EVIDENCE: (evidence_storage.store(), evidence_storage.PREFIX), MEDIA: (storages["default"], "")}


def _walk(store: Storage, top: str) -> Iterator[str]:
    try:
        folders, files = store.listdir(top)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{top}/{name}" if top else name
    for folder in sorted(folders):
        if top or folder not in SKIPPED_TOP:
            yield from _walk(store, f"{top}/{folder}" if top else folder)


def stored_names() -> Iterator[tuple[str, Storage, str]]:
    """(backup folder, storage, name) of every file to back up."""
    for folder, (store, top) in _stores().items():
        for name in _walk(store, top):
            yield folder, store, name


def copy_out(directory: Path) -> list[Path]:
    """Copy every stored file into directory/<folder>/<name>; returns the written paths."""
    written = []
    for folder, store, name in stored_names():
        path = directory / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with store.open(name, "rb") as source, open(path, "wb") as target:
            shutil.copyfileobj(source, target, evidence_storage.BLOCK)
        written.append(path)
    return written


def files_in_target() -> dict[str, int]:
    """How many files each store already holds, by label (empty when both are empty)."""
    found: dict[str, int] = {}
    for folder, _store, _name in stored_names():
        label = "证据存储" if folder == EVIDENCE else "附件存储"
        found[label] = found.get(label, 0) + 1
    return found


def copy_in(directory: Path, paths: list[str]) -> int:
    """Put each backed-up file (paths relative to the backup) back into its storage; returns the count."""
    stores = _stores()
    count = 0
    for relative in paths:
        folder, _, name = relative.partition("/")
        if folder not in stores:
            continue
        store = stores[folder][0]
        with open(directory / relative, "rb") as source:
            saved = store.save(name, File(source, name=Path(name).name))
        if saved != name:
            raise FileExistsError(f"存储中已有同名文件：{name}")
        count += 1
    return count
