"""Attachments of a complaint: the evidence checks (content sniffed by cases.evidence, so a program named
.jpg is refused), a count and size limit of their own (settings), and the evidence store (by SHA-256)
through supervision.attachments. Refused naming the file, before anything is written."""

from collections.abc import Sequence

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from zhifa.supervision.attachments import MultipleFileField, Upload, check_files, store_files

from .models import ComplaintFile

DEFAULT_MAX_FILES = 5
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
LABEL = "附件"


def max_files() -> int:
    """ZHIFA_COMPLAINT_MAX_FILES (default 5)."""
    return int(getattr(settings, "ZHIFA_COMPLAINT_MAX_FILES", DEFAULT_MAX_FILES))


def max_file_bytes() -> int:
    """ZHIFA_COMPLAINT_MAX_FILE_BYTES (default 10 MiB)."""
    return int(getattr(settings, "ZHIFA_COMPLAINT_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))


def max_request_bytes() -> int:
    """The largest public submission as a whole: every file at its limit plus 1 MiB of form."""
    return max_files() * max_file_bytes() + 1024 * 1024


def check(files: Sequence[Upload]) -> list[tuple[str, bytes, str]]:
    """(clean name, content, media type) of each file, or a refusal (field "files") naming it."""
    return check_files(
        files,
        label=LABEL,
        max_files=max_files(),
        max_bytes=max_file_bytes(),
        not_a_document=lambda name, _: (
            f"“{name}”的内容不是文档、PDF或图片，不予接收（请检查文件是否与其名称相符）"
        ),
    )


def store(checked: list[tuple[str, bytes, str]], complaint) -> list[dict]:
    return store_files(checked, ComplaintFile, complaint=complaint)


def files_field() -> MultipleFileField:
    return MultipleFileField(
        label=LABEL,
        required=False,
        help_text=f"文档、PDF或图片，最多{max_files()}个，每个不超过{filesizeformat(max_file_bytes())}",
    )
