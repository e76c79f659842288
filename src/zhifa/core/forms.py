"""What every app's forms and pages share: the base form (every select starts with 请选择), the field
builders (dates, text, money, agency pickers), putting a service's refusal back on the form, and the
parsing of list filters from the query string.

Forms only parse; the rules live in the services, whose `kit.refuse` errors are keyed by field, so
`apply_errors` can show each one next to the field it is about.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from .models import Agency
from .params import paginate
from .pickers import remote_agencies
from .selectors import active_agencies
from .sorting import Sorts

T = TypeVar("T")
EMPTY_LABEL = "请选择"
_DJANGO_BLANK = "---------"


class Form(forms.Form):
    """The base form of every page: every select's empty choice reads 请选择 (Django's default is a
    row of dashes; a label an app chose on purpose, such as "—（本机关）", stays), and a label has no
    colon after it, as on the pages that write their labels by hand (Django's suffix is an ASCII ":")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            use_empty_label(field)


def use_empty_label(field: forms.Field) -> None:
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == _DJANGO_BLANK:
            field.empty_label = EMPTY_LABEL
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices = list(field.choices)  # type: ignore[arg-type]  # a ChoiceField's choices are normalised to a list
        if choices and choices[0] == ("", _DJANGO_BLANK):
            field.choices = [("", EMPTY_LABEL), *choices[1:]]


def blank(choices: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """`choices` with the empty choice in front (for a ChoiceField that may be left to the service)."""
    return [("", EMPTY_LABEL), *choices]


# ---- field builders --------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    """The browser's own date picker (ISO dates, so the value survives a round trip). It reads in Chinese
    (年/月/日, a Chinese calendar pop-up) in a Chinese browser with no script or package of ours; the bounds
    keep the year at four digits, where Chromium would otherwise take six (a mistyped 202612 for 2026)."""

    input_type = "date"
    bounds = {"min": "1900-01-01", "max": "2099-12-31"}

    def __init__(self, attrs=None):
        super().__init__({**self.bounds, **(attrs or {})}, format="%Y-%m-%d")


def date_field(
    label: str, *, required: bool = True, today: bool = False, help_text: str = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        initial=timezone.localdate if today else None,
        help_text=help_text,
    )


def textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def text_field(label: str, *, rows: int = 3, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=textarea(rows), help_text=help_text)


def money_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DecimalField:
    """An amount in yuan (two decimals, not negative)."""
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def agency_field(label: str = "机关", **kwargs) -> forms.ModelChoiceField:
    """An agency picker. It offers nothing until the form gives it `offer_agencies`."""
    return forms.ModelChoiceField(
        label=label, queryset=Agency.objects.none(), empty_label=EMPTY_LABEL, **kwargs
    )


def offer_agencies(field: forms.ModelChoiceField, actor, perm: str) -> QuerySet[Agency]:
    """Let an agency picker offer what core.selectors.active_agencies gives: the active agencies the
    actor may act for with `perm` (an inactive agency is never offered). Returns the queryset. With more
    than settings.ZHIFA_PICKER_PLAIN_MAX of them it becomes a remote-search picker (core.pickers)."""
    field.queryset = agencies = active_agencies(actor, perm)
    # more than a few dozen: searched remotely, only the chosen one rendered
    remote_agencies(field, perm)
    return agencies


# ---- a service's refusal, back on the form --------------------------------------------------------


def apply_errors(form: forms.BaseForm, exc: ValidationError, mapping: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError next to the form's fields (`mapping`, or the form's `error_map`:
    service key → form field); keys the form has no field for (such as "status") go on top of it."""
    mapping = {**getattr(form, "error_map", {}), **(mapping or {})}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for key, texts in exc.message_dict.items():
        name = mapping.get(key, key)
        form.add_error(name if name in form.fields else None, texts)


def submit(
    request,
    form: forms.BaseForm,
    call: Callable[[dict[str, Any]], T],
    *,
    done: str | Callable[[T], str],
    then: str | Callable[[T], str],
) -> HttpResponse | None:
    """The save step of a form page: on a valid POST, `call(cleaned_data)`; on success the message `done`
    (or `done(result)`) and a redirect to `then` (a URL or URL name, or `then(result)`). A refusal is put
    beside the fields with the input kept, and None returned, so the view renders the form again (as it
    does on GET)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = call(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    messages.success(request, done(result) if callable(done) else done)
    return redirect(then(result) if callable(then) else then)


def refusal_messages(request, exc: ValidationError, form: forms.BaseForm | None = None) -> None:
    """A refusal of an action without a form of its own (a button): on the form's fields when it names
    one, else as messages on the next page."""
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for field, texts in by_field.items():
        for text in texts:
            if form is not None and field in form.fields:
                form.add_error(field, text)
            else:
                messages.error(request, text)


def bound_value(form: forms.BaseForm, name: str):
    """The raw value of `name`: from the submitted data when bound, else from the initial data."""
    if form.is_bound:
        return form.data.get(form.add_prefix(name))
    value = form.initial.get(name)
    return value() if callable(value) else value


# ---- list filters from the query string -----------------------------------------------------------


def int_or_none(value) -> int | None:
    """An id or number from a request parameter (or a model instance's pk); None when absent or bad."""
    value = getattr(value, "pk", value)
    value = value.strip() if isinstance(value, str) else value
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def date_or_none(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()) if value else None
    except (AttributeError, TypeError, ValueError):
        return None


def filters_of(request, keys: Iterable[str]) -> dict[str, str]:
    return {key: request.GET.get(key, "").strip() for key in keys}


def query_of(filters: dict) -> str:
    """The non-empty filters as a query string (for export links and pagination)."""
    return urlencode({key: value for key, value in filters.items() if value})


def list_context(request, rows: QuerySet, *, keys: Iterable[str], sorts: Sorts) -> dict[str, Any]:
    """What a filtered, sortable, paged list page renders: the requested page of `rows` (filtered and
    sorted by the view's own row function, which its export reads too), the filters as typed (`keys`), the
    sort asked for among `sorts`, and the query string of both that the export link and the page links
    carry. The view adds its own choices and permissions to it."""
    filters = filters_of(request, keys)
    sorting = sorts.of(request)
    return {
        "page": paginate(request, rows),
        "filters": filters,
        "sorting": sorting,
        "query": query_of({**filters, "sort": sorting.value}),
    }


# ---- core's own pages -----------------------------------------------------------------------------


class HolidayNoticeForm(Form):
    """节假日安排: the State Council's notice, pasted as text."""

    text = forms.CharField(
        label="通知全文",
        widget=textarea(14),
        help_text="粘贴国务院办公厅关于下一年部分节假日安排的通知全文，先预览，核对无误后确认录入。",
    )
