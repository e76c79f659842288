"""职责边界 pages: the register (search, sort, paging) and 登记划转事项."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from zhifa.core.forms import (
    Form,
    agency_field,
    apply_errors,
    date_field,
    filters_of,
    offer_agencies,
    query_of,
)
from zhifa.core.models import Agency
from zhifa.core.params import paginate

from . import selectors, services


class BoundaryForm(Form):
    agency = agency_field("承接的综合行政执法部门")
    from_agency = forms.ModelChoiceField(label="划出部门", queryset=Agency.objects.none())
    item_code = forms.CharField(label="事项编码", required=False, max_length=32)
    item_name = forms.CharField(label="事项名称", required=False, max_length=200)
    transferred_on = date_field("划转日期")
    document = forms.CharField(label="划转依据", required=False, max_length=128)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = offer_agencies(self.fields["agency"], user, selectors.MANAGE)  # type: ignore[arg-type]
        paths = [a.region.path for a in agencies.select_related("region")[:50]]
        from django.db.models import Q

        q = Q(pk__in=[])
        for path in set(paths):
            q |= Q(region__path__startswith=path)
        self.fields["from_agency"].queryset = Agency.objects.filter(q, active=True).order_by("name")  # type: ignore[attr-defined]

    def to_input(self) -> services.BoundaryInput:
        d = self.cleaned_data
        agency = d["agency"]
        return services.BoundaryInput(
            region=agency.region,
            item_code=d["item_code"],
            item_name=d["item_name"],
            from_agency=d["from_agency"],
            agency=agency,
            transferred_on=d["transferred_on"],
            document=d["document"],
        )


@login_required
def boundary_list(request):
    if not request.user.has_perm(selectors.VIEW):
        raise Http404("未找到该页面")
    raw = filters_of(request, ("q", "sort"))
    sorting = selectors.BOUNDARY_SORTS.parse(raw["sort"])
    raw["sort"] = sorting.value
    page = paginate(request, selectors.boundary_list(request.user, q=raw["q"], sort=raw["sort"]))
    return render(
        request,
        "collaboration/boundaries/list.html",
        {
            "page": page,
            "filters": raw,
            "query": query_of(raw),
            "sorting": sorting,
            "can_manage": request.user.has_perm(selectors.MANAGE),
        },
    )


@login_required
def boundary_new(request):
    if not request.user.has_perm(selectors.MANAGE):
        raise Http404("未找到该页面")
    form = BoundaryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.boundary_add(actor=request.user, data=form.to_input())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "已登记划转事项")
            return redirect("collaboration:boundary_list")
    return render(request, "collaboration/boundaries/form.html", {"form": form, "title": "登记划转事项"})
