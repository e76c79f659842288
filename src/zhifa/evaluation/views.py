"""评议考核 pages (thin: forms → services; reads through selectors). The ranking page is the working page:
the live evaluation while the year is open, the frozen result once published; every number on it links to
the records it counts (the drill-down) or to the manual score and its source."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhifa.cases.evidence import storage
from zhifa.core import access
from zhifa.core.forms import apply_errors, filters_of, query_of, refusal_messages
from zhifa.core.models import Agency, Record
from zhifa.core.pagination import paginate
from zhifa.core.params import id_param, year_param
from zhifa.supervision import attachments
from zhifa.supervision.actions.panels import source_banner

from . import forms, indicators, report, scoring, selectors, services
from .models import ManualScore, Node, Ranking, Result, ScoreFile

SCHEME_FILTERS = ("q", "year", "sort")


def _records(subject) -> list[Record]:
    return list(
        Record.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk)).order_by(
            "at", "id"
        )
    )


@login_required
def scheme_list(request):
    """评议考核方案: the schemes of the bureaus the user supervises, newest year first."""
    raw = filters_of(request, SCHEME_FILTERS)
    sort = raw["sort"] if raw["sort"] in selectors.SCHEME_SORTS else "-year"
    schemes = selectors.schemes_visible_to(request.user, q=raw["q"], year=year_param(request), sort=sort)
    return render(
        request,
        "evaluation/scheme_list.html",
        {
            "page": paginate(request, schemes),
            "filters": raw,
            "query": query_of(raw),
            "sorts": list(selectors.SCHEME_SORT_LABELS.items()),
            "can_create": request.user.has_perm(services.MANAGE),
        },
    )


@login_required
def scheme_create(request):
    if not request.user.has_perm(services.MANAGE):
        raise Http404("未找到该对象，或您无权查看")
    form = forms.SchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scheme = services.scheme_create(actor=request.user, year=form.cleaned_data["year"] or 0)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已按默认指标体系制定考核方案")
            return redirect("evaluation:scheme_detail", scheme.pk)
    return render(request, "evaluation/form.html", {"form": form, "title": "制定评议考核方案"})


@login_required
def scheme_detail(request, pk: int):
    """方案: the indicator tree with weights and how each leaf is scored; edits while a draft."""
    scheme = selectors.scheme_for(request.user, pk)
    nodes = scoring.tree(scheme)
    versions = selectors.schemes_visible_to(request.user).filter(region=scheme.region, year=scheme.year)
    return render(
        request,
        "evaluation/scheme_detail.html",
        {
            "scheme": scheme,
            "nodes": nodes,
            "top": [n for n in nodes if n.parent_id is None],
            "groups": [n for n in nodes if not n.is_leaf],
            "versions": versions,
            "can_edit": not scheme.is_published and access.can(request.user, services.MANAGE, scheme),
            "can_revise": scheme.is_published and access.can(request.user, services.MANAGE, scheme),
            "has_ranking": Ranking.objects.filter(scheme=scheme).exists(),
            "records": _records(scheme),
        },
    )


def _action(request, pk: int, call, done: str):
    scheme = selectors.scheme_for(request.user, pk)
    try:
        result = call(scheme)
    except ValidationError as exc:
        refusal_messages(request, exc)
        return redirect("evaluation:scheme_detail", scheme.pk)
    messages.success(request, done)
    return redirect("evaluation:scheme_detail", getattr(result, "pk", scheme.pk))


@login_required
@require_POST
def scheme_publish(request, pk: int):
    return _action(
        request, pk, lambda s: services.scheme_publish(actor=request.user, scheme=s), "考核方案已发布"
    )


@login_required
def scheme_revise(request, pk: int):
    scheme = selectors.scheme_for(request.user, pk)
    form = forms.ReviseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.scheme_revise(actor=request.user, scheme=scheme, note=form.cleaned_data["note"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已生成第{draft.version}版草稿")
            return redirect("evaluation:scheme_detail", draft.pk)
    return render(
        request, "evaluation/form.html", {"form": form, "title": f"生成新版本：{scheme}", "back": scheme}
    )


def _node_input(form) -> services.NodeInput:
    d = form.cleaned_data
    return services.NodeInput(
        name=d["name"], weight=d["weight"] or "0", indicator=d["indicator"], max_score=d["max_score"] or "100"
    )


@login_required
def node_add(request, pk: int):
    scheme = selectors.scheme_for(request.user, pk)
    parent = Node.objects.filter(scheme=scheme, pk=id_param(request, "parent") or 0).first()
    form = forms.NodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.node_add(actor=request.user, scheme=scheme, parent=parent, data=_node_input(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已增加指标，请调整同级指标权重使其合计为100")
            return redirect("evaluation:scheme_detail", scheme.pk)
    title = f"在“{parent.name}”下增加指标" if parent else "增加一级指标"
    return render(request, "evaluation/form.html", {"form": form, "title": title, "back": scheme})


@login_required
def node_edit(request, pk: int):
    node = get_object_or_404(Node.objects.select_related("scheme"), pk=pk)
    scheme = selectors.scheme_for(request.user, node.scheme_id)
    initial = {
        "name": node.name,
        "weight": node.weight,
        "indicator": node.indicator,
        "max_score": node.max_score,
    }
    form = forms.NodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.node_update(actor=request.user, node=node, data=_node_input(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "指标已修改")
            return redirect("evaluation:scheme_detail", scheme.pk)
    return render(
        request, "evaluation/form.html", {"form": form, "title": f"修改指标：{node.name}", "back": scheme}
    )


@login_required
@require_POST
def node_remove(request, pk: int):
    node = get_object_or_404(Node.objects.select_related("scheme"), pk=pk)
    scheme = selectors.scheme_for(request.user, node.scheme_id)
    try:
        services.node_remove(actor=request.user, node=node)
    except ValidationError as exc:
        refusal_messages(request, exc)
    else:
        messages.success(request, f"已删除指标“{node.name}”")
    return redirect("evaluation:scheme_detail", scheme.pk)


@login_required
def weights_edit(request, pk: int):
    """调整权重 of one set of siblings at once (a set summing to anything but 100 is refused)."""
    scheme = selectors.scheme_for(request.user, pk)
    parent = Node.objects.filter(scheme=scheme, pk=id_param(request, "parent") or 0).first()
    nodes = list(Node.objects.filter(scheme=scheme, parent=parent).order_by("order", "pk"))
    form = forms.WeightsForm(request.POST or None, nodes=nodes)
    if request.method == "POST" and form.is_valid():
        try:
            services.weights_set(actor=request.user, scheme=scheme, parent=parent, weights=form.weights())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "权重已调整")
            return redirect("evaluation:scheme_detail", scheme.pk)
    title = f"调整“{parent.name}”下级指标权重" if parent else "调整一级指标权重"
    return render(request, "evaluation/form.html", {"form": form, "title": title, "back": scheme})


# ---- 排名、下钻、报告 ----------------------------------------------------------------------------------------


def table_of(scheme) -> dict:
    """The ranking as the page and the reports show it: the frozen result once published, else live."""
    nodes = scoring.tree(scheme)
    ranking = Ranking.objects.filter(scheme=scheme).first()
    if ranking is not None:
        results = list(ranking.results.select_related("agency").order_by("rank", "agency__name"))
        lines = [
            {"agency": r.agency, "rank": r.rank, "total": r.total, "scores": r.scores, "result": r}
            for r in results
        ]
    else:
        evaluation = scoring.evaluate(scheme)
        lines = [
            {
                "agency": line.agency,
                "rank": line.rank,
                "total": line.total,
                "scores": {
                    str(pk): services._cell_json(cell) | {"missing": cell.missing}
                    for pk, cell in line.cells.items()
                },
                "result": None,
            }
            for line in evaluation.lines
        ]
    return {"nodes": nodes, "lines": lines, "ranking": ranking}


def _cells(scheme, nodes, line, user, can_score: bool) -> list[dict]:
    cells = []
    for node in nodes:
        data = line["scores"].get(str(node.pk), {})
        url = None
        if node.is_leaf and node.computed is not None:
            url = reverse("evaluation:drill", args=[scheme.pk, node.pk, line["agency"].pk])
        elif node.is_leaf and can_score:
            url = reverse("evaluation:score", args=[scheme.pk, node.pk, line["agency"].pk])
        cells.append({"node": node, "url": url, **data})
    return cells


@login_required
def ranking(request, pk: int):
    scheme = selectors.scheme_for(request.user, pk)
    table = table_of(scheme)
    can_score = table["ranking"] is None and access.can(request.user, services.SCORE, scheme)
    rows = [
        {**line, "cells": _cells(scheme, table["nodes"], line, request.user, can_score)}
        for line in table["lines"]
    ]
    return render(
        request,
        "evaluation/ranking.html",
        {
            "scheme": scheme,
            "nodes": table["nodes"],
            "rows": rows,
            "ranking": table["ranking"],
            "can_publish": table["ranking"] is None
            and scheme.is_published
            and access.can(request.user, services.PUBLISH, scheme),
            "can_score": can_score,
        },
    )


@login_required
@require_POST
def ranking_publish(request, pk: int):
    scheme = selectors.scheme_for(request.user, pk)
    try:
        services.ranking_publish(actor=request.user, scheme=scheme)
    except ValidationError as exc:
        refusal_messages(request, exc)
    else:
        messages.success(request, "考核结果已发布，各机关可查看本机关结果")
    return redirect("evaluation:ranking", scheme.pk)


@login_required
def report_file(request, pk: int, fmt: str):
    scheme = selectors.scheme_for(request.user, pk)
    table = table_of(scheme)
    if fmt == "docx":
        return HttpResponse(
            report.docx(scheme, table),
            content_type=report.DOCX_TYPE,
            headers=report.disposition(scheme, "docx"),
        )
    return HttpResponse(
        report.xlsx(scheme, table), content_type=report.XLSX_TYPE, headers=report.disposition(scheme, "xlsx")
    )


@login_required
def drill(request, pk: int, node: int, agency: int):
    """下钻: the records a computed figure counts, for one agency (✓ counted, the rest the denominator)."""
    scheme, leaf, target = selectors.drill_for(request.user, pk, node, agency)
    indicator = indicators.get(leaf.indicator)
    assert indicator is not None
    queryset = indicators.records(indicator, target, scheme.year).order_by("-pk")
    page = paginate(request, queryset)
    measure = indicators.measure(indicator, Agency.objects.filter(pk=target.pk), scheme.year).get(target.pk)
    return render(
        request,
        "evaluation/drill.html",
        {
            "scheme": scheme,
            "leaf": leaf,
            "agency": target,
            "indicator": indicator,
            "measure": measure,
            "points": indicators.score(indicator, measure, leaf.max_score),
            "page": page,
            "rows": selectors.drill_rows(request.user, indicator, target, scheme.year, page),
            "can_rank": access.can(request.user, services.VIEW, scheme),
        },
    )


@login_required
def score_enter(request, pk: int, node: int, agency: int):
    """录入人工评分 of one manual leaf for one agency, with its source."""
    scheme = selectors.scheme_for(request.user, pk)
    leaf = get_object_or_404(Node, pk=node, scheme=scheme)
    target = get_object_or_404(scoring.evaluated_agencies(scheme), pk=agency)
    current = ManualScore.objects.filter(node=leaf, agency=target).prefetch_related("files").first()
    initial = {"score": current.score, "source": current.source} if current else {}
    form = forms.ScoreForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.score_enter(
                actor=request.user,
                node=leaf,
                agency=target,
                score=form.cleaned_data["score"] or "",
                source=form.cleaned_data["source"],
                files=attachments.uploads_of_form(form.cleaned_data["files"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc, {"score": "score", "node": "score", "agency": "score"})
        else:
            messages.success(request, f"已录入{target.name}的“{leaf.name}”得分")
            return redirect("evaluation:ranking", scheme.pk)
    return render(
        request,
        "evaluation/score.html",
        {"form": form, "scheme": scheme, "leaf": leaf, "agency": target, "current": current},
    )


@login_required
def score_file(request, pk: int):
    row = get_object_or_404(ScoreFile.objects.select_related("score"), pk=pk)
    selectors.scheme_for(request.user, row.score.scheme_id)  # 404 outside what the user may see
    try:
        blob = storage.open_blob(row.sha256)
    except storage.BlobMissing as exc:
        raise Http404("文件缺失，请联系系统管理员") from exc
    response = FileResponse(blob, as_attachment=True, filename=row.name, content_type=row.media_type)
    response["Cache-Control"] = "private, no-store"
    return response


# ---- 考核结果（机关）与结果运用 -------------------------------------------------------------------------------


@login_required
def result_list(request):
    """考核结果: an agency its own published lines, a supervisor those of the region."""
    raw = filters_of(request, ("year",))
    page = paginate(request, selectors.results_visible_to(request.user, year=year_param(request)))
    return render(
        request, "evaluation/result_list.html", {"page": page, "filters": raw, "query": query_of(raw)}
    )


@login_required
def result_detail(request, pk: int):
    result = selectors.result_for(request.user, pk)
    scheme = result.ranking.scheme
    nodes = scoring.tree(scheme)
    line = {"agency": result.agency, "scores": result.scores}
    return render(
        request,
        "evaluation/result_detail.html",
        {
            "result": result,
            "scheme": scheme,
            "cells": _cells(scheme, nodes, line, request.user, False),
            "consequences": selectors.consequences_visible_to(request.user).filter(result=result),
            "can_decide": access.can(request.user, services.VIEW, scheme)
            and request.user.has_perm(services.DECIDE),
            "can_rank": access.can(request.user, services.VIEW, scheme),
            **source_banner(Result)(result, request.user),
        },
    )


@login_required
def consequence_new(request, pk: int):
    result = selectors.result_for(request.user, pk)
    form = forms.ConsequenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.consequence_record(
                actor=request.user,
                result=result,
                data=services.ConsequenceInput(kind=d["kind"], note=d["note"], open_item=d["open_item"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc, {"agencies": "open_item", "title": "open_item"})
        else:
            messages.success(request, "已记录考核结果运用")
            return redirect("evaluation:result_detail", result.pk)
    return render(
        request,
        "evaluation/form.html",
        {"form": form, "title": f"结果运用：{result.agency.name}", "result": result},
    )
