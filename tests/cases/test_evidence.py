"""证据: chunked uploads stored by sha256 and recorded in the case's chain; every bad upload refused with
its reason and nothing half-written; another agency sees nothing; the files are never altered, and a
tampered one is detected."""

import hashlib
import io
import json
import os
import struct
import tracemalloc
import zipfile
import zlib
from datetime import datetime
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from tests.cases.conftest import ON, intake
from tests.helpers import paperwork
from tests.tamper import tamper
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services
from zhifa.cases.choices import CaseStatus, HandlerRole
from zhifa.cases.evidence import services as evidence
from zhifa.cases.evidence import storage
from zhifa.cases.models import Case, Evidence, UploadSession
from zhifa.cases.models.evidence import EvidenceChangeError
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024


# ---- content with real magic bytes -----------------------------------------------------------------


def png_bytes(padding: int = 0) -> bytes:
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    ihdr = struct.pack(">I", 13) + b"IHDR" + header + struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return b"\x89PNG\r\n\x1a\n" + ihdr + os.urandom(padding)


def mp4_bytes(size: int = 4096) -> bytes:
    ftyp = struct.pack(">I", 24) + b"ftypisom" + struct.pack(">I", 512) + b"isomiso2"
    body = os.urandom(max(0, size - len(ftyp) - 8))
    return ftyp + struct.pack(">I", len(body) + 8) + b"mdat" + body


def wav_bytes(size: int = 4096) -> bytes:
    data = os.urandom(max(0, size - 44))
    fmt = struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
    return (
        b"RIFF"
        + struct.pack("<I", 36 + len(data))
        + b"WAVEfmt "
        + fmt
        + b"data"
        + struct.pack("<I", len(data))
        + data
    )


def zip_bytes(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def av_case(agencies, catalogue, handler_user, leader, officers):
    """A registered case on SCJG-QZ-001, whose catalogue entry needs video of 查封扣押 and 现场检查."""
    case = services.case_intake(
        actor=handler_user, agency=agencies["east_market"], data=intake(codes=("SCJG-QZ-001",))
    )
    services.case_assign(
        actor=handler_user,
        case=case,
        handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)],
    )
    return services.case_register(actor=leader, case=case, on=ON)


@pytest.fixture
def head(agencies, make_user):
    """机关负责人: sees the case and its evidence, but does not handle it (no cases.handle_case)."""
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def colleague(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.OFFICER, username="east_colleague")


def start(actor, case, content: bytes | None = None, *, size=None, kind="photo", step="evidence", **extra):
    data = evidence.UploadInput(
        name=extra.pop("name", f"{kind}.bin"),
        size=len(content) if size is None else size,
        kind=kind,
        step=step,
        **extra,
    )
    return evidence.start_upload(actor=actor, case=case, data=data)


def upload(actor, case, content: bytes, *, chunk: int = 3000, **kwargs) -> Evidence:
    session = start(actor, case, content, **kwargs)
    for offset in range(0, len(content), chunk):
        evidence.append_chunk(
            actor=actor, session_id=session.pk, offset=offset, data=content[offset : offset + chunk]
        )
    return evidence.finish_upload(actor=actor, session_id=session.pk)


def evidence_records(case):
    return Record.objects.for_subject(case).filter(action="case.evidence")


def blobs(media) -> list:
    root = media / "evidence"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def temp_files(media) -> list:
    root = media / "uploads"
    return list(root.iterdir()) if root.exists() else []


def assert_nothing_written(case, media):
    assert not Evidence.objects.filter(case=case).exists()
    assert not evidence_records(case).exists()
    assert not UploadSession.objects.exists()
    assert temp_files(media) == [] and blobs(media) == []


# ---- the happy path ---------------------------------------------------------------------------------


class TestChunkedUpload:
    @pytest.mark.parametrize(
        ("kind", "content", "media_type"),
        [
            ("photo", png_bytes(5000), "image/png"),
            ("video", mp4_bytes(10000), "video/mp4"),
            ("audio", wav_bytes(7000), "audio/wav"),
            ("document", b"%PDF-1.4\n" + os.urandom(3000), "application/pdf"),
            (
                "document",
                zip_bytes("[Content_Types].xml", "word/document.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            ("edata", os.urandom(2000), None),
        ],
    )
    def test_stored_by_sha256_and_recorded(self, registered, handler_user, media, kind, content, media_type):
        made = upload(handler_user, registered, content, kind=kind, name=f"现场/{kind}.dat")
        assert (made.sha256, made.size, made.kind, made.original_name) == (
            sha(content),
            len(content),
            kind,
            f"{kind}.dat",
        )
        if media_type:
            assert made.media_type == media_type
        path = storage.blob_path(made.sha256)
        assert path == media / "evidence" / made.sha256[:2] / made.sha256[2:4] / made.sha256
        assert path.read_bytes() == content and not path.stat().st_mode & 0o222  # read-only
        record = evidence_records(registered).get()
        payload = json.loads(record.payload)
        assert payload["sha256"] == made.sha256 and payload["size"] == len(content)
        assert payload["evidence"] == made.pk and payload["kind"] == kind and record.actor == handler_user
        assert temp_files(media) == [] and storage.verify_blob(made.sha256)

    def test_position_and_capture_time_are_kept(self, registered, handler_user):
        taken = timezone.make_aware(datetime(2026, 3, 2, 9, 30))
        made = upload(
            handler_user,
            registered,
            png_bytes(100),
            captured_at=taken,
            latitude=Decimal("31.2304161"),
            longitude="121.473701",
            description="现场货架照片",
        )
        made.refresh_from_db()
        assert (made.latitude, made.longitude) == (Decimal("31.230416"), Decimal("121.473701"))
        assert made.captured_at == taken and made.description == "现场货架照片"
        payload = json.loads(evidence_records(registered).get().payload)
        assert (payload["lat"], payload["lng"]) == ("31.230416", "121.473701")
        assert parse_datetime(payload["captured_at"]) == taken

    def test_recorded_video_lets_the_case_go_to_review(self, av_case, handler_user):
        upload(handler_user, av_case, png_bytes(100), kind="photo", step="seizure")  # a photo is not enough
        av_case = paperwork(av_case, "submit-review")
        with pytest.raises(ValidationError, match="音像记录"):
            services.case_submit_for_review(actor=handler_user, case=av_case, report="调查终结")
        upload(handler_user, av_case, mp4_bytes(), kind="video", step="seizure")
        upload(handler_user, av_case, wav_bytes(), kind="audio", step="on_site")
        case = services.case_submit_for_review(actor=handler_user, case=av_case, report="调查终结")
        assert case.status == CaseStatus.REVIEWING

    def test_same_content_twice_is_one_blob_and_two_evidence(self, registered, handler_user, media):
        content = mp4_bytes()
        first = upload(handler_user, registered, content, kind="video", step="on_site")
        second = upload(handler_user, registered, content, kind="video", step="seizure")
        assert first.pk != second.pk and first.sha256 == second.sha256
        assert blobs(media) == [storage.blob_path(first.sha256)]
        assert evidence_records(registered).count() == 2 and temp_files(media) == []

    def test_finishing_twice_returns_the_same_evidence(self, registered, handler_user):
        content = png_bytes(10)
        session = start(handler_user, registered, content)
        evidence.append_chunk(actor=handler_user, session_id=session.pk, offset=0, data=content)
        made = evidence.finish_upload(actor=handler_user, session_id=session.pk)
        assert evidence.finish_upload(actor=handler_user, session_id=session.pk) == made
        assert Evidence.objects.count() == 1 and evidence_records(registered).count() == 1

    def test_cancel_removes_the_session(self, registered, handler_user, media):
        session = start(handler_user, registered, size=100)
        evidence.append_chunk(actor=handler_user, session_id=session.pk, offset=0, data=png_bytes(20))
        evidence.cancel_upload(actor=handler_user, session_id=session.pk)
        assert_nothing_written(registered, media)

    def test_one_shot_upload_reads_chunks(self, registered, handler_user):
        content = png_bytes(3 * MiB)
        upload_file = SimpleUploadedFile("p.png", content, content_type="image/png")
        data = evidence.UploadInput(name="p.png", size=len(content), kind="photo", step="evidence")
        made = evidence.upload_file(
            actor=handler_user, case=registered, data=data, chunks=upload_file.chunks(MiB)
        )
        assert made.sha256 == sha(content)


# ---- bad input --------------------------------------------------------------------------------------


class TestRefusals:
    def refused(self, match, fn, *args, **kwargs):
        with pytest.raises(ValidationError, match=match) as exc:
            fn(*args, **kwargs)
        return exc.value

    def test_wrong_offset(self, registered, handler_user, media):
        session = start(handler_user, registered, size=1000)
        evidence.append_chunk(actor=handler_user, session_id=session.pk, offset=0, data=png_bytes(100))
        self.refused(
            "应从第133字节继续",
            evidence.append_chunk,
            actor=handler_user,
            session_id=session.pk,
            offset=500,
            data=b"x" * 10,
        )
        assert_nothing_written(registered, media)
        with pytest.raises(Http404):  # the session is gone
            evidence.append_chunk(actor=handler_user, session_id=session.pk, offset=133, data=b"x")

    def test_oversize_declared(self, registered, handler_user, media, settings):
        settings.ZHIFA_EVIDENCE_MAX_BYTES = 10_000
        error = self.refused("超过上限", start, handler_user, registered, size=10_001)
        assert "file" in error.message_dict
        assert_nothing_written(registered, media)

    def test_more_bytes_than_declared(self, registered, handler_user, media):
        session = start(handler_user, registered, size=100)
        self.refused(
            "超过了声明的文件大小",
            evidence.append_chunk,
            actor=handler_user,
            session_id=session.pk,
            offset=0,
            data=png_bytes(200),
        )
        assert_nothing_written(registered, media)

    def test_chunk_above_8_mib(self, registered, handler_user, media):
        session = start(handler_user, registered, size=20 * MiB)
        self.refused(
            "单次上传的数据不能超过",
            evidence.append_chunk,
            actor=handler_user,
            session_id=session.pk,
            offset=0,
            data=io.BytesIO(png_bytes(8 * MiB)),
        )
        assert_nothing_written(registered, media)

    def test_empty_file(self, registered, handler_user, media):
        self.refused("文件为空", start, handler_user, registered, size=0)
        data = evidence.UploadInput(name="empty.png", size=0, kind="photo", step="evidence")
        self.refused(
            "文件为空", evidence.upload_file, actor=handler_user, case=registered, data=data, chunks=[]
        )
        assert_nothing_written(registered, media)

    def test_size_mismatch_at_finish(self, registered, handler_user, media):
        session = start(handler_user, registered, size=1000)
        evidence.append_chunk(actor=handler_user, session_id=session.pk, offset=0, data=png_bytes(400))
        self.refused(
            "声明1000字节，实际收到433字节", evidence.finish_upload, actor=handler_user, session_id=session.pk
        )
        assert_nothing_written(registered, media)

    @pytest.mark.parametrize(
        ("kind", "content", "reason"),
        [
            ("video", png_bytes(500), "文件内容是图片（image/png），与声明的证据类型“视频”不符"),
            ("photo", mp4_bytes(), "与声明的证据类型“照片”不符"),
            ("audio", png_bytes(500), "与声明的证据类型“录音”不符"),
            ("document", b"just some text " * 20, "无法识别为任何已知格式"),
            ("video", wav_bytes(), "与声明的证据类型“视频”不符"),  # RIFF is also AVI's signature
            ("document", zip_bytes("notes.txt"), "application/zip，与声明的证据类型“书证”不符"),
        ],
    )
    def test_content_not_of_the_declared_kind(self, registered, handler_user, media, kind, content, reason):
        self.refused(reason, upload, handler_user, registered, content, kind=kind)
        assert_nothing_written(registered, media)

    def test_declared_type_contradicting_the_kind(self, registered, handler_user, media):
        self.refused(
            "与证据类型“视频”不符",
            start,
            handler_user,
            registered,
            size=10,
            kind="video",
            media_type="image/png",
        )
        assert_nothing_written(registered, media)

    @pytest.mark.parametrize(
        ("extra", "field", "reason"),
        [
            ({"latitude": "91", "longitude": "120"}, "latitude", "纬度应在-90至90之间"),
            ({"latitude": "30", "longitude": "-181"}, "longitude", "经度应在-180至180之间"),
            ({"latitude": "30"}, "longitude", "须同时提供"),
            ({"kind": "selfie"}, "kind", "请选择证据类型"),
            ({"step": "lunch"}, "step", "请选择执法环节"),
            ({"description": "长" * 501}, "description", "不能超过500字"),
        ],
    )
    def test_bad_declarations(self, registered, handler_user, media, extra, field, reason):
        error = self.refused(reason, start, handler_user, registered, size=100, **extra)
        assert field in error.message_dict
        assert_nothing_written(registered, media)

    def test_parse_reports_unparseable_values(self):
        with pytest.raises(ValidationError) as exc:
            evidence.parse_upload_input(
                {
                    "size": "abc",
                    "latitude": "北纬",
                    "captured_at": "昨天",
                    "kind": "photo",
                    "step": "evidence",
                }
            )
        assert set(exc.value.message_dict) == {"size", "latitude", "captured_at"}

    def test_archived_case_takes_no_evidence(self, registered, handler_user, media):
        session = start(handler_user, registered, size=50)
        evidence.append_chunk(actor=handler_user, session_id=session.pk, offset=0, data=png_bytes(17))
        Case.objects.filter(pk=registered.pk).update(status=CaseStatus.ARCHIVED)
        self.refused("案件已归档", evidence.finish_upload, actor=handler_user, session_id=session.pk)
        self.refused("案件已归档", start, handler_user, registered, size=10)
        assert_nothing_written(registered, media)

    def test_refused_finish_leaves_an_earlier_blob_alone(self, registered, handler_user, media):
        kept = upload(handler_user, registered, png_bytes(50))
        self.refused("不符", upload, handler_user, registered, png_bytes(60), kind="video")
        assert blobs(media) == [storage.blob_path(kept.sha256)] and Evidence.objects.count() == 1


# ---- who may ------------------------------------------------------------------------------------------


class TestAccessInServices:
    def test_another_agency_gets_404(self, registered, handler_user, other_officer, media):
        with pytest.raises(Http404):
            start(other_officer, registered, size=10)
        session = start(handler_user, registered, size=50)
        for call in (
            lambda: evidence.append_chunk(actor=other_officer, session_id=session.pk, offset=0, data=b"x"),
            lambda: evidence.finish_upload(actor=other_officer, session_id=session.pk),
            lambda: evidence.get_session(other_officer, session.pk),
        ):
            with pytest.raises(Http404):
                call()
        assert UploadSession.objects.get().received == 0

    def test_another_officers_session_is_not_mine(self, registered, handler_user, colleague):
        session = start(handler_user, registered, size=50)
        with pytest.raises(Http404):
            evidence.append_chunk(actor=colleague, session_id=session.pk, offset=0, data=b"x")

    def test_without_handle_case_403(self, registered, head, media):
        with pytest.raises(PermissionDenied):
            start(head, registered, size=10)
        assert_nothing_written(registered, media)


class TestImmutable:
    def test_evidence_rows_cannot_change_or_go(self, registered, handler_user):
        made = upload(handler_user, registered, png_bytes(10))
        made.description = "改过"
        with pytest.raises(EvidenceChangeError):
            made.save()
        with pytest.raises(EvidenceChangeError):
            made.delete()
        assert Evidence.objects.get().description == ""


# ---- tampering ---------------------------------------------------------------------------------------


class TestTampering:
    def flip_a_byte(self, sha256: str) -> None:
        path = storage.blob_path(sha256)
        path.chmod(0o644)
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))

    def test_intact(self, registered, handler_user, capsys):
        upload(handler_user, registered, png_bytes(100))
        assert evidence.verify_case_evidence(registered) == []
        call_command("verify-evidence")
        assert "证据文件完好：1 份证据" in capsys.readouterr().out

    def test_altered_file_is_detected(self, registered, handler_user, capsys):
        kept = upload(handler_user, registered, png_bytes(100))
        altered = upload(handler_user, registered, mp4_bytes(), kind="video", step="on_site")
        self.flip_a_byte(altered.sha256)
        problems = evidence.verify_case_evidence(registered)
        assert [p.evidence_id for p in problems] == [altered.pk] and "被改动" in problems[0].reason
        assert (
            evidence.verify_case_evidence(registered, rehash=False) == []
        )  # same size: only a rehash sees it
        with pytest.raises(SystemExit) as exit_:
            call_command("verify-evidence")
        assert exit_.value.code == 1
        err = capsys.readouterr().err
        assert f"证据 id={altered.pk}" in err and f"证据 id={kept.pk}" not in err
        call_command("verify-evidence", case=registered.pk + 1000)  # another case: nothing to check

    def test_missing_file_is_detected(self, registered, handler_user, capsys):
        made = upload(handler_user, registered, png_bytes(100))
        storage.blob_path(made.sha256).unlink()
        problems = evidence.verify_case_evidence(registered, rehash=False)
        assert problems[0].evidence_id == made.pk and problems[0].reason == "证据文件缺失"
        with pytest.raises(SystemExit):
            call_command("verify-evidence")
        assert f"证据 id={made.pk}" in capsys.readouterr().err

    def test_row_rewritten_to_a_substituted_file_is_detected(self, registered, handler_user):
        """Replacing the file and rewriting the row's hash behind the model's back: the record log still
        holds the original hash."""
        made = upload(handler_user, registered, png_bytes(100))
        forged = png_bytes(100)
        path = storage.blob_path(sha(forged))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(forged)
        tamper("UPDATE cases_evidence SET sha256 = %s WHERE id = %s", [sha(forged), made.pk])
        problems = evidence.verify_case_evidence(registered)
        assert problems and "执法记录" in problems[0].reason


# ---- memory -----------------------------------------------------------------------------------------


class _Slice:
    """At most `length` bytes of an open file, read on demand (what a request stream looks like)."""

    def __init__(self, f, length: int):
        self.f, self.left = f, length

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        data = self.f.read(size)
        self.left -= len(data)
        return data


def test_a_20_mib_upload_never_sits_in_memory(registered, handler_user, tmp_path):
    source = tmp_path / "video.mp4"
    digest = hashlib.sha256()
    with open(source, "wb") as f:
        head = mp4_bytes(MiB)
        f.write(head)
        digest.update(head)
        for _ in range(19):
            block = os.urandom(MiB)
            f.write(block)
            digest.update(block)
    size = source.stat().st_size
    session = start(handler_user, registered, size=size, kind="video", step="on_site")
    tracemalloc.start()
    try:
        with open(source, "rb") as f:
            for offset in range(0, size, evidence.CHUNK_SIZE):
                f.seek(offset)
                evidence.append_chunk(
                    actor=handler_user,
                    session_id=session.pk,
                    offset=offset,
                    data=_Slice(f, min(evidence.CHUNK_SIZE, size - offset)),
                )
        made = evidence.finish_upload(actor=handler_user, session_id=session.pk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert made.sha256 == digest.hexdigest() and made.size == 20 * MiB
    print(f"peak Python allocation {peak / MiB:.2f} MiB for a 20 MiB upload")
    assert peak < 4 * MiB, f"peak Python allocation {peak / MiB:.1f} MiB for a 20 MiB upload"


# ---- pages ------------------------------------------------------------------------------------------


def html(response) -> str:
    return response.content.decode()


class TestPages:
    def test_upload_page_works_on_a_phone(self, client, av_case, handler_user):
        client.force_login(handler_user)
        body = html(client.get(f"/cases/{av_case.pk}/evidence/new/"))
        assert 'accept="image/*,video/*,audio/*" capture="environment"' in body
        assert 'enctype="multipart/form-data"' in body and "zhifa/evidence-upload.js" in body
        assert "查封、扣押（须音像记录）" in body and 'name="latitude"' in body
        assert f'data-start-url="/cases/{av_case.pk}/evidence/uploads/"' in body

    def test_chunked_upload_through_the_json_endpoints(self, client, registered, handler_user):
        client.force_login(handler_user)
        content = mp4_bytes(5 * MiB + 123)  # chunks above Django's 2.5 MB body limit: streamed, not .body
        response = client.post(
            f"/cases/{registered.pk}/evidence/uploads/",
            {
                "name": "现场.mp4",
                "size": len(content),
                "kind": "video",
                "step": "on_site",
                "latitude": "31.2",
                "longitude": "121.4",
            },
        )
        assert response.status_code == 201
        session = response.json()
        offset = 0
        while offset < len(content):
            chunk = content[offset : offset + evidence.CHUNK_SIZE]
            response = client.put(
                f"{session['chunk_url']}?offset={offset}", chunk, content_type="application/octet-stream"
            )
            assert response.status_code == 200, response.content
            offset = response.json()["received"]
        assert client.get(session["status_url"]).json()["received"] == len(content)
        response = client.post(session["finish_url"], {"next": f"/cases/{registered.pk}/"})
        assert response.status_code == 201
        result = response.json()
        assert result["sha256"] == sha(content) and result["redirect"] == f"/cases/{registered.pk}/"
        made = Evidence.objects.get()
        assert made.latitude == Decimal("31.200000") and made.media_type == "video/mp4"

    def test_json_refusal_is_422_with_the_reason(self, client, registered, handler_user, media):
        client.force_login(handler_user)
        content = png_bytes(300)
        session = client.post(
            f"/cases/{registered.pk}/evidence/uploads/",
            {"name": "a.mp4", "size": len(content), "kind": "video", "step": "on_site"},
        ).json()
        client.put(f"{session['chunk_url']}?offset=0", content, content_type="application/octet-stream")
        response = client.post(session["finish_url"])
        assert response.status_code == 422
        assert "与声明的证据类型“视频”不符" in response.json()["detail"][0]["msg"]
        response = client.put(
            f"{session['chunk_url']}?offset=x", b"x", content_type="application/octet-stream"
        )
        assert response.status_code == 422
        assert_nothing_written(registered, media)

    def test_one_shot_upload_without_javascript(self, client, registered, handler_user):
        client.force_login(handler_user)
        content = png_bytes(1000)
        response = client.post(
            f"/cases/{registered.pk}/evidence/new/",
            {
                "file": SimpleUploadedFile("货架.png", content, content_type="image/png"),
                "kind": "photo",
                "step": "on_site",
                "description": "货架",
                "captured_at": "2026-03-02T09:30",
                "next": f"/cases/{registered.pk}/",
            },
        )
        assert response.status_code == 302 and response["Location"] == f"/cases/{registered.pk}/"
        made = Evidence.objects.get()
        assert (made.sha256, made.media_type, made.original_name) == (sha(content), "image/png", "货架.png")
        assert made.captured_at == timezone.make_aware(datetime(2026, 3, 2, 9, 30))

    def test_one_shot_refusals_show_on_the_page(self, client, registered, handler_user, media, monkeypatch):
        client.force_login(handler_user)
        url = f"/cases/{registered.pk}/evidence/new/"
        form = {"kind": "video", "step": "on_site"}
        body = html(
            client.post(url, {**form, "file": SimpleUploadedFile("a.mp4", png_bytes(100), "video/mp4")})
        )
        assert "与声明的证据类型“视频”不符" in body
        body = html(
            client.post(url, {**form, "file": SimpleUploadedFile("a.png", png_bytes(100), "image/png")})
        )
        assert "所选文件的类型（image/png）与证据类型“视频”不符" in body
        body = html(client.post(url, {**form, "file": SimpleUploadedFile("a.mp4", b"")}))
        assert "文件为空" in body
        assert "请拍摄或选择要上传的文件" in html(client.post(url, form))
        monkeypatch.setattr(evidence, "ONE_SHOT_MAX", 1000)
        body = html(client.post(url, {**form, "file": SimpleUploadedFile("a.mp4", mp4_bytes(5000))}))
        assert "请在启用脚本的浏览器中上传" in body
        assert_nothing_written(registered, media)

    def test_panel_and_download(self, client, registered, handler_user):
        content = png_bytes(100)
        made = upload(
            handler_user, registered, content, name="货架.png", latitude="31.230416", longitude="121.473701"
        )
        client.force_login(handler_user)
        body = html(client.get(f"/cases/{registered.pk}/evidence/"))
        assert 'data-testid="evidence-panel"' in body and made.sha256[:12] in body
        assert "31.230416, 121.473701" in body and "照片" in body and "调查取证" in body
        assert f"/cases/evidence/{made.pk}/download/" in body
        response = client.get(f"/cases/evidence/{made.pk}/download/")
        assert response.status_code == 200 and b"".join(response.streaming_content) == content
        assert response["X-Evidence-SHA256"] == made.sha256 and response["Content-Type"] == "image/png"
        assert "attachment" in response["Content-Disposition"]

    def test_panel_on_the_case_page(self, client, av_case, handler_user):
        upload(handler_user, av_case, mp4_bytes(), kind="video", step="seizure")
        client.force_login(handler_user)
        body = html(client.get(f"/cases/{av_case.pk}/"))
        assert 'data-testid="evidence-panel"' in body and f"/cases/{av_case.pk}/evidence/new/" in body

    def test_missing_file_download_is_404(self, client, registered, handler_user):
        made = upload(handler_user, registered, png_bytes(10))
        storage.blob_path(made.sha256).unlink()
        client.force_login(handler_user)
        assert client.get(f"/cases/evidence/{made.pk}/download/").status_code == 404


def _urls(case, made, session):
    return {
        "get": [
            f"/cases/{case.pk}/evidence/",
            f"/cases/{case.pk}/evidence/new/",
            f"/cases/evidence/{made.pk}/download/",
            f"/cases/evidence/uploads/{session.pk}/",
            f"/api/cases/{case.pk}/evidence",
            f"/api/cases/evidence/{made.pk}/download",
            f"/api/cases/uploads/{session.pk}",
        ],
        "post": [
            f"/cases/{case.pk}/evidence/new/",
            f"/cases/{case.pk}/evidence/uploads/",
            f"/cases/evidence/uploads/{session.pk}/finish/",
            f"/api/cases/uploads/{session.pk}/finish",
        ],
        "put": [
            f"/cases/evidence/uploads/{session.pk}/?offset=0",
            f"/api/cases/uploads/{session.pk}?offset=0",
        ],
    }


class TestPageAccess:
    def test_another_agency_gets_404_everywhere(self, client, registered, handler_user, other_officer):
        made = upload(handler_user, registered, png_bytes(10))
        session = start(handler_user, registered, size=100)
        client.force_login(other_officer)
        urls = _urls(registered, made, session)
        for url in urls["get"]:
            assert client.get(url).status_code == 404, url
        for url in urls["post"]:
            assert (
                client.post(url, {"name": "x", "size": 1, "kind": "photo", "step": "evidence"}).status_code
                == 404
            ), url
        for url in urls["put"]:
            assert client.put(url, b"x", content_type="application/octet-stream").status_code == 404, url
        response = client.post(
            f"/api/cases/{registered.pk}/uploads",
            {"name": "x", "size": 1, "kind": "photo", "step": "evidence"},
            content_type="application/json",
        )
        assert response.status_code == 404
        assert UploadSession.objects.get(finished=False).received == 0 and Evidence.objects.count() == 1

    def test_without_handle_case_403_but_may_look(self, client, registered, handler_user, head):
        made = upload(handler_user, registered, png_bytes(10))
        client.force_login(head)
        assert client.get(f"/cases/{registered.pk}/evidence/new/").status_code == 403
        form = {"name": "x.png", "size": 10, "kind": "photo", "step": "evidence"}
        assert client.post(f"/cases/{registered.pk}/evidence/uploads/", form).status_code == 403
        response = client.post(f"/api/cases/{registered.pk}/uploads", form, content_type="application/json")
        assert response.status_code == 403
        body = html(client.get(f"/cases/{registered.pk}/evidence/"))
        assert made.sha256[:12] in body and "evidence-upload-link" not in body
        assert client.get(f"/cases/evidence/{made.pk}/download/").status_code == 200
        assert client.get(f"/api/cases/{registered.pk}/evidence").status_code == 200
        assert not UploadSession.objects.filter(finished=False).exists()

    def test_signed_out(self, client, registered):
        assert client.post(f"/cases/{registered.pk}/evidence/uploads/").status_code == 401
        assert client.get(f"/cases/{registered.pk}/evidence/new/").status_code == 302


# ---- API --------------------------------------------------------------------------------------------


class TestApi:
    def test_chunked_upload(self, client, av_case, handler_user):
        client.force_login(handler_user)
        content = mp4_bytes(9 * MiB)
        response = client.post(
            f"/api/cases/{av_case.pk}/uploads",
            {
                "name": "扣押.mp4",
                "size": len(content),
                "kind": "video",
                "step": "seizure",
                "latitude": 31.2,
                "longitude": 121.4,
            },
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        session = response.json()
        assert session["received"] == 0 and session["chunk_size"] == evidence.CHUNK_SIZE
        url = f"/api/cases/uploads/{session['id']}"
        for offset in range(0, len(content), evidence.CHUNK_MAX):
            response = client.put(
                f"{url}?offset={offset}",
                content[offset : offset + evidence.CHUNK_MAX],
                content_type="application/octet-stream",
            )
            assert response.status_code == 200, response.content
        assert client.get(url).json()["received"] == len(content)
        response = client.post(f"{url}/finish")
        assert response.status_code == 201
        made = response.json()
        assert (
            made["sha256"] == sha(content) and made["media_type"] == "video/mp4" and made["latitude"] == 31.2
        )
        listed = client.get(f"/api/cases/{av_case.pk}/evidence").json()
        assert [e["id"] for e in listed] == [made["id"]]
        download = client.get(f"/api/cases/evidence/{made['id']}/download")
        assert (
            download.status_code == 200
            and hashlib.sha256(b"".join(download.streaming_content)).hexdigest() == made["sha256"]
        )

    def test_refusals_are_422_in_chinese(self, client, registered, handler_user, media):
        client.force_login(handler_user)
        response = client.post(
            f"/api/cases/{registered.pk}/uploads",
            {"name": "a", "size": 10, "kind": "photo", "step": "evidence", "latitude": 100, "longitude": 1},
            content_type="application/json",
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["msg"] == "纬度应在-90至90之间"
        session = client.post(
            f"/api/cases/{registered.pk}/uploads",
            {"name": "a.mp4", "size": 600, "kind": "video", "step": "evidence"},
            content_type="application/json",
        ).json()
        url = f"/api/cases/uploads/{session['id']}"
        response = client.put(f"{url}?offset=7", b"x", content_type="application/octet-stream")
        assert response.status_code == 422 and "应从第0字节继续" in response.json()["detail"][0]["msg"]
        assert client.get(url).status_code == 404
        assert_nothing_written(registered, media)

    def test_cancel(self, client, registered, handler_user, media):
        client.force_login(handler_user)
        session = client.post(
            f"/api/cases/{registered.pk}/uploads",
            {"name": "a.png", "size": 600, "kind": "photo", "step": "evidence"},
            content_type="application/json",
        ).json()
        assert client.delete(f"/api/cases/uploads/{session['id']}").status_code == 204
        assert_nothing_written(registered, media)


# ---- concurrency --------------------------------------------------------------------------------------


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_racing_finishes_make_one_evidence(registered, handler_user, media):
    from tests.concurrency import run_in_processes

    content = mp4_bytes(2 * MiB)
    session = start(handler_user, registered, content, kind="video", step="on_site")
    evidence.append_chunk(actor=handler_user, session_id=session.pk, offset=0, data=content)
    results = run_in_processes(_finish, [(str(session.pk), handler_user.pk)] * 2)
    assert results[0] == results[1] == Evidence.objects.get().pk
    assert evidence_records(registered).count() == 1 and temp_files(media) == []


def _finish(session_id, user_pk):
    from zhifa.accounts.models import User

    return evidence.finish_upload(actor=User.objects.get(pk=user_pk), session_id=session_id).pk


# ---- in a phone browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def phone_browser():
    """Headless Chromium as tests/e2e launches it, for this module only: closed before tests/e2e opens
    its own (Playwright's sync API allows one at a time in a process)."""
    from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS

    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found; install Debian's chromium package to run the e2e tests"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true: e2e tests must not be skipped)", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import Error, sync_playwright

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # as in tests/e2e/conftest.py
        try:
            manager = sync_playwright().start()
        except Error as exc:  # tests/e2e's browser is already open: this run put tests/e2e first
            pytest.skip(f"another Playwright session is open in this process ({exc.message.splitlines()[0]})")
        try:
            browser = manager.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
            yield browser
            browser.close()
        finally:
            manager.stop()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_phone_uploads_in_chunks_with_the_position(phone_browser, live_server, registered, handler_user):
    """The upload page in a phone-sized Chromium that gives a position: the script fills it in, sends a
    9 MiB video in 4 MiB chunks, and lands on the case page; a refusal shows its reason."""
    from playwright.sync_api import expect

    from tests.e2e.conftest import PHONE
    from tests.factories import DEFAULT_PASSWORD

    context = phone_browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        locale="zh-CN",
        geolocation={"latitude": 31.230416, "longitude": 121.473701, "accuracy": 20},
        permissions=["geolocation"],
    )
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("账号", exact=True).fill(handler_user.username)
        page.get_by_label("密码", exact=True).fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/")
        case_url = f"/cases/{registered.pk}/"
        page.goto(f"/cases/{registered.pk}/evidence/new/?next={case_url}")
        expect(page.locator("#evidence-position")).to_contain_text("31.230416, 121.473701")
        content = mp4_bytes(9 * MiB + 5)
        page.set_input_files(
            "#id_file", files=[{"name": "执法记录仪.mp4", "mimeType": "video/mp4", "buffer": content}]
        )
        expect(page.locator("#id_kind")).to_have_value("video")
        page.select_option("#id_step", "on_site")
        if os.environ.get("ZHIFA_SCREENSHOTS") == "1":  # for a person to look at, not an assertion
            page.screenshot(path="evidence-upload-phone.png", full_page=True)
        page.get_by_role("button", name="上传").click()
        page.wait_for_url(lambda url: urlsplit(url).path == case_url, timeout=30_000)
        made = Evidence.objects.get()
        assert made.sha256 == sha(content) and made.step == "on_site" and made.kind == "video"
        assert (made.latitude, made.longitude) == (Decimal("31.230416"), Decimal("121.473701"))
        expect(page.get_by_test_id("evidence-panel")).to_contain_text("执法记录仪.mp4")
        if os.environ.get("ZHIFA_SCREENSHOTS") == "1":
            page.get_by_test_id("evidence-panel").screenshot(path="evidence-panel-phone.png")

        page.goto(f"/cases/{registered.pk}/evidence/new/")
        page.select_option("#id_kind", "video")
        page.set_input_files(
            "#id_file", files=[{"name": "a.png", "mimeType": "video/mp4", "buffer": png_bytes(2000)}]
        )
        page.get_by_role("button", name="上传").click()
        expect(page.get_by_test_id("evidence-error")).to_contain_text("与声明的证据类型“视频”不符")
        assert Evidence.objects.count() == 1 and not UploadSession.objects.filter(finished=False).exists()
    finally:
        context.close()


def test_the_trigger_rejects_changes_to_evidence(registered, handler_user):
    from django.db import DatabaseError, transaction

    made = upload(handler_user, registered, png_bytes(100))
    for sql in (
        "UPDATE cases_evidence SET size = 1 WHERE id = %s",
        "DELETE FROM cases_evidence WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="证据"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [made.pk])
    assert Evidence.objects.get(pk=made.pk).size == made.size
