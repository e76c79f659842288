"""What the 社会监督 pages share: the records of a row, one form page, and the masked phone."""

from django.shortcuts import render

from zhifa.core.forms import submit
from zhifa.core.models import Record
from zhifa.core.privacy import mask_phone

__all__ = ["mask_phone"]


def records(subject) -> list[Record]:
    return list(
        Record.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk)).order_by(
            "at", "id"
        )
    )


def form_page(request, form, *, title: str, back: str, call, done, target, context=None):
    """GET shows `form`; a valid POST calls `call(form)`; its result's page is `target(result)` and the
    message `done` (or `done(result)`); a refusal is shown beside the field and the input kept."""
    saved = submit(request, form, lambda _data: call(form), done=done, then=target)
    return saved or render(
        request, "social/form.html", {"form": form, "title": title, "back": back, **(context or {})}
    )
