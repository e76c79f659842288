"""评议考核 reads, scoped by core.access: a justice bureau's supervisors see the schemes of the bureaus
in their region subtree; an agency sees its own published results and consequences."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from zhifa.core import access
from zhifa.core.models import Agency

from . import indicators
from .models import Consequence, Node, Result, Scheme
from .services import VIEW, VIEW_CONSEQUENCE, VIEW_RESULT

SCHEME_SORTS = {"-year": ("-year", "region__code", "-version"), "year": ("year", "region__code", "-version")}
SCHEME_SORT_LABELS = {"-year": "年度从新到旧", "year": "年度从旧到新"}


def schemes_visible_to(
    user, *, q: str = "", year: int | None = None, sort: str = "-year"
) -> QuerySet[Scheme]:
    schemes = access.visible_to(user, Scheme.objects.select_related("bureau", "region"), VIEW)
    if q := q.strip():
        schemes = schemes.filter(
            Q(region__name__icontains=q) | Q(bureau__name__icontains=q) | Q(note__icontains=q)
        )
    if year:
        schemes = schemes.filter(year=year)
    return schemes.order_by(*SCHEME_SORTS.get(sort, SCHEME_SORTS["-year"]))


def scheme_for(user, pk: int) -> Scheme:
    return access.get_visible_or_404(user, Scheme.objects.select_related("bureau", "region"), VIEW, pk=pk)


def results_visible_to(user, *, year: int | None = None) -> QuerySet[Result]:
    """The published lines the user sees: an agency its own, a supervisor those of their region."""
    results = access.visible_to(
        user,
        Result.objects.select_related("agency", "ranking__scheme__region", "ranking__scheme__bureau"),
        VIEW_RESULT,
    )
    if year:
        results = results.filter(ranking__scheme__year=year)
    return results.order_by("-ranking__scheme__year", "ranking_id", "rank", "agency_id")


def result_for(user, pk: int) -> Result:
    return access.get_visible_or_404(
        user,
        Result.objects.select_related("agency", "ranking__scheme__region", "ranking__scheme__bureau"),
        VIEW_RESULT,
        pk=pk,
    )


def consequences_visible_to(user, *, kind: str = "") -> QuerySet[Consequence]:
    rows = access.visible_to(
        user,
        Consequence.objects.select_related("agency", "result__ranking__scheme", "supervision_item"),
        VIEW_CONSEQUENCE,
    )
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-created_at", "-pk")


def drill_for(user, scheme_pk: int, node_pk: int, agency_pk: int) -> tuple[Scheme, Node, Agency]:
    """The scheme, leaf and agency of a drill-down the user may open: the scheme's supervisors, or the
    agency itself once the ranking is published. Anything else is a 404."""
    scheme = Scheme.objects.select_related("bureau", "region").filter(pk=scheme_pk).first()
    node = Node.objects.filter(pk=node_pk, scheme_id=scheme_pk).first()
    agency = Agency.objects.filter(pk=agency_pk).first()
    if scheme is None or node is None or agency is None or indicators.get(node.indicator) is None:
        raise Http404("未找到该对象，或您无权查看")
    if access.can(user, VIEW, scheme):
        return scheme, node, agency
    if results_visible_to(user).filter(ranking__scheme=scheme, agency=agency).exists():
        return scheme, node, agency
    raise Http404("未找到该对象，或您无权查看")


def drill_rows(user, indicator: indicators.Indicator, agency: Agency, year: int, page) -> list[dict]:
    """The rows of one page of a drill-down, each linked to its record's page only when the user may
    open it (a justice bureau may not see an agency's personnel pages, for instance)."""
    rows = []
    for obj in page:
        row = indicator.row(obj)
        url = row.url if indicator.view_perm and access.can(user, indicator.view_perm, obj) else None
        rows.append({"text": row.text, "on": row.on, "url": url, "counted": obj.is_counted})
    return rows
