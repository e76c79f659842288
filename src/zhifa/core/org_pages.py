"""机关维护 and 行政区划 (系统管理员): create and edit, replacing the stock Django admin. The agency list and
page are core.views'; these are the forms, each through core.services."""

from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from . import access, services
from .choices import AgencyKind, RegionLevel
from .forms import Form, agency_field, filters_of, offer_agencies, submit
from .models import Agency, Region
from .pagination import paginate

AGENCY_FIELDS = ("name", "short_name", "credit_code", "kind", "region", "parent", "superior_department")


class AgencyForm(Form):
    name = forms.CharField(label="名称", max_length=128)
    short_name = forms.CharField(label="简称（文号前缀）", max_length=16, required=False)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18)
    kind = forms.ChoiceField(label="类别", choices=AgencyKind.choices)
    region = forms.ModelChoiceField(label="所属区划", queryset=Region.objects.none())
    parent = agency_field("上级机关", required=False)
    superior_department = agency_field("业务主管部门（上级同系统部门）", required=False)
    active = forms.BooleanField(label="有效", required=False, initial=True)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = services.regions_of(actor)
        # 上级机关 and 业务主管部门 may lie above the admin's region: any agency they can see
        for name in ("parent", "superior_department"):
            offer_agencies(cast(forms.ModelChoiceField, self.fields[name]), actor, "core.view_agency")


def _agency_initial(agency: Agency) -> dict:
    return {name: getattr(agency, name) for name in (*AGENCY_FIELDS, "active")}


@login_required
@permission_required("core.add_agency", raise_exception=True)
def agency_create(request):
    form = AgencyForm(request.POST or None, actor=request.user)
    saved = submit(
        request,
        form,
        lambda data: services.agency_create(
            actor=request.user, **{name: data[name] for name in AGENCY_FIELDS}
        ),
        done=lambda agency: f"已新增机关“{agency.name}”",
        then=lambda agency: reverse("core:agency_detail", args=[agency.pk]),
    )
    return saved or render(
        request, "core/org_form.html", {"form": form, "title": "新增机关", "back": "core:agency_list"}
    )


@login_required
@permission_required("core.change_agency", raise_exception=True)
def agency_edit(request, pk: int):
    agency = access.get_visible_or_404(request.user, Agency.objects.all(), "core.change_agency", pk=pk)
    form = AgencyForm(request.POST or None, actor=request.user, initial=_agency_initial(agency))

    def save(data):
        changes = {
            name: data[name] for name in (*AGENCY_FIELDS, "active") if data[name] != getattr(agency, name)
        }
        if changes:
            services.agency_update(actor=request.user, agency=agency, **changes)

    saved = submit(
        request, form, save, done="机关信息已保存", then=reverse("core:agency_detail", args=[agency.pk])
    )
    return saved or render(
        request,
        "core/org_form.html",
        {"form": form, "title": f"修改机关：{agency.name}", "back": "core:agency_list"},
    )


# ---- 行政区划 ----------------------------------------------------------------------------------------


class RegionForm(Form):
    code = forms.CharField(label="区划代码", max_length=9)
    name = forms.CharField(label="名称", max_length=64)
    level = forms.ChoiceField(label="级别", choices=RegionLevel.choices)
    parent = forms.ModelChoiceField(label="上级区划", queryset=Region.objects.none())

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = services.regions_of(actor)


class RegionNameForm(Form):
    name = forms.CharField(label="名称", max_length=64)


@login_required
@permission_required("core.change_region", raise_exception=True)
def region_list(request):
    filters = filters_of(request, ("q",))
    regions = services.regions_of(request.user).select_related("parent")
    if filters["q"]:
        regions = regions.filter(Q(name__icontains=filters["q"]) | Q(code__startswith=filters["q"]))
    page = paginate(request, regions.order_by("code"))
    return render(request, "core/region_list.html", {"page": page, "filters": filters})


@login_required
@permission_required("core.add_region", raise_exception=True)
def region_create(request):
    form = RegionForm(request.POST or None, actor=request.user)
    saved = submit(
        request,
        form,
        lambda data: services.region_create(actor=request.user, **data),
        done=lambda region: f"已新增行政区划“{region.name}”",
        then="core:region_list",
    )
    return saved or render(
        request, "core/org_form.html", {"form": form, "title": "新增行政区划", "back": "core:region_list"}
    )


@login_required
@permission_required("core.change_region", raise_exception=True)
def region_edit(request, pk: int):
    region = get_object_or_404(services.regions_of(request.user), pk=pk)
    form = RegionNameForm(request.POST or None, initial={"name": region.name})
    saved = submit(
        request,
        form,
        lambda data: services.region_update(actor=request.user, region=region, name=data["name"]),
        done="行政区划已保存",
        then="core:region_list",
    )
    return saved or render(
        request,
        "core/org_form.html",
        {"form": form, "title": f"修改行政区划：{region}", "back": "core:region_list"},
    )
