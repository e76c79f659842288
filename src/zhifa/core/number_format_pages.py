"""文号格式 (系统管理员): the agencies' own prefixes per kind of document, within the admin's region; add,
edit and delete, each through core.number_formats."""

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils import timezone

from . import access, number_formats, pickers
from .choices import NumberKind
from .forms import Form, agency_field, blank, filters_of, int_or_none, offer_agencies, query_of, submit
from .models import NumberFormat
from .numbering import format_number
from .pagination import paginate
from .selectors import active_agencies


class NumberFormatForm(Form):
    """Parses only: the rules (a kind, a prefix of at most 32 characters, once per agency and kind) are the
    service's, as in the API."""

    kind = forms.ChoiceField(label="文书种类", choices=blank(NumberKind.choices), required=False)
    # (Django pops declared fields from the class, so this does not shadow BaseForm.prefix at run time)
    prefix = forms.CharField(  # type: ignore[assignment]
        label="文号前缀", required=False, help_text="如：东市监罚，文号即为东市监罚〔2026〕1号"
    )


class NewNumberFormatForm(NumberFormatForm):
    agency = agency_field("机关")

    field_order = ["agency", "kind", "prefix"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        offer_agencies(cast(forms.ModelChoiceField, self.fields["agency"]), actor, number_formats.ADD)


@login_required
@permission_required(number_formats.VIEW, raise_exception=True)
def number_format_list(request):
    filters = filters_of(request, ("agency", "kind"))
    formats = number_formats.number_formats_visible_to(
        request.user, agency_id=int_or_none(filters["agency"]), kind=filters["kind"]
    )
    page = paginate(request, formats)
    agencies = active_agencies(request.user, number_formats.VIEW)
    context = {
        "page": page,
        "filters": filters,
        "query": query_of(filters),
        "kinds": NumberKind.choices,
        "agencies": agencies,
        "agency_picker": pickers.agency_filter(agencies, filters["agency"], perm=number_formats.VIEW),
        "example_year": timezone.localdate().year,
        "can_add": request.user.has_perm(number_formats.ADD),
    }
    for number_format in page:
        number_format.example = format_number(number_format.prefix, context["example_year"], 1)
    return render(request, "core/number_format_list.html", context)


def _form_page(request, form, title: str):
    return render(
        request, "core/org_form.html", {"form": form, "title": title, "back": "core:number_format_list"}
    )


@login_required
@permission_required(number_formats.ADD, raise_exception=True)
def number_format_create(request):
    form = NewNumberFormatForm(request.POST or None, actor=request.user)
    saved = submit(
        request,
        form,
        lambda data: number_formats.number_format_create(
            actor=request.user, agency=data["agency"], kind=data["kind"], prefix=data["prefix"]
        ),
        done=lambda created: f"已新增{created.agency.name}的{created.get_kind_display()}文号格式",
        then="core:number_format_list",
    )
    return saved or _form_page(request, form, "新增文号格式")


def _visible(request, pk: int, perm: str) -> NumberFormat:
    return access.get_visible_or_404(request.user, number_formats.FORMATS, perm, pk=pk)


@login_required
@permission_required(number_formats.CHANGE, raise_exception=True)
def number_format_edit(request, pk: int):
    number_format = _visible(request, pk, number_formats.CHANGE)
    initial = {"kind": number_format.kind, "prefix": number_format.prefix}
    form = NumberFormatForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: number_formats.number_format_update(
            actor=request.user, number_format=number_format, **data
        ),
        done="文号格式已保存",
        then="core:number_format_list",
    )
    return saved or _form_page(request, form, f"修改文号格式：{number_format.agency.name}")


@login_required
@permission_required(number_formats.DELETE, raise_exception=True)
def number_format_delete(request, pk: int):
    """GET asks for confirmation; POST deletes."""
    number_format = _visible(request, pk, number_formats.DELETE)
    if request.method == "POST":
        number_formats.number_format_delete(actor=request.user, number_format=number_format)
        messages.success(
            request, f"已删除{number_format.agency.name}的{number_format.get_kind_display()}文号格式"
        )
        return redirect("core:number_format_list")
    return render(request, "core/number_format_delete.html", {"number_format": number_format})
