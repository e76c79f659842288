"""The portal's limits on complaints: requests per client and minute (core.ratelimit, as publicity.http
counts searches), and the size of a submission as a whole (refused before the body is read)."""

from django.conf import settings
from django.shortcuts import render

from zhifa.core import ratelimit

from . import attachments

DEFAULT_SUBMITS_PER_MINUTE = 5
DEFAULT_LOOKUPS_PER_MINUTE = 20


def submits_per_minute() -> int:
    """ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE (default 5) per client address."""
    return int(getattr(settings, "ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE", DEFAULT_SUBMITS_PER_MINUTE))


def lookups_per_minute() -> int:
    """ZHIFA_COMPLAINT_LOOKUPS_PER_MINUTE (default 20): tracking-code queries and ratings per client."""
    return int(getattr(settings, "ZHIFA_COMPLAINT_LOOKUPS_PER_MINUTE", DEFAULT_LOOKUPS_PER_MINUTE))


def over(request, name: str, limit: int) -> bool:
    """Count one request of `name` by this client in the current minute; True once past `limit`."""
    return ratelimit.over(request, f"complaints:{name}", limit)


def too_many(request, limit: int):
    response = render(request, "complaints/public_limited.html", {"limit": limit}, status=429)
    response["Retry-After"] = "60"
    return response


def max_json_bytes() -> int:
    """The largest public submission through the JSON API: the form's, with every file as base64."""
    encoded = 4 * -(-attachments.max_file_bytes() // 3)
    return attachments.max_files() * encoded + 1024 * 1024


def too_large(request, *, json: bool = False) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > (max_json_bytes() if json else attachments.max_request_bytes())


def read_body(request) -> None:
    """Read a JSON submission already checked against max_json_bytes (too_large), so its attachments may be
    as large as the form's: Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) would refuse the body when the
    API's parser reads `request.body`; the bytes read here are what that property returns."""
    if not hasattr(request, "_body"):
        request._body = request.read()


def refuse_large(request):
    return render(
        request, "complaints/public_limited.html", {"too_large": attachments.max_request_bytes()}, status=413
    )
