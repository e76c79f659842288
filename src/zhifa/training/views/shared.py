"""What the 培训管理 pages share: the records of a row, the row a keeper changes, one form page, the
list's year."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from zhifa.core import access
from zhifa.core.forms import submit
from zhifa.core.models import Record
from zhifa.core.params import year_param


def records(subject) -> list[Record]:
    return list(
        Record.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk)).order_by(
            "at", "id"
        )
    )


def managed(request, get, pk: int, perm: str, refusal: str):
    """The row `get(user, pk)` reads (another agency's: 404), for whoever may `perm` it (a reader: 403)."""
    row = get(request.user, pk)
    if not access.can(request.user, perm, row):
        raise PermissionDenied(refusal)
    return row


def this_year(request) -> int:
    return year_param(request, default=timezone.localdate().year) or timezone.localdate().year


def form_page(request, form, *, title: str, back: str, call, done: str, target, context=None):
    """GET shows `form`; a valid POST calls `call(form)` and goes to `target(result)` with `done`
    (core.forms.submit); a refusal is shown beside the field with the input kept."""
    saved = submit(request, form, lambda _data: call(form), done=done, then=target)
    return saved or render(
        request, "training/form.html", {"form": form, "title": title, "back": back, **(context or {})}
    )
