"""Evidence on Django's storage API (issue 16 item 7): with STORAGES pointing elsewhere than the file system
(here Django's in-memory storage, as an S3 bucket would be), upload, hash verification, download, the
case file and the attachments of supervision go through the storage — nothing lands under MEDIA_ROOT but
the upload's own temporary file, which is gone when it is done."""

import hashlib
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, storages

from tests.cases.test_evidence import png_bytes, upload
from zhifa.cases import casefile
from zhifa.cases.evidence import services as evidence
from zhifa.cases.evidence import storage
from zhifa.supervision import attachments

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def bucket(settings):
    memory = "django.core.files.storage.InMemoryStorage"
    settings.STORAGES = {
        "default": {"BACKEND": memory},
        "evidence": {"BACKEND": memory},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return storages["evidence"]


def on_disk(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_the_store_is_the_configured_storage(bucket):
    assert isinstance(storage.store(), InMemoryStorage) and storage.store() is bucket
    with pytest.raises(NotImplementedError):
        storage.blob_path("a" * 64)  # no file system path on such a store


def test_upload_verify_and_download_through_the_storage(bucket, settings, client, registered, handler_user):
    content = png_bytes(20_000)
    digest = hashlib.sha256(content).hexdigest()
    made = upload(handler_user, registered, content, name="货架.png")
    name = f"evidence/{digest[:2]}/{digest[2:4]}/{digest}"
    assert made.sha256 == digest and bucket.exists(name)
    with bucket.open(name, "rb") as stored:
        assert stored.read() == content
    assert on_disk(settings.MEDIA_ROOT) == []  # no blob, no leftover temporary file
    assert evidence.verify_case_evidence(registered) == []
    client.force_login(handler_user)
    response = client.get(f"/cases/evidence/{made.pk}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == content
    assert response["X-Evidence-SHA256"] == digest and response["Content-Type"] == "image/png"

    # the same content again is one stored object
    again = upload(handler_user, registered, content, name="货架2.png")
    assert again.sha256 == digest
    assert bucket.listdir(f"evidence/{digest[:2]}/{digest[2:4]}") == ([], [digest])


def test_a_changed_or_missing_object_is_detected(bucket, client, registered, handler_user):
    content = png_bytes(5000)
    made = upload(handler_user, registered, content)
    name = storage.blob_name(made.sha256)
    bucket.delete(name)
    bucket.save(name, ContentFile(content[:-1] + b"\x00"))  # same size, other bytes
    (problem,) = evidence.verify_case_evidence(registered)
    assert problem.reason == "证据文件内容与登记的SHA-256不符（文件被改动）"
    assert evidence.verify_case_evidence(registered, rehash=False) == []  # size alone cannot tell

    bucket.delete(name)
    bucket.save(name, ContentFile(content + b"x"))
    (problem,) = evidence.verify_case_evidence(registered, rehash=False)
    assert problem.reason == "证据文件大小与登记不符（文件被改动）"

    bucket.delete(name)
    (problem,) = evidence.verify_case_evidence(registered)
    assert problem.reason == "证据文件缺失"
    assert not storage.verify_blob(made.sha256)
    client.force_login(handler_user)
    assert client.get(f"/cases/evidence/{made.pk}/download/").status_code == 404


def test_the_case_file_reads_its_evidence_from_the_storage(bucket, registered, handler_user):
    content = png_bytes(3000)
    made = upload(handler_user, registered, content, name="现场.png")
    handle, _ = casefile.export(actor=handler_user, case=registered)
    with handle, zipfile.ZipFile(handle) as archive:
        manifest = json.loads(archive.read(casefile.MANIFEST))
        (entry,) = manifest["evidence"]
        assert entry["sha256"] == made.sha256 and archive.read(entry["name"]) == content


def test_supervision_attachments_are_stored_in_the_storage(bucket, settings):
    sha256, size = attachments._store(b"%PDF-1.4 rectified")
    assert (sha256, size) == (hashlib.sha256(b"%PDF-1.4 rectified").hexdigest(), 18)
    with storage.open_blob(sha256) as blob:
        assert blob.read() == b"%PDF-1.4 rectified"
    assert on_disk(settings.MEDIA_ROOT) == []
