"""公示 pages, no sign-in: published plans, each draw's commitment (before) and seed and file (after),
published results, and an enterprise's own page reached by its 扫码入企 code."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from zhifa.core.pagination import paginate

from .. import selectors, services
from ..choices import DrawStatus, PlanStatus
from ..drawing import __doc__ as ALGORITHM_TEXT
from ..models import Draw, Plan, Subject
from .staff import draw_file_response


def plans(request):
    page = paginate(request, selectors.published_plans().order_by("-year", "-id"), per_page=20)
    return render(request, "inspections/public_plans.html", {"page": page, "filters": {}})


def _published_plan(pk) -> Plan:
    return get_object_or_404(Plan.objects.select_related("agency"), pk=pk, status=PlanStatus.PUBLISHED)


def plan(request, pk):
    plan = _published_plan(pk)
    page = paginate(request, selectors.public_results(plan), per_page=50)
    context = {
        "plan": plan,
        "items": plan.items.select_related("agency"),
        "draws": selectors.public_draws(plan),
        "page": page,
        "filters": {},
    }
    return render(request, "inspections/public_plan.html", context)


def _draw(pk) -> Draw:
    return get_object_or_404(
        Draw.objects.select_related("plan__agency"), pk=pk, plan__status=PlanStatus.PUBLISHED
    )


def draw(request, pk):
    draw = _draw(pk)
    context = {
        "draw": draw,
        "plan": draw.plan,
        "algorithm": ALGORITHM_TEXT,
        "revealed": draw.status == DrawStatus.REVEALED,
    }
    if context["revealed"]:
        context["tasks"] = draw.tasks.select_related("subject").prefetch_related("inspectors__officer")[:500]
    return render(request, "inspections/public_draw.html", context)


def verify_draw(request):
    """核验抽取: the visitor picks a downloaded draw file and the browser reruns the draw from its seed
    (static/inspections/verify_draw.js, the algorithm of drawing.py); nothing is uploaded."""
    return render(request, "inspections/public_verify_draw.html", {"algorithm": ALGORITHM_TEXT})


def draw_file(request, pk):
    draw = _draw(pk)
    if draw.status != DrawStatus.REVEALED:
        raise Http404("种子公开后才提供抽取文件")
    return draw_file_response(draw)


@require_http_methods(["GET", "POST"])
def enterprise(request, token):
    """The enterprise's page: its inspections by every department, each to be rated once, anonymously."""
    subject = get_object_or_404(Subject, qr_token=token)
    if request.method == "POST":
        try:
            services.rating_submit(
                token=token,
                inspection_id=int(request.POST.get("inspection") or 0),
                score=int(request.POST.get("score") or 0),
                comment=request.POST.get("comment", ""),
            )
            messages.success(request, "感谢您的评价。评价为匿名，检查机关看不到评价人和对应的检查。")
        except (ValidationError, ValueError) as exc:
            for error in getattr(exc, "messages", ["评分应为1至5分"]):
                messages.error(request, error)
        return redirect("inspections_public:enterprise", token)
    history = selectors.history_of(subject)[:100]
    can_scan = request.user.is_authenticated and request.user.has_perm(services.INSPECT)
    return render(
        request,
        "inspections/public_enterprise.html",
        {"subject": subject, "history": history, "can_scan": can_scan},
    )
