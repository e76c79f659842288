"""The request being served, for an audit entry whose service or receiver is not handed it (a list export,
a service called without its request): so that entry carries the client's IP like every other."""

from contextvars import ContextVar

_request: ContextVar = ContextVar("zhifa_audit_request", default=None)


def current_request():
    return _request.get()


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
