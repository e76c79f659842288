"""清单审核 (seed 003 二(一)2): the county reviewer's pending list and one review — the version's diff
and the list under review, with 审核通过 and 退回修改. Reads through catalog.selectors (another agency's
review is a 404), writes through catalog.services."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from zhifa.core import access
from zhifa.core.pagination import paginate

from .. import selectors, services, transitions
from ..choices import ListReviewStatus, ReviewedList
from ._common import diff_view, previous_published

VIEW_REVIEW = "catalog.view_versionreview"


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="退回理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写退回理由"},
    )


@login_required
@permission_required(VIEW_REVIEW, raise_exception=True)
def review_list(request):
    status = request.GET.get("status", ListReviewStatus.PENDING)
    reviews = selectors.reviews_visible_to(request.user)
    if status in ListReviewStatus.values:
        reviews = reviews.filter(status=status)
    context = {
        "page": paginate(request, reviews.order_by("-created_at", "-id")),
        "status": status,
        "statuses": ListReviewStatus.choices,
    }
    return render(request, "catalog/review_list.html", context)


def _review(request, pk: int):
    try:
        return selectors.reviews_visible_to(request.user).get(pk=pk)
    except (ValueError, selectors.VersionReview.DoesNotExist) as exc:
        raise Http404("未找到该审核，或您无权查看") from exc


@login_required
@permission_required(VIEW_REVIEW, raise_exception=True)
def review_detail(request, pk: int):
    review = _review(request, pk)
    version = review.version
    form = ReturnForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                services.version_approve(actor=request.user, review=review)
                messages.success(request, f"已审核通过{version.agency.name}{review.get_list_name_display()}")
                return redirect("catalog:review_detail", review.pk)
            if action == "return":
                form = ReturnForm(request.POST)
                if form.is_valid():
                    services.version_return(
                        actor=request.user, review=review, reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, f"已将{version.agency.name}清单第{version.number}版退回修改")
                    return redirect("catalog:review_detail", review.pk)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        review.refresh_from_db()
    list_name = "random" if review.list_name == ReviewedList.RANDOM else "all"
    items = selectors.items_of_list(version, list_name)
    context = {
        "review": review,
        "version": version,
        "diff": diff_view(version.diff or {}, version, previous_published(version)),
        "list_title": review.get_list_name_display(),
        "form": form,
        "can_decide": review.status == ListReviewStatus.PENDING
        and transitions.allows(version.status, "approve")
        and access.can(request.user, services.APPROVE, review),
        "page": paginate(request, items),
    }
    return render(request, "catalog/review_detail.html", context)
