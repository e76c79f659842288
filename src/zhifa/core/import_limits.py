"""How much one import may carry (issue 17, finding 10: a 50,000-row sheet held a request for 16 s and
added 156 MB). An upload past ZHIFA_IMPORT_MAX_BYTES is refused before it is opened; rows are counted
while the sheet streams, and the read stops at the first row past ZHIFA_IMPORT_MAX_ROWS (the rest of the
file is never read). Both refusals come before anything is written (imports are all or nothing)."""

from django.conf import settings
from django.template.defaultfilters import filesizeformat

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ROWS = 50_000
DEFAULT_SYNC_ROWS = 2_000


def max_bytes() -> int:
    return int(getattr(settings, "ZHIFA_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_rows() -> int:
    return int(getattr(settings, "ZHIFA_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def sync_rows() -> int:
    """Past this many data rows an import runs as a background job (jobs.imports)."""
    return int(getattr(settings, "ZHIFA_IMPORT_SYNC_ROWS", DEFAULT_SYNC_ROWS))


def size_of(file) -> int:
    """The size of an upload (UploadedFile.size) or of any seekable file, without reading it."""
    size = getattr(file, "size", None)
    if size is not None:
        return int(size)
    position = file.tell()
    file.seek(0, 2)
    size = file.tell()
    file.seek(position)
    return size


def too_large(size: int) -> str:
    """The refusal of a file of `size` bytes, or "" when it is within the limit."""
    limit = max_bytes()
    if size <= limit:
        return ""
    return f"文件大小{filesizeformat(size)}超过导入上限{filesizeformat(limit)}，请分批导入"


def too_many_rows() -> str:
    return f"数据行数超过导入上限{max_rows()}行，请分批导入（本次未导入任何数据）"


def describe() -> str:
    """The limits as the import pages state them."""
    return f"单个文件不超过{filesizeformat(max_bytes())}、不超过{max_rows()}行"
