"""音像记录设备 pages (thin: forms → services; reads through selectors): the register with search, sort,
paging and Excel; a device with its 领用/归还 history; the ratio per agency against its standard; the
justice bureau's 摸底统计; and the device a recorded piece of evidence was made on."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import apply_errors, filters_of, query_of, submit
from zhifa.core.models import Record
from zhifa.core.pagination import paginate
from zhifa.core.params import id_param

from . import forms, selectors, services, survey
from .choices import DeviceKind, DeviceStatus
from .transitions import LINK, MANAGE, MANAGE_STANDARD, VIEW, VIEW_EVIDENCE, VIEW_SURVEY

FILTERS = ("q", "kind", "status", "held", "sort", "agency")


def _records(subject) -> list[Record]:
    """The subject's records, each with the officer a 领用/归还 names (`officer_name`, else "")."""
    rows = list(
        Record.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk)).order_by(
            "at", "id"
        )
    )
    for row in rows:
        row.officer_name = json.loads(row.payload or "{}").get("officer_name", "")  # type: ignore[attr-defined]
    return rows


def _filters(request) -> tuple[dict, selectors.DeviceFilters]:
    raw = filters_of(request, FILTERS)
    parsed = selectors.DeviceFilters(
        q=raw["q"],
        kind=raw["kind"] if raw["kind"] in DeviceKind.values else "",
        status=raw["status"] if raw["status"] in DeviceStatus.values else "",
        held=raw["held"] if raw["held"] in ("0", "1") else "",
        agency=id_param(request, "agency"),
        sort=raw["sort"] if raw["sort"] in selectors.SORTS else "agency",
    )
    return raw, parsed


@login_required
def device_list(request):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied("您无权查看音像记录设备")
    raw, parsed = _filters(request)
    page = paginate(request, selectors.devices_visible_to(request.user, parsed))
    return render(
        request,
        "equipment/devices.html",
        {
            "page": page,
            "filters": raw,
            "query": query_of(raw),
            "kinds": DeviceKind.choices,
            "statuses": DeviceStatus.choices,
            "sorts": list(selectors.SORT_LABELS.items()),
            "can_register": request.user.has_perm(MANAGE),
        },
    )


DEVICE_EXPORT = exports.register(
    exports.ListExport(
        key="equipment.device_list",
        filename="音像记录设备.xlsx",
        columns=(
            Column("所属机关", lambda d: d.agency.name),
            Column("设备种类", lambda d: d.get_kind_display()),
            Column("品牌型号", lambda d: d.model),
            Column("设备编号", lambda d: d.number),
            Column("状态", lambda d: d.get_status_display()),
            Column("配备日期", lambda d: d.acquired_on, "date"),
            Column("领用人", lambda d: d.holder.name if d.holder else ""),
            Column("领用时间", lambda d: d.held_since, "datetime"),
            Column("备注", lambda d: d.note),
        ),
        queryset=lambda user, params: selectors.devices_visible_to(
            user, _filters(exports.request_of(params))[1]
        ),
        perm=VIEW,
    )
)


@login_required
def device_export(request):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied("您无权查看音像记录设备")
    _filters(request)  # a malformed agency id is a 400, as on the list
    return exports.respond(request, DEVICE_EXPORT)


@login_required
def device_new(request):
    if not request.user.has_perm(MANAGE):
        raise Http404("未找到该页面")
    form = forms.DeviceNewForm(request.POST or None, user=request.user)
    saved = submit(
        request,
        form,
        lambda data: services.device_register(
            actor=request.user, agency=data["agency"], data=form.to_input()
        ),
        done="设备已登记",
        then=lambda device: reverse("equipment:device_detail", args=[device.pk]),
    )
    return saved or render(request, "equipment/form.html", {"form": form, "title": "登记音像记录设备"})


@login_required
def device_detail(request, pk: int):
    device = selectors.get_device(request.user, pk)
    can_manage = access.can(request.user, MANAGE, device)
    return render(
        request,
        "equipment/device.html",
        {
            "device": device,
            "records": _records(device),
            "can_manage": can_manage,
            "recordings": device.recordings.select_related("evidence__case").order_by("-linked_at")[:20],
        },
    )


def _managed(request, pk: int):
    device = selectors.get_device(request.user, pk)
    if not access.can(request.user, MANAGE, device):
        raise PermissionDenied("您无权执行此操作")
    return device


@login_required
def device_edit(request, pk: int):
    device = _managed(request, pk)
    initial = {name: getattr(device, name) for name in services.DEVICE_FIELDS}
    form = forms.DeviceForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda _data: services.device_update(actor=request.user, device=device, data=form.to_input()),
        done="设备信息已更新",
        then=reverse("equipment:device_detail", args=[device.pk]),
    )
    title = f"更新设备信息：{device.number}"
    return saved or render(request, "equipment/form.html", {"form": form, "title": title, "device": device})


@login_required
def device_issue(request, pk: int):
    device = _managed(request, pk)
    form = forms.IssueForm(request.POST or None, device=device)
    saved = submit(
        request,
        form,
        lambda data: services.device_issue(actor=request.user, device=device, officer=data["officer"]),
        done="已办理领用",
        then=reverse("equipment:device_detail", args=[device.pk]),
    )
    title = f"领用设备：{device.number}"
    return saved or render(request, "equipment/form.html", {"form": form, "title": title, "device": device})


@login_required
def device_return(request, pk: int):
    device = _managed(request, pk)
    form = forms.ReturnForm(request.POST if request.method == "POST" else None)
    saved = submit(
        request,
        form,
        lambda _data: services.device_return(actor=request.user, device=device),
        done="已办理归还",
        then=reverse("equipment:device_detail", args=[device.pk]),
    )
    title = f"归还设备：{device.number}"
    return saved or render(request, "equipment/form.html", {"form": form, "title": title, "device": device})


# ---- 配备比例 ---------------------------------------------------------------------------------------------


@login_required
def ratios(request):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied("您无权查看音像记录设备")
    raw = filters_of(request, ("q", "below"))
    agencies = selectors.agencies_for_ratio(request.user, q=raw["q"])
    if raw["below"] == "1":
        below = [row.agency.pk for row in selectors.agencies_below(request.user)]
        agencies = agencies.filter(pk__in=below)
    page = paginate(request, agencies)
    rows = selectors.equipment_by_agency(list(page))
    return render(
        request,
        "equipment/ratios.html",
        {
            "page": page,
            "rows": [rows[a.pk] for a in page],
            "filters": raw,
            "query": query_of(raw),
            # a 司法所 reads its township's ratios and sets no agency's standard (core.access.township_reader)
            "can_set": request.user.has_perm(MANAGE_STANDARD) and not access.township_reader(request.user),
        },
    )


@login_required
def standard_edit(request, agency_id: int):
    agency = selectors.get_agency(request.user, agency_id)
    if not access.can(request.user, MANAGE_STANDARD, agency):
        raise PermissionDenied("您无权设置该机关的配备标准")
    current = selectors.equipment_by_agency([agency])[agency.pk]
    form = forms.StandardForm(request.POST or None, initial={"ratio": current.ratio})
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_set(
                actor=request.user,
                agency=agency,
                ratio=form.cleaned_data["ratio"],
                basis=form.cleaned_data["basis"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "配备标准已设置")
            return redirect("equipment:ratios")
    title = f"设置配备标准：{agency.name}"
    return render(request, "equipment/form.html", {"form": form, "title": title, "agency": agency})


# ---- 摸底统计 ---------------------------------------------------------------------------------------------


def _survey_agencies(request):
    if not request.user.has_perm(VIEW_SURVEY):
        raise PermissionDenied("您无权查看摸底统计")
    return selectors.agencies_for_ratio(request.user, q=filters_of(request, ("q",))["q"])


@login_required
def survey_table(request):
    agencies = _survey_agencies(request)
    page = paginate(request, agencies)
    raw = filters_of(request, ("q",))
    return render(
        request,
        "equipment/survey.html",
        {"page": page, "rows": survey.survey_rows(list(page)), "filters": raw, "query": query_of(raw)},
    )


@login_required
def survey_export(request):
    rows = survey.survey_rows(list(_survey_agencies(request)))
    return exports.xlsx_response("摸底统计.xlsx", survey.HEADERS, (survey.as_cells(row) for row in rows))


# ---- 证据的记录设备 --------------------------------------------------------------------------------------


@login_required
def evidence_device(request, evidence_id: int):
    evidence = selectors.get_evidence(request.user, evidence_id, VIEW_EVIDENCE)
    link = selectors.recording_of(evidence)
    can_link = link is None and access.can(request.user, LINK, evidence)
    form = forms.LinkForm(request.POST or None, devices=selectors.devices_for_evidence(evidence))
    if request.method == "POST":
        if not access.can(request.user, LINK, evidence):
            raise PermissionDenied("您无权标注该证据的记录设备")
        if form.is_valid():
            try:
                services.recording_link(
                    actor=request.user, evidence=evidence, device=form.cleaned_data["device"]
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "已标注记录设备")
                return redirect("cases:case_detail", evidence.case_id)
    return render(
        request,
        "equipment/evidence_device.html",
        {"evidence": evidence, "link": link, "form": form, "can_link": can_link},
    )
