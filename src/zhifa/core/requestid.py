"""Request ids: one per request, in the X-Request-ID response header, on every log line of the request
(RequestIdFilter) and on the 500 page ("错误编号：…"), so a user's report finds its traceback in the log.
An id sent by the proxy in front (X-Request-ID) is kept when it is a safe token, so nginx's and ours agree."""

import contextvars
import logging
import re
import secrets

HEADER = "X-Request-ID"
_SAFE = re.compile(
    r"^[A-Za-z0-9._-]{8,64}$"
)  # no spaces, quotes or newlines: it is written to logs and pages
_current: contextvars.ContextVar[str] = contextvars.ContextVar("zhifa_request_id", default="-")


def current() -> str:
    return _current.get()


def _incoming(request) -> str | None:
    value = request.headers.get(HEADER, "")
    return value if _SAFE.match(value) else None


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = _incoming(request) or secrets.token_hex(8)
        token = _current.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to each record (from the record's request, else the request being served)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "id", None) or current()
        return True
