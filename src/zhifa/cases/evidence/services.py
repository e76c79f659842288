"""证据: files recorded at a step of a case — photos, audio, video, documents, electronic data.

An upload is a session: `start_upload` (what the officer declares: name, size, kind, step, where and
when), `append_chunk` at the offset received so far (≤ 8 MiB each, streamed to MEDIA_ROOT/uploads/<id>),
then `finish_upload`, which checks the size, sniffs the content against the declared kind, hashes the
file, and — in one transaction — creates the Evidence row, appends the "case.evidence" record with the
hash and moves the file into the content-addressed store (cases.evidence.storage). Any refusal removes the
session and its temporary file: nothing is half-written. `upload_file` does the same in one call for a
small file (the form without JavaScript).

`verify_case_evidence` recomputes the hashes of a case's files and compares them with the Evidence rows
and with the record log; `verify-evidence` runs it over every case.
"""

import json
import re
import shutil
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import puremagic
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from zhifa.catalog.choices import ProcedureStep
from zhifa.core import access, kit
from zhifa.core.models import Record

from .. import rules
from ..choices import CaseStatus, EvidenceKind
from ..documents.kinds import DocumentKind
from ..documents.requirements import SCAN_KINDS
from ..models import Case, Evidence, UploadSession
from . import limits, storage

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None

HANDLE = "cases.handle_case"
VIEW = "cases.view_evidence"
ACTION = "case.evidence"
ACT = "上传证据"  # 收集信息: 事务性 work an assistant does with a named officer (seed 000 §10)
MiB = 1024 * 1024
CHUNK_SIZE = 4 * MiB  # what the browser sends
CHUNK_MAX = 8 * MiB  # the most one chunk may carry
ONE_SHOT_MAX = 20 * MiB  # the form without JavaScript
SNIFF_BYTES = 64 * 1024
STALE_AFTER = timedelta(hours=24)
DEFAULT_MAX_BYTES = 2 * 1024 * MiB
DEFAULT_MAX_OPEN_UPLOADS = 20
DISK_MARGIN = 64 * MiB
GONE = "上传会话不存在或已结束，请重新上传"
_COORD = Decimal("0.000001")


def max_bytes() -> int:
    """The largest evidence file (settings.ZHIFA_EVIDENCE_MAX_BYTES, default 2 GiB)."""
    return int(getattr(settings, "ZHIFA_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_open_uploads() -> int:
    return int(getattr(settings, "ZHIFA_EVIDENCE_MAX_OPEN_UPLOADS", DEFAULT_MAX_OPEN_UPLOADS))


# ---- what the uploader declares -------------------------------------------------------------------


@dataclass(frozen=True)
class UploadInput:
    name: str
    size: int
    kind: str
    step: str
    media_type: str = ""
    description: str = ""
    captured_at: datetime | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    signed_document: str = ""  # the 文书 kind this file is the signed scan of


def parse_upload_input(data: Mapping, *, name: str | None = None, size: int | None = None) -> UploadInput:
    """An UploadInput from form or JSON values (strings); every unparseable value is reported at once,
    keyed by its field."""
    errors: dict[str, str] = {}

    def number(key: str, label: str):
        raw = data.get(key)
        if raw in (None, ""):
            return None
        try:
            return Decimal(str(raw).strip())
        except InvalidOperation:
            errors[key] = f"{label}格式不正确"
            return None

    raw_size = data.get("size") if size is None else size
    try:
        size_value = int(raw_size)
    except (TypeError, ValueError):
        errors["size"] = "文件大小格式不正确"
        size_value = 0
    captured_at = data.get("captured_at") or None
    if isinstance(captured_at, str):
        try:
            parsed = parse_datetime(captured_at.strip())
        except ValueError:
            parsed = None
        if parsed is None:
            errors["captured_at"] = "采集时间格式不正确"
        captured_at = parsed
    latitude, longitude = number("latitude", "纬度"), number("longitude", "经度")
    if errors:
        raise ValidationError(errors)
    return UploadInput(
        name=str(data.get("name", "") if name is None else name),
        size=size_value,
        kind=str(data.get("kind", "")),
        step=str(data.get("step", "")),
        media_type=str(data.get("media_type", "") or ""),
        description=str(data.get("description", "") or ""),
        captured_at=captured_at,
        latitude=latitude,
        longitude=longitude,
        signed_document=str(data.get("signed_document", "") or ""),
    )


def clean_name(name: str, kind: str = "") -> str:
    """The file's own name (no directories, no control characters), at most 255 characters."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if not name:
        name = f"{kind or 'evidence'}-upload"
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem[: 254 - len(ext)]}.{ext}" if dot and len(ext) <= 16 else name[:255]
    return name


def _coordinate(value, low: int, high: int, label: str, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        value = Decimal(str(value))
    except InvalidOperation:
        kit.refuse(field, f"{label}格式不正确")
    if not value.is_finite() or not low <= value <= high:
        kit.refuse(field, f"{label}应在{low}至{high}之间")
    return value.quantize(_COORD)


def _validated(data: UploadInput) -> dict:
    """The session fields for `data`, or a ValidationError naming the first bad field."""
    if data.kind not in EvidenceKind.values:
        kit.refuse("kind", f"请选择证据类型（{'、'.join(EvidenceKind.labels)}）")
    if data.step not in ProcedureStep.values:
        kit.refuse("step", "请选择执法环节")
    if data.size <= 0:
        kit.refuse("file", "文件为空，不能作为证据上传")
    if data.size > max_bytes():
        kit.refuse("file", f"文件大小{filesizeformat(data.size)}超过上限{filesizeformat(max_bytes())}")
    limits.check_size(data.kind, data.size, max_bytes())
    media_type = (data.media_type or "").strip().lower()[:128]
    if media_type and not _declared_type_fits(data.kind, media_type):
        kit.refuse("kind", f"所选文件的类型（{media_type}）与证据类型“{EvidenceKind(data.kind).label}”不符")
    if data.signed_document and data.signed_document not in DocumentKind.values:
        kit.refuse("signed_document", "未知的文书种类")
    if data.signed_document and data.kind not in SCAN_KINDS:
        kit.refuse("signed_document", "签字文书扫描件须为照片或书证（扫描的PDF、图片）")
    description = (data.description or "").strip()
    if len(description) > 500:
        kit.refuse("description", "说明不能超过500字")
    captured_at = data.captured_at
    if captured_at is not None:
        if timezone.is_naive(captured_at):
            captured_at = timezone.make_aware(captured_at)
        if captured_at > timezone.now() + timedelta(minutes=10):
            kit.refuse("captured_at", "采集时间不能晚于当前时间")
    latitude = _coordinate(data.latitude, -90, 90, "纬度", "latitude")
    longitude = _coordinate(data.longitude, -180, 180, "经度", "longitude")
    if (latitude is None) != (longitude is None):
        kit.refuse("latitude" if latitude is None else "longitude", "经度和纬度须同时提供")
    return {
        "name": clean_name(data.name, data.kind),
        "size": data.size,
        "media_type": media_type,
        "kind": data.kind,
        "step": data.step,
        "description": description,
        "captured_at": captured_at,
        "latitude": latitude,
        "longitude": longitude,
        "signed_document": data.signed_document,
    }


# ---- what the content is ---------------------------------------------------------------------------

OFFICE_TYPES = {
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.ms-works",
    "application/rtf",
    "application/ofd",
    "application/x-ofd",
    "application/vnd.ofd",
}
OFFICE_PREFIXES = ("application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument.")
DOCUMENT_EXTENSIONS = {
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "wps",
    "et",
    "dps",
    "odt",
    "ods",
    "odp",
    "ofd",
    "pdf",
    "rtf",
}
# containers that phones and browsers also use for sound alone
AUDIO_CONTAINERS = {"video/mp4", "video/3gpp", "video/3gpp2", "video/webm", "video/ogg", "application/ogg"}
# puremagic names some formats by extension only
EXTENSION_TYPES = {
    ".m4a": "audio/mp4",
    ".f4a": "audio/mp4",
    ".amr": "audio/amr",
    ".oga": "audio/ogg",
    ".ogg": "audio/ogg",
    ".ogv": "video/ogg",
    ".3gp": "video/3gpp",
    ".3ga": "audio/3gpp",
    ".dib": "image/bmp",
    ".jfif": "image/jpeg",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
}
ALIASES = {
    "audio/wave": "audio/wav",
    "audio/x-wav": "audio/wav",
    "audio/vnd.wave": "audio/wav",
    "image/x-ms-bmp": "image/bmp",
    "video/avi": "video/x-msvideo",
    "application/x-matroska": "video/x-matroska",
    "image/jpg": "image/jpeg",
}
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"}
_AUDIO_MP4_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A "}
PAPERS = (EvidenceKind.DOCUMENT, EvidenceKind.WAIVER)  # a written paper: PDF, office file or a scan
TYPE_WORDS = {"image": "图片", "video": "视频", "audio": "音频", "text": "文本"}


def _iso_media(head: bytes) -> str:
    """The ISO base media family (MP4, MOV, 3GP, M4A, HEIC) by its ftyp brand — what phone cameras write."""
    if len(head) < 12 or head[4:8] != b"ftyp":
        return ""
    brand = head[8:12]
    if brand in _AUDIO_MP4_BRANDS:
        return "audio/mp4"
    if brand.startswith((b"3gp", b"3gg")):
        return "video/3gpp"
    if brand.startswith(b"3g2"):
        return "video/3gpp2"
    if brand == b"qt  ":
        return "video/quicktime"
    if brand in _HEIF_BRANDS:
        return "image/heic"
    if brand in {b"mif1", b"msf1"}:
        return "image/heif"
    if brand in {b"avif", b"avis"}:
        return "image/avif"
    return "video/mp4"


_OOXML = {
    b"word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    b"xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    b"ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_ODF = re.compile(rb"mimetype(application/vnd\.oasis\.opendocument\.[a-z.-]+)")


def _zip_media(head: bytes) -> str:
    """Zip-based documents by what their first entries name (puremagic ranks every zip as OOXML)."""
    if not head.startswith(b"PK\x03\x04"):
        return ""
    if odf := _ODF.search(head[:200]):
        return odf.group(1).decode()
    if b"[Content_Types].xml" in head:
        for marker, media_type in _OOXML.items():
            if marker in head:
                return media_type
    if b"OFD.xml" in head:
        return "application/ofd"
    return "application/zip"


def _mpeg_ts(head: bytes) -> str:
    return "video/mp2t" if len(head) > 376 and head[0] == head[188] == head[376] == 0x47 else ""


def detect(head: bytes) -> list[str]:
    """Candidate media types of content starting with `head`, equally likely, best first (may be empty).
    Only puremagic's most confident matches count: a WAV file also matches the generic RIFF signature
    of AVI, at lower confidence, and must not pass for a video."""
    own = [t for t in (_iso_media(head), _zip_media(head), _mpeg_ts(head)) if t]
    if own:
        return own
    try:
        matches = puremagic.magic_string(head) if head else []
    except (puremagic.PureError, ValueError):
        matches = []
    typed = []
    for match in matches:
        media_type = (match.mime_type or EXTENSION_TYPES.get((match.extension or "").lower(), "")).lower()
        if media_type:
            typed.append((match.confidence, ALIASES.get(media_type, media_type)))
    best = max((confidence for confidence, _ in typed), default=0)
    found = []
    for confidence, media_type in typed:
        if confidence >= best - 0.05 and media_type not in found:
            found.append(media_type)
    return found


def _extension(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def _stored_type(kind: str, media_type: str, name: str) -> str:
    """The media type to record when content of `media_type` is acceptable as `kind`, else ""."""
    major = media_type.partition("/")[0]
    if kind == EvidenceKind.PHOTO:
        return media_type if major == "image" and media_type != "image/svg+xml" else ""
    if kind == EvidenceKind.VIDEO:
        return media_type if major == "video" else ""
    if kind == EvidenceKind.AUDIO:
        if major == "audio":
            return media_type
        if media_type in AUDIO_CONTAINERS:
            return "audio/" + media_type.partition("/")[2]
        return ""
    if kind in PAPERS:
        if (
            media_type == "application/pdf"
            or media_type in OFFICE_TYPES
            or media_type.startswith(OFFICE_PREFIXES)
            or (major == "image" and media_type != "image/svg+xml")
        ):
            return media_type
        if media_type == "application/zip" and _extension(name) in DOCUMENT_EXTENSIONS:
            return media_type  # OOXML and OFD are zip files whose first entry may not tell
        return ""
    return media_type  # edata: whatever it is


def _declared_type_fits(kind: str, media_type: str) -> bool:
    """A browser-declared type (file.type) that plainly contradicts the kind is refused at the start;
    the content itself is checked at the end."""
    if kind == EvidenceKind.EDATA or media_type in {"application/octet-stream", "binary/octet-stream"}:
        return True
    major = media_type.partition("/")[0]
    if kind == EvidenceKind.AUDIO:
        return major == "audio" or media_type in AUDIO_CONTAINERS
    if kind in PAPERS:
        return major in {"application", "image"}
    return major == {EvidenceKind.PHOTO: "image", EvidenceKind.VIDEO: "video"}[kind]


def _describe(media_type: str) -> str:
    word = TYPE_WORDS.get(media_type.partition("/")[0])
    if media_type == "application/pdf":
        word = "PDF文档"
    return f"{word}（{media_type}）" if word else media_type


def sniff(head: bytes, kind: str, name: str = "") -> str:
    """The media type of the content for evidence of `kind`; refuses when the content is not of that
    kind (declared a video, but the bytes are a PNG picture)."""
    candidates = detect(head)
    for media_type in candidates:
        if stored := _stored_type(kind, media_type, name):
            return stored
    if kind == EvidenceKind.EDATA:
        return "application/octet-stream"
    label = EvidenceKind(kind).label
    found = f"是{_describe(candidates[0])}" if candidates else "无法识别为任何已知格式"
    kit.refuse("file", f"文件内容{found}，与声明的证据类型“{label}”不符，请检查所选文件或证据类型")


# ---- sessions --------------------------------------------------------------------------------------


def _temp(session: UploadSession) -> Path:
    return Path(settings.MEDIA_ROOT) / session.temp_path


def _check_case(actor, case: Case, kind: str, supervisor=None) -> dict:
    """Permission first (another agency's case is a 404), then the case's own state, then who uploads:
    a certified officer of the case's field, or anyone else assisting a named one (`supervisor`;
    rules.require_assisted). A waiver of 陈述、申辩 and 听证 exists only once 告知 has given those
    rights. Returns what the record notes of the supervisor."""
    access.require(actor, HANDLE, case)
    if case.status == CaseStatus.ARCHIVED:
        kit.refuse("case", "案件已归档，不能再添加证据")
    if kind == EvidenceKind.WAIVER and case.notified_on is None:
        kit.refuse("kind", f"本案尚未事先告知，不能登记“{EvidenceKind.WAIVER.label}”")
    return rules.require_assisted(actor, case, act=ACT, on=timezone.localdate(), supervisor=supervisor)


def _owner_matches(actor, session: UploadSession) -> bool:
    return session.uploader_id == (actor.pk if actor is not None else None)


def get_session(actor, session_id) -> UploadSession:
    """The actor's own unfinished-or-finished session; 404 for anyone else's, or for none."""
    try:
        session = UploadSession.objects.select_related("case", "evidence").get(pk=session_id)
    except (UploadSession.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404(GONE) from exc
    access.require(actor, VIEW, session.case)  # another agency's upload: 404
    if not _owner_matches(actor, session):
        raise Http404(GONE)
    return session


def discard(session: UploadSession) -> None:
    """Remove an unfinished session and its temporary file."""
    _temp(session).unlink(missing_ok=True)
    UploadSession.objects.filter(pk=session.pk, finished=False).delete()


def discard_stale_uploads(*, older_than: timedelta = STALE_AFTER, uploader=None) -> int:
    """Drop sessions abandoned for longer than `older_than` (finished ones too: their file has moved)."""
    stale = UploadSession.objects.filter(created_at__lt=timezone.now() - older_than)
    if uploader is not None:
        stale = stale.filter(uploader=uploader)
    count = 0
    for session in stale:
        _temp(session).unlink(missing_ok=True)
        session.delete()
        count += 1
    return count


def start_upload(*, actor, case: Case, data: UploadInput, supervisor=None) -> UploadSession:
    """Open an upload session on `case` for the file the officer describes (`supervisor`: the officer
    an uploader not certified assists, kept on the session); nothing is recorded yet."""
    case = Case.objects.select_related("agency").get(pk=case.pk)  # its status now, not when it was read
    _check_case(actor, case, data.kind, supervisor)
    fields = _validated(data)
    limits.check_count(case)
    signed = fields["captured_at"]
    if data.kind == EvidenceKind.WAIVER and signed and timezone.localdate(signed) < case.notified_on:
        kit.refuse("captured_at", f"书面声明的签署时间不能早于告知日期（{case.notified_on:%Y-%m-%d}）")
    if actor is not None:
        discard_stale_uploads(uploader=actor)
        open_count = UploadSession.objects.filter(uploader=actor, finished=False).count()
        if open_count >= max_open_uploads():
            kit.refuse("file", f"您有{open_count}个未完成的上传，请先完成或取消后再上传")
    root = storage.uploads_root()
    root.mkdir(parents=True, exist_ok=True)
    free = _free_bytes(root)
    if free is not None and free < data.size + DISK_MARGIN:
        kit.refuse("file", "服务器存储空间不足，暂时无法接收该文件，请联系系统管理员")
    session = UploadSession(case=case, uploader=actor, supervisor=supervisor, received=0, **fields)
    session.temp_path = f"uploads/{session.id}"
    with open(_temp(session), "xb"):
        pass
    try:
        session.save(force_insert=True)
    except BaseException:
        _temp(session).unlink(missing_ok=True)
        raise
    return session


def _free_bytes(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:  # pragma: no cover
        return None


@contextmanager
def _locked(session: UploadSession):
    """The session's temporary file opened for writing, under an exclusive lock (so two requests for the
    same session — a retried chunk, a finish racing a chunk — take turns), with the session re-read."""
    try:
        f = open(_temp(session), "r+b", buffering=0)  # noqa: SIM115 - closed by the with below
    except FileNotFoundError as exc:
        raise Http404(GONE) from exc
    with f:
        if fcntl is not None:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        fresh = UploadSession.objects.select_related("case", "evidence").filter(pk=session.pk).first()
        if fresh is None:
            raise Http404(GONE)
        yield f, fresh


def _blocks(data) -> Iterator[bytes]:
    """1 MiB blocks from bytes, a file-like object (a request, an open file) or an iterable of bytes
    (UploadedFile.chunks())."""
    if isinstance(data, bytes | bytearray | memoryview):
        yield data
    elif hasattr(data, "read"):
        while block := data.read(storage.BLOCK):
            yield block
    else:
        yield from data


def _write(f, session: UploadSession, offset: int, data, limit: int) -> int:
    if offset != session.received:
        kit.refuse("offset", f"分片位置不正确：应从第{session.received}字节继续，收到的是第{offset}字节")
    f.seek(offset)
    f.truncate(offset)  # bytes of an earlier write that was never counted
    written = 0
    for block in _blocks(data):
        written += memoryview(block).nbytes
        if written > limit:
            kit.refuse("chunk", f"单次上传的数据不能超过{filesizeformat(limit)}")
        if offset + written > session.size:
            kit.refuse("chunk", f"上传的数据超过了声明的文件大小（{session.size}字节）")
        view = memoryview(block)
        while view:
            view = view[f.write(view) :]
    if written == 0:
        kit.refuse("chunk", "分片为空")
    return written


def append_chunk(*, actor, session_id, offset: int, data, limit: int = CHUNK_MAX) -> UploadSession:
    """Append one chunk (≤ 8 MiB) at `offset`, which must be the number of bytes received so far.
    `data`: bytes, a file-like object read in 1 MiB blocks, or an iterable of bytes."""
    session = get_session(actor, session_id)
    if session.finished:
        kit.refuse("offset", "该文件已上传完成")
    with _locked(session) as (f, session):
        if session.finished:  # finished while this request waited for the lock: the file is in the store
            kit.refuse("offset", "该文件已上传完成")
        try:
            _check_case(actor, session.case, session.kind, session.supervisor)
            written = _write(f, session, offset, data, limit)
            moved = UploadSession.objects.filter(pk=session.pk, received=offset, finished=False).update(
                received=offset + written
            )
            if not moved:  # pragma: no cover - the lock makes this unreachable
                raise Http404(GONE)
        except (ValidationError, PermissionDenied, Http404):
            discard(session)
            raise
        except BaseException:
            f.truncate(offset)  # the client may resend this chunk
            raise
    session.received = offset + written
    return session


def finish_upload(*, actor, session_id) -> Evidence:
    """Complete the upload: the whole declared size arrived, the content is of the declared kind; the
    file is hashed and stored, the Evidence row created and the record appended, all or nothing.
    Calling it again for a finished session returns the same evidence."""
    session = get_session(actor, session_id)
    if session.finished and session.evidence_id:
        return session.evidence
    with _locked(session) as (f, session):
        if session.finished and session.evidence_id:
            return session.evidence
        try:
            _check_case(actor, session.case, session.kind, session.supervisor)
            if session.received == 0:
                kit.refuse("file", "文件为空，不能作为证据上传")
            if session.received != session.size:
                kit.refuse("file", f"文件未传完整：声明{session.size}字节，实际收到{session.received}字节")
            f.truncate(session.received)
            f.seek(0)
            media_type = sniff(f.read(SNIFF_BYTES), session.kind, session.name)
            sha256, size = storage.hash_file(_temp(session))
            if size != session.size:  # pragma: no cover - truncate above keeps them equal
                kit.refuse("file", f"文件大小不符：声明{session.size}字节，实际{size}字节")
            storage.sync_file(_temp(session))  # outside the transaction: it may take a while
            evidence = _record(actor, session, sha256, size, media_type)
        except (ValidationError, PermissionDenied, Http404):
            discard(session)
            raise
    return evidence


@transaction.atomic
def _record(actor, session: UploadSession, sha256: str, size: int, media_type: str) -> Evidence:
    case = Case.objects.select_for_update(of=("self",)).select_related("agency").get(pk=session.case_id)
    assisted = _check_case(actor, case, session.kind, session.supervisor)
    limits.check_count(case)  # again under the case's lock: uploads finishing together count each other
    evidence = Evidence.objects.create(
        case=case,
        step=session.step,
        kind=session.kind,
        sha256=sha256,
        size=size,
        media_type=media_type,
        original_name=session.name,
        description=session.description,
        captured_at=session.captured_at,
        latitude=session.latitude,
        longitude=session.longitude,
        signed_document=session.signed_document,
        uploaded_by=actor,
    )
    kit.record(
        case,
        ACTION,
        actor=actor,
        payload={
            "evidence": evidence.pk,
            "sha256": sha256,
            "size": size,
            "media_type": media_type,
            "name": session.name,
            "step": session.step,
            "kind": session.kind,
            "lat": session.latitude,
            "lng": session.longitude,
            "captured_at": session.captured_at,
            **({"signed_document": session.signed_document} if session.signed_document else {}),
            **assisted,
        },
    )
    UploadSession.objects.filter(pk=session.pk).update(finished=True, evidence=evidence)
    storage.place(_temp(session), sha256, synced=True)  # last: if it fails, the rows roll back
    return evidence


@transaction.atomic
def evidence_adopt(*, actor, case: Case, source: Evidence, note: str) -> Evidence:
    """Evidence received with a 案件移送 (collaboration.transfers): a new row of `case` for the file the
    sender recorded, with the same hash — the stored file is content-addressed, so it is not copied. The
    file is re-hashed first: a stored file that no longer matches is refused. Recorded on the case's
    chain like an upload, with where it came from."""
    access.require(actor, HANDLE, case)
    if not storage.verify_blob(source.sha256):
        kit.refuse("evidence", f"证据“{source.original_name}”的文件与其哈希值不符，不能接收")
    evidence = Evidence.objects.create(
        case=case,
        step=source.step,
        kind=source.kind,
        sha256=source.sha256,
        size=source.size,
        media_type=source.media_type,
        original_name=source.original_name,
        description=(f"{note}：{source.description}" if source.description else note)[:500],
        captured_at=source.captured_at,
        latitude=source.latitude,
        longitude=source.longitude,
        uploaded_by=actor,
    )
    kit.record(
        case,
        ACTION,
        actor=actor,
        payload={
            "evidence": evidence.pk,
            "sha256": source.sha256,
            "size": source.size,
            "media_type": source.media_type,
            "name": source.original_name,
            "step": source.step,
            "kind": source.kind,
            "adopted_from": source.pk,
            "note": note,
        },
    )
    return evidence


def cancel_upload(*, actor, session_id) -> None:
    session = get_session(actor, session_id)
    if session.finished:
        return
    with _locked(session) as (_f, session):
        discard(session)


def upload_file(
    *, actor, case: Case, data: UploadInput, chunks: Iterable[bytes], supervisor=None
) -> Evidence:
    """The one-shot path for a small file (≤ 20 MiB): the same session, one append, the same finish.
    `chunks` is read block by block (UploadedFile.chunks()), never as a whole."""
    if data.size > ONE_SHOT_MAX:
        kit.refuse("file", f"文件超过{filesizeformat(ONE_SHOT_MAX)}，请使用分片上传（需启用浏览器脚本）")
    session = start_upload(actor=actor, case=case, data=data, supervisor=supervisor)
    append_chunk(actor=actor, session_id=session.pk, offset=0, data=chunks, limit=ONE_SHOT_MAX)
    return finish_upload(actor=actor, session_id=session.pk)


# ---- reading and verifying -------------------------------------------------------------------------


def evidence_of(case: Case):
    return case.evidence.select_related("uploaded_by").order_by("created_at", "id")


def required_steps(case: Case) -> set[str]:
    """Steps the case's catalogue items mark for audio-video recording (音像记录事项)."""
    return {step for item in case.items.all() for step in item.av_steps or []}


def av_status(case: Case, rows=None) -> list[dict]:
    """Each step needing audio-video recording, with whether an audio or video file is there for it."""
    required = required_steps(case)
    rows = evidence_of(case) if rows is None else rows
    recorded = {row.step for row in rows if row.is_audio_video}
    return [
        {"step": value, "label": label, "done": value in recorded}
        for value, label in ProcedureStep.choices
        if value in required
    ]


def panel_context(case: Case, user=None, *, rehash: bool = False) -> dict:
    """What cases/evidence_panel.html shows beyond `case`: the rows with their uploader, the audio-video
    requirements of the catalogue and whether each is met, the problems of the files (presence, size
    and records; with `rehash` their hashes too), and whether `user` may upload here."""
    rows = list(evidence_of(case))
    for row in rows:
        row.case = case  # check_evidence reads row.case without another query
    can_upload = user is not None and case.status != CaseStatus.ARCHIVED and access.can(user, HANDLE, case)
    return {
        "evidence_rows": rows,
        "evidence_av": av_status(case, rows),
        "evidence_problems": check_evidence(rows, rehash=rehash),
        "evidence_can_upload": can_upload,
    }


@dataclass(frozen=True)
class EvidenceProblem:
    """An evidence file that is missing, altered, or no longer matches what the record log holds."""

    evidence_id: int
    case_id: int
    case_label: str
    name: str
    sha256: str
    reason: str

    def __str__(self) -> str:
        return f"证据 id={self.evidence_id}（案件 {self.case_label}，{self.name}，SHA-256 {self.sha256[:16]}…）：{self.reason}"


def _recorded(case_ids) -> tuple[dict[int, tuple[str, int]], set[tuple[str, int]]]:
    """(sha256, size) of each evidence as the record log holds it, by evidence id, and all of them."""
    by_id, loose = {}, set()
    rows = Record.objects.filter(
        subject_type=Case._meta.label_lower, subject_id__in=[str(pk) for pk in case_ids], action=ACTION
    ).values_list("payload", flat=True)
    for payload in rows.iterator():
        data = json.loads(payload)
        pair = (data.get("sha256"), data.get("size"))
        loose.add(pair)
        if isinstance(data.get("evidence"), int):
            by_id[data["evidence"]] = pair
    return by_id, loose


def check_evidence(
    evidence_rows, *, rehash: bool = True, hashed: dict | None = None
) -> list[EvidenceProblem]:
    """Problems of `evidence_rows` (Evidence with their case): the file must exist with the recorded
    size, hash to its sha256 (with `rehash`; each blob read once, results kept in `hashed`), and the row
    must agree with its "case.evidence" record."""
    rows = list(evidence_rows)
    hashed = {} if hashed is None else hashed
    by_id, loose = _recorded({row.case_id for row in rows})
    problems = []
    for row in rows:
        reason = _problem(row, by_id, loose, rehash, hashed)
        if reason:
            problems.append(
                EvidenceProblem(
                    evidence_id=row.pk,
                    case_id=row.case_id,
                    case_label=row.case.number or f"id={row.case_id}",
                    name=row.original_name,
                    sha256=row.sha256,
                    reason=reason,
                )
            )
    return problems


def _problem(row: Evidence, by_id, loose, rehash: bool, hashed: dict) -> str:
    try:
        stored_size = storage.blob_size(row.sha256)
    except ValueError:
        return "登记的SHA-256格式不正确（登记信息被改动）"
    recorded = by_id.get(row.pk)
    if (recorded is not None and recorded != (row.sha256, row.size)) or (
        recorded is None and (row.sha256, row.size) not in loose
    ):
        return "证据登记信息与执法记录中的哈希不符（登记信息被改动）"
    if stored_size is None:
        return "证据文件缺失"
    if stored_size != row.size:
        return "证据文件大小与登记不符（文件被改动）"
    if rehash:
        if row.sha256 not in hashed:
            hashed[row.sha256] = storage.verify_blob(row.sha256)
        if not hashed[row.sha256]:
            return "证据文件内容与登记的SHA-256不符（文件被改动）"
    return ""


def verify_case_evidence(case: Case, *, rehash: bool = True) -> list[EvidenceProblem]:
    """Every evidence file of `case` checked against its row and its record; [] when all are intact.
    rehash=False checks presence, size and records only (cheap enough for every page view)."""
    return check_evidence(case.evidence.select_related("case").order_by("id"), rehash=rehash)
