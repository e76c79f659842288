"""数据交换 pages: the exchange batches (导出、导入) with their counts and conflicts."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from zhifa.core.pagination import paginate

from . import selectors
from .choices import Direction, Kind

KIND_LABELS = dict(Kind.choices)


def _require_view(request) -> None:
    if not request.user.has_perm(selectors.VIEW):
        raise PermissionDenied("您无权查看数据交换批次")


@login_required
def batch_list(request):
    _require_view(request)
    direction, q = request.GET.get("direction", ""), request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "-created")
    sort = sort if sort in selectors.SORTS else "-created"
    batches = selectors.batches_visible_to(request.user, direction=direction, q=q, sort=sort)
    page = paginate(request, batches)
    return render(
        request,
        "exchange/batches.html",
        {
            "page": page,
            "directions": Direction.choices,
            "sorts": list(selectors.SORT_LABELS.items()),
            "filters": {"direction": direction, "q": q, "sort": sort},
        },
    )


@login_required
def batch_detail(request, pk: int):
    _require_view(request)
    batch = selectors.batch_or_404(request.user, pk)
    counts = [(KIND_LABELS.get(kind, "其他"), n) for kind, n in sorted(batch.counts.items())]
    page = paginate(request, selectors.conflicts_of(batch))
    return render(request, "exchange/batch.html", {"batch": batch, "counts": counts, "page": page})
