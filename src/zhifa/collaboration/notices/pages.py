"""What the 协同 pages share: a form page that calls one service and shows its refusal beside the field, and
the record log of one hand-off."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from zhifa.core.forms import Form, apply_errors
from zhifa.core.models import Record


def form_page(request, form: Form, call: Callable[[dict], object], *, done: str, title: str, back: str,
              redirect_to: Callable[[object], object], extra: dict | None = None):  # fmt: skip
    """GET: the form; POST: `call(cleaned_data)`, then `redirect_to(result)`, or the refusal on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect_to(result)
    context = {"form": form, "title": title, "back": back, **(extra or {})}
    return render(request, "collaboration/form.html", context)


def records_of(obj) -> list[Record]:
    return list(
        Record.objects.filter(subject_type=obj._meta.label_lower, subject_id=str(obj.pk)).order_by("at", "id")
    )


def back_to(name: str, pk) -> Callable[[object], object]:
    return lambda _: redirect(name, pk)
