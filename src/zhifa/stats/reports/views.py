"""报送 pages (thin: forms → services; reads through selectors). The sending agency fills and sends; the
bureau that issued the round reviews, sees the 汇总表 and forwards it up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from zhifa.core import exports
from zhifa.core.exports import Column, xlsx_response
from zhifa.core.forms import Form, apply_errors, filters_of, query_of
from zhifa.core.models import Record
from zhifa.core.pagination import paginate

from . import forms, selectors, services
from .choices import SubmissionStatus
from .kinds import KINDS, ReportKind
from .transitions import MACHINE, MANAGE, is_overdue, offered

FILTER_KEYS = ("q", "kind", "status", "overdue", "mine", "sort")


def _records(obj) -> list[Record]:
    return list(
        Record.objects.filter(subject_type=obj._meta.label_lower, subject_id=str(obj.pk)).order_by("at", "id")
    )


def _filters(request) -> tuple[dict, selectors.Filters]:
    raw = filters_of(request, FILTER_KEYS)
    return raw, selectors.Filters(
        q=raw["q"],
        kind=raw["kind"] if raw["kind"] in ReportKind.values else "",
        status=raw["status"] if raw["status"] in SubmissionStatus.values else "",
        overdue=raw["overdue"] == "1",
        mine=raw["mine"] == "1",
        sort=raw["sort"] if raw["sort"] in selectors.SORTS else "-created",
    )


def _form_page(request, form, call, *, done: str, title: str, back: str, redirect_to, extra=None):
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect_to(result)
    return render(
        request, "stats/reports/form.html", {"form": form, "title": title, "back": back, **(extra or {})}
    )


@login_required
def submission_list(request):
    raw, parsed = _filters(request)
    page = paginate(request, selectors.submissions_visible_to(request.user, parsed))
    return render(request, "stats/reports/list.html", {
        "page": page, "rows": [(s, is_overdue(s)) for s in page], "filters": raw, "query": query_of(raw),
        "kinds": ReportKind.choices, "statuses": SubmissionStatus.choices, "sorts": list(selectors.SORT_LABELS.items()),
        "can_issue": request.user.has_perm(MANAGE),
    })  # fmt: skip


EXPORT = exports.register(
    exports.ListExport(
        key="stats.submission_list",
        filename="报送.xlsx",
        columns=(
            Column("报送事项", lambda s: s.round.get_kind_display()),
            Column("报送期间", lambda s: s.round.period_label),
            Column("报送单位", lambda s: s.agency.name),
            Column("接收机关", lambda s: s.round.agency.name),
            Column("状态", lambda s: s.get_status_display()),
            Column("报送期限", lambda s: s.due_on, "date"),
            Column("是否逾期", lambda s: "已逾期" if is_overdue(s) else ""),
            Column("报送时间", lambda s: s.submitted_at, "datetime"),
        ),
        queryset=lambda user, params: selectors.submissions_visible_to(
            user, _filters(exports.request_of(params))[1]
        ),
    )
)


@login_required
def submission_export(request):
    return exports.respond(request, EXPORT)


@login_required
def submission_detail(request, pk: int):
    submission = selectors.get_submission(request.user, pk)
    spec = KINDS[submission.round.kind]
    sent = submission.status in (
        SubmissionStatus.SUBMITTED,
        SubmissionStatus.ACCEPTED,
        SubmissionStatus.RETURNED,
    )
    lines = [
        (f.label, selectors.money(submission.figures.get(f.key)) if sent and f.key in submission.figures else "—",
         selectors.money(submission.computed[f.key]) if f.key in submission.computed else "—",
         submission.reasons.get(f.key, ""))
        for f in spec.figures
    ]  # fmt: skip
    return render(request, "stats/reports/detail.html", {
        "s": submission, "spec": spec, "lines": lines, "overdue": is_overdue(submission),
        "records": _records(submission),
        "offered": MACHINE.buttons(submission, offered(request.user, submission)),
    })  # fmt: skip


@login_required
def submission_step(request, pk: int, action: str):
    submission = selectors.get_submission(request.user, pk)
    if action not in ("submit", "accept", "return"):
        raise Http404("没有该操作")
    back = reverse("stats:submission_detail", args=[pk])
    subject = f"{submission.round}（{submission.agency.name}）"
    form: Form
    if action == "submit":
        computed = services.prefill(submission)
        spec = KINDS[submission.round.kind]
        fill = form = forms.FillForm(
            request.POST or None, spec=spec, computed=computed, initial_figures=submission.figures,
            initial_reasons=submission.reasons, note=submission.note,
        )  # fmt: skip

        def call(data):
            figures, reasons, note = fill.parts()
            return services.submission_submit(
                actor=request.user, submission=submission, figures=figures, reasons=reasons, note=note
            )

        hint = spec.basis + (f"。退回理由：{submission.return_reason}" if submission.return_reason else "")
    elif action == "accept":
        form = forms.EmptyForm(request.POST or None)

        def call(data):
            return services.submission_accept(actor=request.user, submission=submission)

        hint = "审核通过后，该单位的数据计入汇总表合计。"
    else:
        form = forms.ReturnForm(request.POST or None)

        def call(data):
            return services.submission_return(
                actor=request.user, submission=submission, reason=data["reason"]
            )

        hint = "退回后，报送单位应按退回理由修改后重新报送。"
    label = MACHINE.first(action).label
    return _form_page(request, form, call, done=f"已{label}", title=label, back=back,
                      redirect_to=lambda _: redirect("stats:submission_detail", pk),
                      extra={"subject_line": subject, "hint": hint})  # fmt: skip


# ---- 报送任务 (the bureau's) -------------------------------------------------------------------------------


@login_required
def round_list(request):
    raw = filters_of(request, ("q", "kind", "sort"))
    kind = raw["kind"] if raw["kind"] in ReportKind.values else ""
    sort = raw["sort"] if raw["sort"] in selectors.ROUND_SORTS else "-created"
    page = paginate(request, selectors.rounds_visible_to(request.user, raw["q"], kind, sort))
    return render(request, "stats/reports/rounds.html", {
        "page": page, "filters": raw, "query": query_of(raw), "kinds": ReportKind.choices,
        "sorts": list(selectors.ROUND_SORT_LABELS.items()), "can_issue": request.user.has_perm(MANAGE),
    })  # fmt: skip


@login_required
def round_new(request):
    """下发报送任务: the signed-in supervisor's bureau to the agencies of its region."""
    if not request.user.has_perm(MANAGE) or request.user.agency is None:
        raise Http404("未找到该页面")
    form = forms.RoundForm(request.POST or None)

    def call(data):
        return services.round_issue(actor=request.user, bureau=request.user.agency,
                                    data=services.RoundInput(kind=data["kind"], period=data["period"], note=data["note"]))  # fmt: skip

    rules = "；".join(f"{spec.label}：{spec.rule}" for spec in KINDS.values())
    return _form_page(request, form, call, done="报送任务已下发", title="下发报送任务",
                      back=reverse("stats:round_list"), redirect_to=lambda r: redirect("stats:round_detail", r.pk),
                      extra={"hint": f"向本区划各行政执法机关下发。报送期限——{rules}。"})  # fmt: skip


@login_required
def round_detail(request, pk: int):
    round_ = selectors.get_round(request.user, pk)
    return render(request, "stats/reports/round.html", {
        "round": round_, "table": selectors.table(round_), "records": _records(round_),
        "can_forward": request.user.agency_id == round_.agency_id and request.user.has_perm(MANAGE),
    })  # fmt: skip


@login_required
def round_export(request, pk: int):
    """汇总表 as xlsx: every agency's figures, missing and overdue marked, the totals of the accepted ones."""
    return round_xlsx(selectors.get_round(request.user, pk))


def round_xlsx(round_):
    table = selectors.table(round_)
    headers = ["报送单位", "状态", "报送期限", "是否逾期", *(f.label for f in table.spec.figures)]
    rows = [
        [line.submission.agency.name, line.submission.get_status_display(), line.submission.due_on,
         "已逾期" if line.overdue else "", *(v if v is not None else "未报送" for v in line.values)]
        for line in table.lines
    ]  # fmt: skip
    rows.append(["合计（审核通过的单位）", f"{table.accepted}/{table.expected}", "", "", *table.totals])
    return xlsx_response(f"{round_}汇总表.xlsx", headers, rows)


@login_required
def round_forward(request, pk: int):
    """汇总上报: the accepted totals as this bureau's submission to the bureau one level up."""
    round_ = selectors.get_round(request.user, pk)
    form = forms.EmptyForm(request.POST or None)

    def call(data):
        return services.round_forward(actor=request.user, round=round_)

    return _form_page(request, form, call, done="已汇总上报", title="汇总上报", back=reverse("stats:round_detail", args=[pk]),
                      redirect_to=lambda s: redirect("stats:submission_detail", s.pk),
                      extra={"subject_line": str(round_),
                             "hint": "将本区划审核通过的报送数据合计，作为本机关的报送报上级司法行政部门。"})  # fmt: skip
