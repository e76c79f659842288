"""整改材料: the files an agency sends with a 监督事项 reply or a 整改任务 report. One set of checks (count,
size, content sniffed as a document or picture, as evidence is) and one store (the evidence store, by
SHA-256), whichever feature receives them; the page's multi-file field and the API's base64 form parse
into the same `Upload`."""

from __future__ import annotations

import base64
import binascii
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from ninja import Schema

from zhifa.cases.choices import EvidenceKind
from zhifa.cases.evidence import services as evidence
from zhifa.cases.evidence import storage
from zhifa.core import kit

MAX_FILES = 10
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Upload:
    """A rectification file as received: its name and content."""

    name: str
    content: bytes


def max_file_bytes() -> int:
    """The largest rectification file (setting ZHIFA_SUPERVISION_MAX_FILE_BYTES, default 20 MiB)."""
    return int(getattr(settings, "ZHIFA_SUPERVISION_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))


def check_files(
    files: Sequence[Upload],
    *,
    label: str = "整改材料",
    max_files: int = MAX_FILES,
    max_bytes: int | None = None,
    not_a_document: Callable[[str, ValidationError], str] | None = None,
) -> list[tuple[str, bytes, str]]:
    """(clean name, content, media type) of each file, or a refusal naming the file: at most `max_files`,
    none empty or above `max_bytes` (default max_file_bytes()), each a document or a picture by its content
    (cases.evidence). Other intakes (complaints, social feedback) pass their own words and limits;
    `not_a_document(name, error)` words the refusal of a file whose content is not a document."""
    if len(files) > max_files:
        kit.refuse("files", f"{label}最多{max_files}个文件")
    checked = []
    limit = max_file_bytes() if max_bytes is None else max_bytes
    for upload in files:
        name = evidence.clean_name(upload.name, label)
        if not upload.content:
            kit.refuse("files", f"“{name}”是空文件")
        if len(upload.content) > limit:
            kit.refuse("files", f"“{name}”超过{filesizeformat(limit)}，请压缩或拆分后上传")
        try:
            media_type = evidence.sniff(upload.content[: evidence.SNIFF_BYTES], EvidenceKind.DOCUMENT, name)
        except ValidationError as error:
            kit.refuse(
                "files",
                not_a_document(name, error)
                if not_a_document
                else f"“{name}”：{'；'.join(error.messages)}（{label}须为文档、PDF或图片）",
            )
        checked.append((name, upload.content, media_type))
    return checked


def store_files(checked: list[tuple[str, bytes, str]], model: type[models.Model], **owner) -> list[dict]:
    """Stores each checked file and makes its `model` row (name, sha256, size, media_type) under `owner`;
    returns what the record's payload keeps of them."""
    stored = []
    for name, content, media_type in checked:
        sha256, size = _store(content)
        model._default_manager.create(name=name, sha256=sha256, size=size, media_type=media_type, **owner)
        stored.append({"name": name, "sha256": sha256, "size": size})
    return stored


def _store(content: bytes) -> tuple[str, int]:
    storage.uploads_root().mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=storage.uploads_root(), delete=False) as tmp:
        tmp.write(content)
    return storage.store_from_path(tmp.name)


# ---- parsing: the page's field and the API's form --------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def files_field() -> MultipleFileField:
    return MultipleFileField(
        label="整改材料",
        required=False,
        help_text=f"文档、PDF或图片，最多{MAX_FILES}个，每个不超过20MB",
    )


def uploads_of_form(files) -> list[Upload]:
    return [Upload(name=f.name, content=f.read()) for f in files]


class FileIn(Schema):
    name: str
    content_base64: str


class FileOut(Schema):
    id: int
    name: str
    sha256: str
    size: int
    media_type: str


def uploads_of_api(files: list[FileIn]) -> list[Upload]:
    uploads = []
    for f in files:
        try:
            content = base64.b64decode(f.content_base64, validate=True)
        except (binascii.Error, ValueError):
            kit.refuse("files", f"“{f.name}”的内容不是有效的Base64编码")
        uploads.append(Upload(name=f.name, content=content))
    return uploads
