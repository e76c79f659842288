"""案卷: the complete case file as a zip with its manifest, and `verify_casefile` / `zhifa verify-casefile`
finding a changed byte, an edited record row and an edited manifest."""

import hashlib
import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.cases.conftest import intake
from tests.tamper import tamper
from zhifa.cases import casefile, services
from zhifa.cases.choices import HandlerRole
from zhifa.cases.documents import services as documents
from zhifa.cases.evidence import storage
from zhifa.cases.models import CaseDocument, Evidence
from zhifa.core import records
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db

PHOTO = b"\xff\xd8\xff\xe0" + b"photo of the shelf " * 200
VIDEO = bytes(range(256)) * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def add_evidence(
    case, actor, tmp_path, name: str, content: bytes, kind: str = "photo", step: str = "on_site"
):
    """An evidence file as cases.evidence stores it: the blob by its sha256, the row, the record."""
    upload = tmp_path / f"upload-{name}"
    upload.write_bytes(content)
    sha256, size = storage.store_from_path(upload)
    evidence = Evidence.objects.create(
        case=case,
        step=step,
        kind=kind,
        sha256=sha256,
        size=size,
        media_type="application/octet-stream",
        original_name=name,
        uploaded_by=actor,
    )
    records.append(
        subject=case, action="case.evidence", actor=actor, payload={"evidence": evidence.pk, "sha256": sha256}
    )
    return evidence


@pytest.fixture
def full_case(agencies, catalogue, handler_user, officers, leader, tmp_path):
    """A decided case with two evidence files and four documents."""
    case = services.case_intake(
        actor=handler_user, agency=agencies["east_market"], data=intake(facts="销售超过保质期的牛奶12盒。")
    )
    services.case_assign(
        actor=handler_user,
        case=case,
        handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)],
    )
    case = services.case_register(actor=leader, case=case, on=date(2026, 3, 2))
    services.case_record_step(actor=handler_user, case=case, step="on_site", note="货架上陈列过期牛奶。")
    add_evidence(case, handler_user, tmp_path, "现场照片.jpg", PHOTO)
    add_evidence(case, handler_user, tmp_path, "执法记录仪.mp4", VIDEO, kind="video")
    documents.generate(actor=handler_user, case=case, kind="register_approval")
    documents.generate(actor=handler_user, case=case, kind="inspection_record")
    services.case_submit_for_review(actor=handler_user, case=case, report="调查终结。")
    services.case_notify(
        actor=handler_user, case=case, on=date(2026, 3, 10), proposed="拟罚款70000元", hearing_rights=True
    )
    documents.generate(actor=handler_user, case=case, kind="penalty_notice")
    decision = services.DecisionInput(
        kind="penalty",
        decided_on=date(2026, 3, 20),
        reasoning="经查……",
        fine=Decimal(70000),
        facts={"fact_value": 3000},
    )
    case = services.case_decide(actor=leader, case=case, decision=decision)
    documents.generate(actor=handler_user, case=case, kind="penalty_decision")
    return case


@pytest.fixture
def exported(full_case, handler_user, tmp_path):
    handle, manifest = casefile.export(actor=handler_user, case=full_case)
    path = tmp_path / "casefile.zip"
    with handle:
        path.write_bytes(handle.read())
    return path, manifest


def rewrite(path, change):
    """Re-zip `path` with `change(name, data) -> data` applied to every member (a consistent zip whose
    content was edited, as someone unpacking, editing and packing again would make)."""
    with zipfile.ZipFile(path) as zf:
        members = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, change(name, data))


# ---- export --------------------------------------------------------------------------------------------


def test_the_zip_holds_every_document_evidence_file_and_record(full_case, exported):
    path, manifest = exported
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        assert json.loads(zf.read("manifest.json")) == manifest
        for entry in manifest["documents"] + manifest["evidence"]:
            data = zf.read(entry["name"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
    assert names == {"manifest.json"} | {e["name"] for e in manifest["documents"] + manifest["evidence"]}

    docs = CaseDocument.objects.filter(case=full_case)
    assert {(d["id"], d["sha256"], d["number"]) for d in manifest["documents"]} == {
        (d.pk, d.sha256, d.number) for d in docs
    }
    assert all(d["name"].endswith(".pdf") for d in manifest["documents"])
    assert {(e["original_name"], e["sha256"], e["size"]) for e in manifest["evidence"]} == {
        ("现场照片.jpg", hashlib.sha256(PHOTO).hexdigest(), len(PHOTO)),
        ("执法记录仪.mp4", hashlib.sha256(VIDEO).hexdigest(), len(VIDEO)),
    }
    case_records = list(Record.objects.for_subject(full_case).exclude(action="case.casefile").order_by("seq"))
    assert [(r["seq"], r["hash"], r["prev_hash"], r["action"]) for r in manifest["records"]] == [
        (r.seq, r.hash, r.prev_hash, r.action) for r in case_records
    ]
    assert "case.document" in {r["action"] for r in manifest["records"]}
    assert manifest["case"]["number"] == full_case.number and manifest["agency"]["id"] == full_case.agency_id

    export = Record.objects.for_subject(full_case).order_by("-seq").first()
    assert export.action == "case.casefile"
    with zipfile.ZipFile(path) as zf:
        digest = hashlib.sha256(zf.read("manifest.json")).hexdigest()
    assert json.loads(export.payload)["manifest_sha256"] == digest


def test_an_intact_case_file_verifies(exported, capsys):
    path, _ = exported
    assert casefile.verify_casefile(path) == []
    call_command("verify-casefile", str(path))
    assert "案卷完整" in capsys.readouterr().out


# ---- tampering -------------------------------------------------------------------------------------------


def test_a_changed_byte_in_a_file_is_found(exported, capsys):
    path, manifest = exported
    target = next(e["name"] for e in manifest["evidence"] if e["original_name"] == "现场照片.jpg")

    def flip(name, data):
        return data[:10] + bytes([data[10] ^ 1]) + data[11:] if name == target else data

    rewrite(path, flip)
    problems = casefile.verify_casefile(path)
    assert problems and target in problems[0] and "SHA-256" in problems[0]
    with pytest.raises(SystemExit) as exc:
        call_command("verify-casefile", str(path))
    assert exc.value.code == 1 and target in capsys.readouterr().err


def test_a_changed_byte_in_the_raw_zip_is_found(exported):
    path, manifest = exported
    target = manifest["documents"][0]["name"]
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(target)
    data_start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[data_start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    problems = casefile.verify_casefile(path)
    assert problems and target in problems[0]


def test_an_edited_record_row_is_found(full_case, exported, capsys):
    path, manifest = exported
    entry = next(r for r in manifest["records"] if r["action"] == "case.decide")
    edited = entry["payload"].replace("70000", "7000")
    assert edited != entry["payload"]
    tamper(
        "UPDATE core_record SET payload = %s WHERE agency_id = %s AND seq = %s",
        [edited, full_case.agency_id, entry["seq"]],
    )
    problems = casefile.verify_casefile(path)
    assert problems and f"记录第{entry['seq']}条" in problems[0] and "被改动" in problems[0]
    assert any("记录链校验未通过" in p for p in problems)
    with pytest.raises(SystemExit):
        call_command("verify-casefile", str(path))
    assert f"第{entry['seq']}条" in capsys.readouterr().err


def test_a_replaced_record_hash_is_found(full_case, exported):
    path, manifest = exported
    entry = manifest["records"][-1]
    tamper(
        "UPDATE core_record SET hash = %s WHERE agency_id = %s AND seq = %s",
        ["f" * 64, full_case.agency_id, entry["seq"]],
    )
    problems = casefile.verify_casefile(path)
    assert problems and f"记录第{entry['seq']}条" in problems[0] and "数据库不符" in problems[0]


@pytest.mark.parametrize(
    "edit",
    [
        lambda m: m["case"].update(summary="另一个案由"),
        lambda m: m["documents"].pop(),
        lambda m: m["records"][0].update(payload=m["records"][0]["payload"].replace("}", ',"x":1}')),
    ],
    ids=["summary", "document removed", "record payload"],
)
def test_an_edited_manifest_is_found(exported, edit, capsys):
    path, _ = exported

    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest, ensure_ascii=False, indent=2).encode()

    rewrite(path, change)
    problems = casefile.verify_casefile(path)
    assert problems
    assert any("manifest.json" in p or "清单" in p for p in problems[:2]), problems
    with pytest.raises(SystemExit):
        call_command("verify-casefile", str(path))
    assert "案卷校验未通过" in capsys.readouterr().err


def test_an_added_file_and_a_missing_manifest_are_found(exported, tmp_path):
    path, _ = exported
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("evidence/999_extra.jpg", b"not listed")
    assert any("evidence/999_extra.jpg" in p for p in casefile.verify_casefile(path))

    bare = tmp_path / "bare.zip"
    with zipfile.ZipFile(bare, "w") as zf:
        zf.writestr("a.txt", b"x")
    assert casefile.verify_casefile(bare) == ["压缩包中缺少 manifest.json"]
    not_zip = tmp_path / "not.zip"
    not_zip.write_bytes(b"plain")
    assert "不是有效的案卷压缩包" in casefile.verify_casefile(not_zip)[0]


def test_a_blob_missing_at_export_is_listed_and_reported(full_case, handler_user, tmp_path):
    photo = Evidence.objects.get(original_name="现场照片.jpg")
    blob = storage.blob_path(photo.sha256)
    blob.chmod(0o644)
    blob.unlink()
    handle, manifest = casefile.export(actor=handler_user, case=full_case)
    path = tmp_path / "missing.zip"
    with handle:
        path.write_bytes(handle.read())
    entry = next(e for e in manifest["evidence"] if e["original_name"] == "现场照片.jpg")
    assert entry["missing"] and entry["name"] is None
    assert "现场照片.jpg" in casefile.verify_casefile(path)[0]


# ---- downloads ------------------------------------------------------------------------------------------------


def test_download_from_the_page_and_the_api(client, full_case, handler_user, other_officer, tmp_path):
    client.force_login(handler_user)
    response = client.get(reverse("cases:casefile", args=[full_case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    path = tmp_path / "page.zip"
    path.write_bytes(b"".join(response.streaming_content))
    assert casefile.verify_casefile(path) == []

    api = client.get(f"/api/cases/{full_case.pk}/casefile")
    assert api.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(api.streaming_content))) as zf:
        assert len(json.loads(zf.read("manifest.json"))["documents"]) == 4

    exports = Record.objects.for_subject(full_case).filter(action="case.casefile").count()
    client.force_login(other_officer)
    assert client.get(reverse("cases:casefile", args=[full_case.pk])).status_code == 404
    assert client.get(f"/api/cases/{full_case.pk}/casefile").status_code == 404
    assert Record.objects.for_subject(full_case).filter(action="case.casefile").count() == exports == 2
