"""Evidence upload (zhifa.cases.evidence.services): a 1 GB video (at scale 1) through the chunked service path.

The file is generated on disk first (an MP4 'ftyp' header, then random 1 MiB blocks — not timed), then
uploaded as the browser does: start_upload, append_chunk in 4 MiB chunks read from the file (a
file-like object, as a request stream is), finish_upload (size check, content sniffing, sha256 of the
whole file, fsync, the Evidence row and its record in one transaction, the move into the store).
Each run changes a few bytes of the file so each stores a new blob; the blob is removed after the run.
Peak RSS growth is ru_maxrss after the runs minus before them: what the upload itself added to the
process's high-water mark (it stays near zero when the file never sits in memory).
"""

import os
import resource
import time
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db.models import Max

from zhifa.cases.choices import CaseStatus
from zhifa.cases.evidence import services as evidence
from zhifa.cases.evidence import storage
from zhifa.cases.models import Case
from zhifa.catalog.choices import VersionStatus
from zhifa.catalog.models import CatalogVersion
from zhifa.core import services as core_services
from zhifa.core.models import Region
from zhifa.core.validators import credit_code_with_check
from zhifa.registry.models import EnforcementField

from . import Context, Row, benchmark

BYTES = 1_000_000_000  # at scale 1
MiB = 1024 * 1024


def _case(ctx: Context) -> Case:
    """A case of its own agency (rows made directly: the upload path only needs the case to exist)."""
    region = Region.objects.get(pk=ctx.agency.region_id)
    agency = core_services.agency_create(
        actor=None,
        name="江州市综合行政执法局（证据上传）",
        short_name="江综执",
        kind="department",
        region=region,
        credit_code=credit_code_with_check(f"11{region.code}{901:09d}"),
    )
    number = (CatalogVersion.objects.filter(agency=agency).aggregate(n=Max("number"))["n"] or 0) + 1
    version = CatalogVersion.objects.create(
        agency=agency, number=number, status=VersionStatus.PUBLISHED, effective_from=date(2026, 1, 1)
    )
    return Case.objects.create(
        agency=agency,
        procedure="ordinary",
        source="inspection",
        status=CaseStatus.INVESTIGATING,
        summary="证据上传基准",
        discovered_on=date(2026, 3, 1),
        place="江州市人民路1号",
        catalog_version=version,
        field=EnforcementField.objects.get(code="market"),
        party_kind="organisation",
        party_name="江州市味美餐饮有限公司",
    )


def _make_file(path: Path, size: int) -> None:
    ftyp = (24).to_bytes(4, "big") + b"ftypisom" + (512).to_bytes(4, "big") + b"isomiso2"
    with open(path, "wb") as f:
        f.write(ftyp + (size - len(ftyp)).to_bytes(4, "big") + b"mdat")
        left = size - f.tell()
        while left > 0:
            block = os.urandom(min(MiB, left))
            f.write(block)
            left -= len(block)


class _Slice:
    """At most `length` bytes of an open file, read on demand — what a request body stream looks like."""

    def __init__(self, f, length: int):
        self.f, self.left = f, length

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        data = self.f.read(size)
        self.left -= len(data)
        return data


def _upload(case: Case, path: Path, size: int) -> tuple[float, float, str]:
    """(seconds for the chunks, seconds for finish, sha256)."""
    data = evidence.UploadInput(name="现场执法记录仪.mp4", size=size, kind="video", step="on_site")
    began = time.perf_counter()
    session = evidence.start_upload(actor=None, case=case, data=data)
    with open(path, "rb") as f:
        for offset in range(0, size, evidence.CHUNK_SIZE):
            length = min(evidence.CHUNK_SIZE, size - offset)
            evidence.append_chunk(actor=None, session_id=session.pk, offset=offset, data=_Slice(f, length))
    chunks_done = time.perf_counter()
    made = evidence.finish_upload(actor=None, session_id=session.pk)
    return chunks_done - began, time.perf_counter() - chunks_done, made.sha256


def _remove_blob(sha256: str) -> None:
    path = storage.blob_path(sha256)
    path.chmod(0o644)
    path.unlink()


@benchmark("cases.upload")
def upload_rate(ctx: Context) -> list[Row]:
    size = max(16 * MiB, round(BYTES * ctx.scale))
    case = _case(ctx)
    work = Path(settings.MEDIA_ROOT).parent / "bench-upload"
    work.mkdir(parents=True, exist_ok=True)
    source = work / "source.mp4"
    _make_file(source, size)
    runs = []
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    try:
        for run in range(ctx.repeats):
            with open(source, "r+b") as f:  # a new blob each run
                f.seek(64)
                f.write(run.to_bytes(8, "big"))
            chunk_s, finish_s, sha256 = _upload(case, source, size)
            runs.append((chunk_s, finish_s))
            _remove_blob(sha256)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    finally:
        source.unlink(missing_ok=True)
        for leftover in storage.uploads_root().glob("*"):
            leftover.unlink()
    mb = size / 1e6
    totals = sorted(c + f for c, f in runs)
    median = totals[len(totals) // 2]
    chunk_median = sorted(c for c, _ in runs)[len(runs) // 2]
    finish_median = sorted(f for _, f in runs)[len(runs) // 2]
    growth = (after - before) / 1024
    what = f"{mb:,.0f} MB video, {evidence.CHUNK_SIZE // MiB} MiB chunks, {len(runs)} runs"
    return [
        Row(
            "cases.upload",
            mb / median,
            "MB/s",
            f"start + chunks + finish; {what}; median {median:.2f} s, best {totals[0]:.2f} s",
        ),
        Row(
            "cases.upload: chunks", mb / chunk_median, "MB/s", "append_chunk: stream into the temporary file"
        ),
        Row(
            "cases.upload: finish",
            mb / finish_median,
            "MB/s",
            "sniff + sha256 of the whole file + fsync + Evidence row + record + move into the store",
        ),
        Row(
            "cases.upload: peak RSS growth",
            growth,
            "MiB",
            f"ru_maxrss after the runs − before ({before / 1024:.0f} → {after / 1024:.0f} MiB) for a {mb:,.0f} MB file",
        ),
    ]
