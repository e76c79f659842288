"""执法事项清单: the versions and their diffs, the items and the derived lists of any version, the one
draft per agency (items with their legal bases, removal, publishing), and Excel in and out.

Views are thin: reads go through catalog.selectors and core.access (another agency's version or item is
a 404), writes through catalog.services (POST only; without catalog.manage_catalog a 403). A published
version is never edited: every write URL aimed at one answers with the way to the draft instead.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from zhifa.core import access, xlsx_import
from zhifa.core.exports import xlsx_download, xlsx_response
from zhifa.core.forms import apply_errors, filters_of, int_or_none, query_of
from zhifa.core.models import Agency
from zhifa.core.pagination import paginate
from zhifa.core.selectors import active_agencies

from .. import selectors, services, transitions
from ..choices import OPEN_STATUSES, ItemCategory, ProcedureStep, VersionStatus
from ..forms.versions import (
    DraftOpenForm,
    ImportForm,
    ItemForm,
    PublishForm,
    RemoveForm,
    apply_item_errors,
    basis_formset,
)
from ..models import Benchmark, CatalogVersion, EnforcementItem
from ._common import (
    VIEW_VERSION,
    can_manage,
    diff_counts,
    diff_view,
    draft_url,
    get_item,
    get_version,
    locked,
    pending_diff,
    previous_published,
    require_manager,
)
from .discretion import benchmark_of

STEP_LABELS = dict(ProcedureStep.choices)


def _excel():
    from .. import excel

    return excel


# ---- versions --------------------------------------------------------------------------------------


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def version_list(request):
    filters = filters_of(request, ("agency", "status"))
    versions = selectors.versions_visible_to(request.user, agency_id=int_or_none(filters["agency"]))
    if filters["status"] in VersionStatus.values:
        versions = versions.filter(status=filters["status"])
    page = paginate(request, versions.order_by("agency__region__code", "agency__name", "-number"))
    context = {
        "page": page,
        "rows": [{"version": v, "counts": diff_counts(v.diff)} for v in page],
        "filters": filters,
        "agencies": active_agencies(request.user, VIEW_VERSION),
        "statuses": VersionStatus.choices,
        "can_draft": request.user.has_perm(services.MANAGE_CATALOG)
        and active_agencies(request.user, services.MANAGE_CATALOG).exists(),
    }
    return render(request, "catalog/version_list.html", context)


def _list_counts(version: CatalogVersion) -> list[dict]:
    """Each derived list of the version with its number of items (one query)."""
    counts = version.items.aggregate(
        **{name: Count("pk", filter=condition) for name, (_, condition) in selectors.DERIVED_LISTS.items()}
    )
    return [
        {"name": name, "title": title, "count": counts[name]}
        for name, (title, _) in selectors.DERIVED_LISTS.items()
    ]


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def version_detail(request, pk: int):
    """One version: its facts and hash, its diff against the previous published version (for the
    draft: what publishing now would record), and its lists."""
    version = get_version(request, pk)
    previous = previous_published(version)
    frozen = version.is_published or version.status == VersionStatus.SUBMITTED
    diff = version.diff if frozen else pending_diff(version)
    managing = can_manage(request.user, version)
    context = {
        "version": version,
        "diff": diff_view(diff, version, previous),
        "lists": _list_counts(version),
        "benchmarks": Benchmark.objects.filter(item__version=version).count(),
        "others": CatalogVersion.objects.filter(agency_id=version.agency_id).exclude(pk=version.pk),
        "can_manage": managing and transitions.allows(version.status, "edit"),
        "can_submit": managing and transitions.allows(version.status, "submit"),
        "reviews": version.reviews.select_related("reviewer", "decided_by").order_by("-created_at", "-id"),
        "my_reviews": selectors.reviews_pending_for(request.user).filter(version=version),
    }
    return render(request, "catalog/version_detail.html", context)


# ---- items and the derived lists -------------------------------------------------------------------

ITEM_FILTERS = ("version", "agency", "list", "q", "category")


def _list_version(request, filters: dict) -> CatalogVersion | None:
    """The version a list shows: ?version= (404 if not visible); else for ?agency= (or the user's own
    agency, or the first agency with a catalogue) the version in force, the latest published one, or
    the draft."""
    user = request.user
    if pk := int_or_none(filters["version"]):
        return get_version(request, pk)
    agency_id = int_or_none(filters["agency"])
    if agency_id is None:
        own = user.agency_id and selectors.versions_visible_to(user, agency_id=user.agency_id).exists()
        agency_id = user.agency_id if own else None
    versions = selectors.versions_visible_to(user, agency_id=agency_id)
    if agency_id is None:
        first = versions.order_by("agency__region__code", "agency__name").first()
        if first is None:
            return None
        versions = versions.filter(agency_id=first.agency_id)
    published = versions.filter(status=VersionStatus.PUBLISHED).order_by("-number")
    return (
        published.filter(effective_from__lte=timezone.localdate()).first()
        or published.first()
        or versions.order_by("-number").first()
    )


def _list_items(version: CatalogVersion, filters: dict):
    category = filters["category"] if filters["category"] in ItemCategory.values else ""
    return selectors.items_of_list(version, filters["list"] or "all", q=filters["q"], category=category)


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def item_list(request):
    filters = filters_of(request, ITEM_FILTERS)
    version = _list_version(request, filters)
    list_name = filters["list"] if filters["list"] in selectors.DERIVED_LISTS else "all"
    context = {
        "version": version,
        "list_name": list_name,
        "list_title": selectors.DERIVED_LISTS[list_name][0],
        "derived": [(name, title) for name, (title, _) in selectors.DERIVED_LISTS.items()],
        "agencies": active_agencies(request.user, VIEW_VERSION),
        "categories": ItemCategory.choices,
    }
    if version is not None:
        filters = {**filters, "version": str(version.pk), "agency": "", "list": list_name}
        page = paginate(request, _list_items(version, filters))
        context |= {
            "page": page,
            "rows": [
                {"item": item, "steps": [STEP_LABELS.get(s, s) for s in item.av_steps]} for item in page
            ],
            "versions": CatalogVersion.objects.filter(agency_id=version.agency_id).order_by("-number"),
        }
    context |= {"filters": filters, "query": query_of({**filters, "agency": ""})}
    return render(request, "catalog/item_list.html", context)


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def item_export(request):
    """导出Excel of a list (?kind=benchmarks: the benchmarks of its items), in the import's columns."""
    filters = filters_of(request, ITEM_FILTERS)
    version = _list_version(request, filters)
    if version is None:
        raise Http404("没有可导出的清单")
    list_name = filters["list"] if filters["list"] in selectors.DERIVED_LISTS else "all"
    kind = "benchmarks" if request.GET.get("kind") == "benchmarks" else "items"
    headers, rows = _excel().export(kind, _list_items(version, {**filters, "list": list_name}))
    title = selectors.DERIVED_LISTS[list_name][0] if kind == "items" else "裁量基准"
    filename = f"{version.agency.name}{title}（第{version.number}版）.xlsx"
    return xlsx_response(filename, headers, rows)


def _lists_of(item: EnforcementItem) -> list[str]:
    """The derived lists the item is on (one query)."""
    lists = {name: cond for name, (_, cond) in selectors.DERIVED_LISTS.items() if name != "all"}
    found = EnforcementItem.objects.filter(pk=item.pk).aggregate(
        **{name: Count("pk", filter=condition) for name, condition in lists.items()}
    )
    return [selectors.DERIVED_LISTS[name][0] for name in lists if found[name]]


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def item_detail(request, pk: int):
    item = get_item(request, pk)
    version = item.version
    context = {
        "item": item,
        "version": version,
        "bases": list(item.legal_bases.order_by("id")),
        "benchmark": benchmark_of(item),
        "steps": [STEP_LABELS.get(s, s) for s in item.av_steps],
        "lists": _lists_of(item),
        "elsewhere": EnforcementItem.objects.filter(version__agency_id=version.agency_id, code=item.code)
        .exclude(pk=item.pk)
        .select_related("version")
        .order_by("-version__number"),
        "can_manage": transitions.allows(version.status, "edit") and can_manage(request.user, version),
    }
    return render(request, "catalog/item_detail.html", context)


# ---- the draft -------------------------------------------------------------------------------------


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def draft(request):
    """The draft of an agency the user manages (?agency=): its items, or — when there is none — the
    button that opens one (POST), copied from the latest published version."""
    require_manager(request.user)
    agencies = list(active_agencies(request.user, services.MANAGE_CATALOG))
    if not agencies:
        raise PermissionDenied("您无权编制执法事项清单")
    if request.method == "POST":
        form = DraftOpenForm(request.POST, actor=request.user)
        if form.is_valid():
            agency = form.cleaned_data["agency"]
            opened = services.draft_open(actor=request.user, agency=agency)
            messages.success(request, f"已打开{agency.name}清单第{opened.number}版草稿")
            return redirect(draft_url(agency.pk))
        agency = agencies[0]
    else:
        agency = _draft_agency(request, agencies)
        form = DraftOpenForm(initial={"agency": agency.pk}, actor=request.user)
    filters = {**filters_of(request, ("q", "category")), "agency": str(agency.pk)}
    version = CatalogVersion.objects.filter(agency=agency, status__in=OPEN_STATUSES).first()
    context = {
        "agency": agency,
        "agencies": agencies,
        "draft": version,
        "form": form,
        "filters": filters,
        "categories": ItemCategory.choices,
        "base": CatalogVersion.objects.filter(agency=agency, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first(),
    }
    if version is not None:
        category = filters["category"] if filters["category"] in ItemCategory.values else ""
        items = selectors.items_of_list(version, q=filters["q"], category=category).annotate(
            bases=Count("legal_bases")
        )
        context["page"] = paginate(request, items)
    return render(request, "catalog/version_draft.html", context)


def _draft_agency(request, agencies: list[Agency]) -> Agency:
    """?agency= among those the user manages: 404 when not visible at all, 403 when only visible."""
    agency_id = int_or_none(request.GET.get("agency"))
    if agency_id is None:
        own = [a for a in agencies if a.pk == request.user.agency_id]
        return (own or agencies)[0]
    for agency in agencies:
        if agency.pk == agency_id:
            return agency
    if access.visible_to(request.user, Agency.objects.filter(pk=agency_id), VIEW_VERSION).exists():
        raise PermissionDenied("您无权编制该机关的执法事项清单")
    raise Http404("未找到该机关，或您无权查看")


def _item_page(request, version, form, formset, *, title, item=None, adding=False):
    context = {
        "title": title,
        "version": version,
        "item": item,
        "form": form,
        "formset": formset,
        "quiet": adding,  # re-rendered for one more legal basis: no errors yet
        "back_url": reverse("catalog:item_detail", args=[item.pk]) if item else draft_url(version.agency_id),
    }
    return render(request, "catalog/item_form.html", context)


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def item_create(request, pk: int):
    version = get_version(request, pk, manage=True)
    if not transitions.allows(version.status, "edit"):
        return locked(request, version)
    data = request.POST if request.method == "POST" else None
    form = ItemForm(data, agency=version.agency)
    formset = basis_formset(data)
    adding = data is not None and "add_basis" in data
    if data is not None and not adding and (form.is_valid() & formset.is_valid()):
        try:
            item = services.item_create(
                actor=request.user,
                draft=version,
                code=form.cleaned_data["code"],
                legal_bases=[basis.to_input() for basis in formset.chosen()],
                **form.service_data(),
            )
        except ValidationError as exc:
            apply_item_errors(form, formset, exc)
        else:
            messages.success(request, f"已新增事项“{item.code} {item.name}”")
            return redirect("catalog:item_detail", item.pk)
    return _item_page(
        request, version, form, formset, title=f"新增执法事项（第{version.number}版草稿）", adding=adding
    )


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def item_edit(request, pk: int):
    item = get_item(request, pk, manage=True)
    version = item.version
    if not transitions.allows(version.status, "edit"):
        return locked(request, version)
    data = request.POST if request.method == "POST" else None
    form = ItemForm(data, agency=version.agency, item=item)
    formset = basis_formset(data, item=item)
    adding = data is not None and "add_basis" in data
    if data is not None and not adding and (form.is_valid() & formset.is_valid()):
        try:
            services.item_save(
                actor=request.user,
                draft=version,
                code=item.code,
                legal_bases=[basis.to_input() for basis in formset.chosen()],
                **form.service_data(),
            )
        except ValidationError as exc:
            apply_item_errors(form, formset, exc)
        else:
            messages.success(request, "已保存")
            return redirect("catalog:item_detail", item.pk)
    return _item_page(
        request, version, form, formset, title=f"修改：{item.code} {item.name}", item=item, adding=adding
    )


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def item_remove(request, pk: int):
    item = get_item(request, pk, manage=True)
    version = item.version
    if not transitions.allows(version.status, "edit"):
        return locked(request, version)
    form = RemoveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_remove(actor=request.user, draft=version, code=item.code)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已从草稿中删除事项“{item.code} {item.name}”")
            return redirect(draft_url(version.agency_id))
    context = {
        "item": item,
        "version": version,
        "form": form,
        "has_benchmark": Benchmark.objects.filter(item=item).exists(),
    }
    return render(request, "catalog/item_remove.html", context)


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def version_submit(request, pk: int):
    """报送审核: the would-be diff against the latest published version, then reason, note and date;
    the version takes effect only once the county reviewers approve it."""
    version = get_version(request, pk, manage=True)
    if not transitions.allows(version.status, "submit"):
        return locked(request, version)
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submitted = services.version_submit(
                actor=request.user,
                draft=version,
                reason=data["reason"],
                reason_note=data["reason_note"].strip(),
                effective_from=data["effective_from"],
            )
        except ValidationError as exc:
            apply_errors(form, exc, form.error_map)
        else:
            names = "、".join(
                f"{r.reviewer.name}（{r.get_list_name_display()}）"
                for r in submitted.reviews.filter(status="pending")
            )
            messages.success(request, f"已将清单第{submitted.number}版报送{names}审核，审核通过后发布施行")
            return redirect("catalog:version_detail", submitted.pk)
    previous = previous_published(version)
    context = {
        "version": version,
        "form": form,
        "diff": diff_view(pending_diff(version), version, previous),
        "items": version.items.count(),
        "returned": version.reviews.filter(status="returned").select_related("reviewer").first(),
    }
    return render(request, "catalog/version_submit.html", context)


# ---- Excel导入 --------------------------------------------------------------------------------------


def _kinds() -> list[tuple[str, str]]:
    excel = _excel()
    return [(kind, excel.KIND_LABELS[kind]) for kind in excel.KINDS]


@login_required
def import_page(request):
    require_manager(request.user)
    kinds = _kinds()
    initial = {"agency": int_or_none(request.GET.get("agency")), "kind": request.GET.get("kind") or "items"}
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        actor=request.user,
        kinds=kinds,
        initial=initial,
    )
    context = xlsx_import.page_context(request, form, kinds, _excel().import_xlsx)
    result = context["result"]
    context["draft_url"] = draft_url(form.cleaned_data["agency"].pk) if result and result.ok else ""
    return render(request, "catalog/import.html", context)


@login_required
def import_template(request, kind: str):
    require_manager(request.user)
    kinds = dict(_kinds())
    if kind not in kinds:
        raise Http404("没有这种导入模板")
    return xlsx_download(f"{kinds[kind]}导入模板.xlsx", _excel().template_bytes(kind), holds_data=False)
