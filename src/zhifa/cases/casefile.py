"""案卷: the complete case file as one zip — every generated document as PDF, every evidence file, and
manifest.json listing each file's sha256 and each record of the case with its hash — and the check of
such a zip against the database (`zhifa verify-casefile FILE`).

The zip is streamed into a temporary file, evidence blobs copied in 1 MiB blocks: a case with hours of
video never sits in memory. The export itself is a record ("case.casefile") that keeps the sha256 of
the manifest, so any later edit of the manifest is found, not only edits of the files it lists."""

import hashlib
import json
import re
import tempfile
import zipfile
import zlib
from datetime import UTC
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone

from zhifa.core import records
from zhifa.core.models import Agency, Record

from .documents.kinds import has_decision
from .evidence import storage
from .models import Case, CaseDocument, Evidence

FORMAT = "zhifa-casefile/1"
MANIFEST = "manifest.json"
EXPORT_ACTION = "case.casefile"
BLOCK = 1024 * 1024
ZIP64_FROM = 2**31
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _safe(name: str, limit: int = 120) -> str:
    cleaned = _UNSAFE.sub("_", name).strip(" .") or "file"
    return cleaned[:limit]


def _iso(at) -> str:
    """The timestamp as core.records hashes it (UTC, microseconds)."""
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def filename(case: Case) -> str:
    return f"案卷_{_safe(case.number or f'案件{case.pk}')}.zip"


def case_records(case: Case):
    return Record.objects.for_subject(case).filter(agency_id=case.agency_id).order_by("seq")


def _record_entry(record: Record) -> dict:
    return {
        "seq": record.seq,
        "subject": f"{record.subject_type}:{record.subject_id}",
        "action": record.action,
        "actor_id": record.actor_id,
        "actor_name": record.actor_name,
        "at": _iso(record.at),
        "payload": record.payload,  # the exact text the hash covers
        "prev_hash": record.prev_hash,
        "hash": record.hash,
    }


def _copy(source: BinaryIO, target) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while block := source.read(BLOCK):
        digest.update(block)
        target.write(block)
        size += len(block)
    return digest.hexdigest(), size


def _summary(case: Case) -> dict:
    decision = case.decision if has_decision(case) else None
    return {
        "id": case.pk,
        "number": case.number,
        "summary": case.summary,
        "status": case.status,
        "status_label": case.get_status_display(),
        "procedure": case.procedure,
        "party_kind": case.party_kind,
        "party_name": case.party_name,
        "place": case.place,
        "discovered_on": case.discovered_on.isoformat(),
        "registered_on": case.registered_on.isoformat() if case.registered_on else None,
        "decision": {
            "kind": decision.kind,
            "number": decision.number,
            "decided_on": decision.decided_on.isoformat(),
        }
        if decision
        else None,
    }


def export(*, actor, case: Case) -> tuple[BinaryIO, dict]:
    """Write the case file of `case` (already checked visible to `actor`) into a temporary file and
    record the export. Returns (file positioned at 0, manifest); closing the file removes it."""
    case = Case.objects.select_related("agency").get(pk=case.pk)
    handle = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115 — handed to the response, which closes it
    try:
        manifest = _write(handle, actor, case)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle, manifest


def _write(handle: BinaryIO, actor, case: Case) -> dict:
    documents, evidence = [], []
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        docs = CaseDocument.objects.filter(case=case).order_by("generated_at", "id")
        for index, doc in enumerate(
            docs.select_related("generated_by").defer("docx").iterator(chunk_size=20), start=1
        ):
            name = f"documents/{index:02d}_{_safe(doc.title)}_{_safe(doc.number or str(doc.pk))}.pdf"
            data = bytes(doc.pdf)
            zf.writestr(name, data)
            documents.append(
                {
                    "name": name,
                    "id": doc.pk,
                    "kind": doc.kind,
                    "title": doc.title,
                    "number": doc.number,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "size": len(data),
                    "generated_at": _iso(doc.generated_at),
                    "generated_by": (doc.generated_by.real_name or doc.generated_by.username)
                    if doc.generated_by_id
                    else "",
                }
            )
        for index, ev in enumerate(Evidence.objects.filter(case=case).order_by("created_at", "id"), start=1):
            entry = {
                "id": ev.pk,
                "kind": ev.kind,
                "step": ev.step,
                "original_name": ev.original_name,
                "media_type": ev.media_type,
                "recorded_sha256": ev.sha256,
                "recorded_size": ev.size,
            }
            name = f"evidence/{index:03d}_{_safe(ev.original_name)}"
            info = zipfile.ZipInfo(name, date_time=timezone.localtime(ev.created_at).timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED  # photos, audio and video are compressed already
            try:
                source = storage.open_blob(ev.sha256)
            except (FileNotFoundError, ValueError):
                evidence.append(
                    {**entry, "name": None, "missing": True, "sha256": ev.sha256, "size": ev.size}
                )
                continue
            with source, zf.open(info, "w", force_zip64=ev.size >= ZIP64_FROM) as target:
                sha256, size = _copy(source, target)
            evidence.append({**entry, "name": name, "sha256": sha256, "size": size})
        manifest = {
            "format": FORMAT,
            "generated_at": _iso(timezone.now()),
            "generated_by": (actor.real_name or actor.username) if actor else "系统",
            "agency": {
                "id": case.agency_id,
                "name": case.agency.name,
                "credit_code": case.agency.credit_code,
            },
            "case": _summary(case),
            "documents": documents,
            "evidence": evidence,
            "records": [_record_entry(r) for r in case_records(case).iterator(chunk_size=500)],
        }
        raw = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        with transaction.atomic():
            records.append(
                subject=case,
                action=EXPORT_ACTION,
                actor=actor,
                payload={
                    "manifest_sha256": hashlib.sha256(raw).hexdigest(),
                    "documents": len(documents),
                    "evidence": len(evidence),
                    "records": len(manifest["records"]),
                },
            )
        zf.writestr(MANIFEST, raw)
    return manifest


# ---- verification ------------------------------------------------------------------------------------------


def _hash_member(zf: zipfile.ZipFile, name: str) -> tuple[str, int]:
    with zf.open(name) as member:
        digest, size = hashlib.sha256(), 0
        while block := member.read(BLOCK):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _digest_of(entry: dict, agency_id: int) -> str:
    subject_type, _, subject_id = str(entry.get("subject", "")).partition(":")
    return records.record_digest(
        prev_hash=entry["prev_hash"],
        agency_id=agency_id,
        seq=entry["seq"],
        subject_type=subject_type,
        subject_id=subject_id,
        action=entry["action"],
        actor_id=entry.get("actor_id"),
        actor_name=entry.get("actor_name", ""),
        at_iso=entry["at"],
        payload=entry["payload"],
    )


def _check_files(zf: zipfile.ZipFile, manifest: dict) -> list[str]:
    problems, listed = [], set()
    names = {n for n in zf.namelist() if not n.endswith("/")}
    for section, label in (("documents", "文书"), ("evidence", "证据")):
        for entry in manifest.get(section) or []:
            name = entry.get("name")
            if entry.get("missing"):
                problems.append(
                    f"{label}文件在导出时已缺失：{entry.get('original_name') or entry.get('sha256')}"
                )
                continue
            if name not in names:
                problems.append(f"{label}文件不在压缩包中：{name}")
                continue
            listed.add(name)
            try:
                sha256, size = _hash_member(zf, name)
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                problems.append(f"{label}文件已损坏或被改动（{exc}）：{name}")
                continue
            if sha256 != entry.get("sha256"):
                problems.append(f"{label}文件的SHA-256与清单不符（文件被改动）：{name}")
            elif size != entry.get("size"):
                problems.append(f"{label}文件的大小与清单不符：{name}")
    for name in sorted(names - listed - {MANIFEST}):
        problems.append(f"压缩包中有清单未列出的文件：{name}")
    return problems


def _check_database(manifest: dict, manifest_sha256: str) -> list[str]:
    problems = []
    agency_id = (manifest.get("agency") or {}).get("id")
    case_id = (manifest.get("case") or {}).get("id")
    agency = Agency.objects.filter(pk=agency_id).first() if isinstance(agency_id, int) else None
    if agency is None or not isinstance(case_id, int):
        return ["清单中的机关或案件在数据库中不存在"]
    exported = Record.objects.filter(
        agency=agency,
        subject_type=Case._meta.label_lower,
        subject_id=str(case_id),
        action=EXPORT_ACTION,
        payload__contains=f'"manifest_sha256":"{manifest_sha256}"',
    )
    if not exported.exists():
        problems.append("manifest.json 与导出时登记的摘要不符（清单被改动，或不是本系统导出的案卷）")

    entries = [e for e in manifest.get("records") or [] if isinstance(e, dict)]
    rows = {r.seq: r for r in Record.objects.filter(agency=agency, seq__in=[e.get("seq") for e in entries])}
    for entry in entries:
        seq, action = entry.get("seq"), entry.get("action", "")
        row = rows.get(seq)
        try:
            listed_ok = _digest_of(entry, agency.pk) == entry.get("hash")
        except (KeyError, TypeError):
            listed_ok = False
        if not listed_ok:
            problems.append(f"清单中记录第{seq}条（{action}）的内容与其哈希不符（清单被改动）")
        elif row is None:
            problems.append(f"记录第{seq}条（{action}）在数据库中不存在")
        elif row.hash != entry.get("hash"):
            problems.append(f"记录第{seq}条（{action}）的哈希与数据库不符")
        elif hashlib.sha256(records.message_of(row)).hexdigest() != row.hash:
            problems.append(f"数据库中记录第{seq}条（{action}）的内容已被改动")

    for section, model, label in (("documents", CaseDocument, "文书"), ("evidence", Evidence, "证据")):
        listed = {e.get("id"): e for e in manifest.get(section) or [] if isinstance(e, dict)}
        known = dict(model.objects.filter(case_id=case_id, pk__in=list(listed)).values_list("pk", "sha256"))
        for pk, entry in listed.items():
            if pk not in known:
                problems.append(f"{label}（id={pk}）在数据库中不存在：{entry.get('name')}")
            elif known[pk] != entry.get("sha256"):
                problems.append(f"{label}的SHA-256与数据库登记不符：{entry.get('name')}")

    chain = records.verify(agency)
    if not chain.ok:
        problems.append(f"记录链校验未通过：{chain.broken}")
    return problems


def verify_casefile(zip_path) -> list[str]:
    """Every problem of the case file at `zip_path`, the first first; an empty list when it holds."""
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"不是有效的案卷压缩包：{exc}"]
    with zf:
        try:
            raw = zf.read(MANIFEST)
        except KeyError:
            return ["压缩包中缺少 manifest.json"]
        except (zipfile.BadZipFile, zlib.error) as exc:
            return [f"manifest.json 已损坏或被改动（{exc}）"]
        try:
            manifest = json.loads(raw)
        except ValueError:
            return ["manifest.json 不是有效的 JSON（清单被改动）"]
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            return [f"manifest.json 的格式不是 {FORMAT}"]
        problems = _check_files(zf, manifest)
    return problems + _check_database(manifest, hashlib.sha256(raw).hexdigest())
