"""HTTP helpers of the public portal: conditional GET (ETag / Last-Modified) and the search rate limit."""

import hashlib
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.http import condition

from zhifa.core import ratelimit

from .models import AnnualReport, Checkpoint, Disclosure


def portal_changed_at(request=None, *args, **kwargs) -> datetime:
    """When anything on the portal last changed (a publication, withdrawal, checkpoint or 年报); read
    once per request (the ETag and Last-Modified both need it)."""
    if request is not None and hasattr(request, "_portal_changed_at"):
        return request._portal_changed_at
    changed = _changed_at()
    if request is not None:
        request._portal_changed_at = changed
    return changed


def _changed_at() -> datetime:
    stamps = [
        Disclosure.objects.aggregate(at=Max("updated_at"))["at"],
        Checkpoint.objects.aggregate(at=Max("created_at"))["at"],
        AnnualReport.objects.aggregate(at=Max("updated_at"))["at"],
    ]
    return max((s for s in stamps if s), default=timezone.make_aware(datetime(2020, 1, 1)))


def _etag(request, *args, **kwargs) -> str:
    changed = portal_changed_at(request).isoformat()
    return hashlib.sha256(f"{changed}|{request.get_full_path()}".encode()).hexdigest()[:32]


def cacheable(view):
    """ETag and Last-Modified from the portal's last change; a 304 when the client's copy is current."""
    conditional = condition(etag_func=_etag, last_modified_func=portal_changed_at)(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        response.setdefault("Cache-Control", "public, max-age=60")
        return response

    return wrapped


def over_search_limit(request) -> bool:
    """Count a search by this client in the current minute; True once it exceeds the limit."""
    limit = getattr(settings, "ZHIFA_PUBLICITY_SEARCHES_PER_MINUTE", 30)
    return ratelimit.over(request, "publicity:search", limit)


def too_many_searches(request):
    limit = getattr(settings, "ZHIFA_PUBLICITY_SEARCHES_PER_MINUTE", 30)
    response = render(request, "publicity/public_rate_limited.html", {"limit": limit}, status=429)
    response["Retry-After"] = "60"
    return response


def last_modified_header(response, at: datetime | None):
    if at:
        response["Last-Modified"] = http_date(at.timestamp())
    return response
