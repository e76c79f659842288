"""The forms of a case's steps, each calling its service: 案件登记, 简易程序, and every transition of the
ordinary procedure (one spec per action: which form, which service; who may and in which status is the
transition table's, cases.transitions). A refusal of the service comes back next to its field, with the
input kept; nothing is written on GET."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from zhifa.catalog import discretion
from zhifa.core import access
from zhifa.core.forms import apply_errors, int_or_none
from zhifa.core.models import Agency
from zhifa.core.selectors import active_agencies
from zhifa.publicity.clocks import WITHDRAW_WORKDAYS
from zhifa.registry import selectors as registry

from .. import forms, rules, selectors, services, transitions
from ..clocks import DECISION_DAYS, HEARING_REQUEST_WORKDAYS, SERVICE_WORKDAYS
from ..documents import requirements
from ..models import Case
from ._common import VIEW, render_step

HANDLE, APPROVE = services.HANDLE, services.APPROVE


# ---- the actions on one case ------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    slug: str  # the action of the transition table
    form: type
    call: Callable  # call(actor, case, form) -> Case
    done: str
    notice: str = ""
    submit: str = "提交"

    @property
    def label(self) -> str:
        return transitions.first(self.slug).label

    @property
    def perm(self) -> str:
        return transitions.first(self.slug).perm

    @property
    def statuses(self) -> tuple[str, ...]:
        return transitions.sources(self.slug)

    def offered(self, case: Case) -> bool:
        return self.slug in transitions.offered(case, {self.perm})


def _assign(actor, case, form):
    return services.case_assign(actor=actor, case=case, handlers=form.handlers())


def _register(actor, case, form):
    return services.case_register(actor=actor, case=case, on=form.cleaned_data["registered_on"])


def _decline(actor, case, form):
    return services.case_decline(actor=actor, case=case, reason=form.cleaned_data["reason"])


def _step(actor, case, form):
    data = form.cleaned_data
    return services.case_record_step(
        actor=actor, case=case, step=data["step"], note=data["note"], place=data.get("place", "")
    )


def _extend(actor, case, form):
    data = form.cleaned_data
    return services.case_extend(actor=actor, case=case, days=data["days"], reason=data["extension_reason"])


def _submit(actor, case, form):
    data = form.cleaned_data
    return services.case_submit_for_review(
        actor=actor, case=case, report=data["investigation_report"], is_complex=data["is_complex"]
    )


def _notify(actor, case, form):
    data = form.cleaned_data
    return services.case_notify(
        actor=actor,
        case=case,
        on=data["on"],
        proposed=data["proposed"],
        hearing_rights=data["hearing_rights"],
    )


def _statement(actor, case, form):
    data = form.cleaned_data
    return services.case_record_statement(
        actor=actor, case=case, statement=data["statement"], supervisor=data.get("supervisor")
    )


def _hearing_request(actor, case, form):
    data = form.cleaned_data
    return services.case_request_hearing(
        actor=actor, case=case, on=data["on"], supervisor=data.get("supervisor")
    )


def _hearing(actor, case, form):
    data = form.cleaned_data
    return services.case_hold_hearing(
        actor=actor, case=case, on=data["on"], summary=data["summary"], host=data["host"]
    )


def _serve_notice(actor, case, form):
    data = form.cleaned_data
    return services.case_serve_notice(
        actor=actor,
        case=case,
        on=data["served_on"],
        method=data["method"],
        recipient=data["recipient"],
        supervisor=data.get("supervisor"),
    )


def _decide(actor, case, form):
    return services.case_decide(actor=actor, case=case, decision=form.decision_input())


def _serve(actor, case, form):
    data = form.cleaned_data
    return services.case_serve(
        actor=actor,
        case=case,
        on=data["served_on"],
        method=data["method"],
        recipient=data["recipient"],
        note=data.get("note", ""),
        supervisor=data.get("supervisor"),
    )


def _execute(actor, case, form):
    data = form.cleaned_data
    return services.case_execute(
        actor=actor,
        case=case,
        kind=data["kind"],
        on=data["on"],
        amount=data.get("amount"),
        note=data.get("note", ""),
        supervisor=data.get("supervisor"),
    )


def _close(actor, case, form):
    data = form.cleaned_data
    return services.case_close(actor=actor, case=case, on=data["on"], summary=data["summary"])


def _archive(actor, case, form):
    return services.case_archive(actor=actor, case=case)


def _challenge(actor, case, form):
    data = form.cleaned_data
    return services.case_challenge_file(
        actor=actor, case=case, kind=data["kind"], organ=data["organ"], filed_on=data["filed_on"]
    )


def _conclude_challenge(actor, case, form):
    data = form.cleaned_data
    return services.case_challenge_conclude(
        actor=actor,
        challenge=data["challenge"],
        outcome=data["outcome"],
        on=data["concluded_on"],
        note=data.get("note", ""),
    )


ACTIONS: dict[str, Action] = {
    a.slug: a
    for a in [
        Action("assign", forms.AssignForm, _assign, "已指定承办人员",
               "承办人员不得少于两人，且须持有本领域有效执法证件；执法辅助人员只能担任辅助人员。"),
        Action("register", forms.RegisterForm, _register, "已立案",
               f"经负责人批准立案；立案后案件取得编号，自立案之日起{DECISION_DAYS}日内作出决定。", submit="批准立案"),
        Action("decline", forms.DeclineForm, _decline, "已决定不予立案"),
        Action("step", forms.StepForm, _step, "已记录",
               "执法人员不少于两人，出示执法证件；须音像记录的环节请上传录音或视频。", submit="记录"),
        Action("extend", forms.ExtendForm, _extend, "已延长办案期限",
               "经负责人批准延长，写明理由（行政处罚法第六十条）。", submit="批准延长"),
        Action("submit-review", forms.SubmitReviewForm, _submit, "已提交审核"),
        Action("notify", forms.NotifyForm, _notify, "已事先告知",
               f"告知拟作出的处罚内容及事实、理由、依据，以及陈述、申辩、要求听证的权利；听证申请期限为告知后{HEARING_REQUEST_WORKDAYS}个工作日，陈述、申辩期限为告知后本机关设定的工作日数（{{statement}}个）；告知书送达当事人后请登记送达，期限自送达之日起计算。"),
        Action("serve-notice", forms.ServeNoticeForm, _serve_notice, "已登记告知书送达",
               "陈述、申辩期限和听证申请期限自告知书送达当事人之日起计算（行政处罚法第六十四条：告知后五日内提出）。",
               submit="登记送达"),
        Action("statement", forms.StatementForm, _statement, "已记录陈述申辩"),
        Action("hearing-request", forms.HearingRequestForm, _hearing_request, "已登记听证申请"),
        Action("hearing", forms.HearingForm, _hearing, "已记录听证"),
        Action("decide", forms.DecideForm, _decide, "已作出决定",
               "处罚决定须在事先告知后、陈述申辩期限（{statement}个工作日）和听证申请期限届满或当事人书面放弃之后"
               "（申请听证的，须先举行听证）作出；罚款不在裁量基准推荐幅度内的，须写明理由。", submit="作出决定"),
        Action("serve", forms.ServeForm, _serve, "已送达", f"决定之日起{SERVICE_WORKDAYS}个工作日内送达，超期的将记为超期送达。"),
        Action("execute", forms.ExecuteForm, _execute, "已登记执行情况"),
        Action("close", forms.CloseForm, _close, "已结案", submit="批准结案"),
        Action("challenge", forms.ChallengeForm, _challenge, "已登记复议、诉讼", submit="登记"),
        Action("challenge-outcome", forms.ChallengeConcludeForm, _conclude_challenge, "已登记复议、诉讼结果",
               f"决定被撤销、变更或确认违法的，已公示的信息将在{WITHDRAW_WORKDAYS}个工作日内撤下。",
               submit="登记结果"),
        Action("archive", forms.ArchiveForm, _archive, "已归档", "归档后案件不再办理。", submit="归档"),
    ]
}  # fmt: skip


def offered_actions(user, case: Case) -> list[Action]:
    """The steps the case's status allows and `user` may do (selectors.offered_actions), in the
    transition table's order."""
    return [ACTIONS[slug] for slug in selectors.offered_actions(user, case)]


def _form_kwargs(action: Action, case: Case) -> dict:
    with_case = (forms.AssignForm, forms.DecideForm, forms.ChallengeConcludeForm, forms.HearingForm)
    return {"case": case} if action.form in with_case or issubclass(action.form, forms.SupervisedForm) else {}


def _recommendation(case: Case, form) -> dict:
    """The discretion calculator for the decision form: the range for the facts entered, or why not."""
    item = case.items.order_by("code").first()
    if item is None:
        return {"error": "案件没有执法事项"}
    data = form.cleaned_data if form.is_valid() else {}
    on = data.get("decided_on") or timezone.localdate()
    try:
        result = discretion.recommend(item, form.facts() if data else {}, on=on)
    except ValidationError as exc:
        return {"error": "；".join(exc.messages)}
    fine = data.get("fine")
    return {
        "result": result,
        "fine": fine,
        "fine_allowed": result.allows_fine(fine) if fine is not None else None,
        "applying": [ex for ex in result.exemptions if ex["applies"]],
    }


@login_required
@permission_required(VIEW, raise_exception=True)
def case_action(request, pk: int, action: str):
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("没有这个办案环节")
    case = selectors.get_case(request.user, pk)
    access.require(request.user, spec.perm, case)  # 403 when the user may see but not do this
    form = spec.form(request.POST if request.method == "POST" else None, **_form_kwargs(spec, case))
    recommendation = None
    if request.method == "POST" and "_recommend" in request.POST:  # the no-script calculator button
        form = forms.RecommendForm(request.POST, case=case)  # every field optional: no errors yet
        recommendation = _recommendation(case, form)
    elif request.method == "POST" and form.is_valid():
        try:
            spec.call(request.user, case, form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, spec.done)
            return redirect("cases:case_detail", case.pk)
    # the agency's own 陈述、申辩 period (the case's, once notified) in the notices that state it
    notice = spec.notice.replace("{statement}", str(rules.case_statement_workdays(case)))
    if refusal := rules.act_refusal(request.user, case, spec.slug):
        notice = refusal + "。" + notice
    if spec.slug == "decide" and (wait := rules.decision_wait(case)) and wait.running(timezone.localdate()):
        notice = f"{wait.refusal()}；可作出处罚决定日期：{rules.cn_date(wait.allowed_from)}。{notice}"
    if not spec.offered(case):
        notice = f"案件当前为“{case.get_status_display()}”，通常不能{spec.label}。" + (
            notice and " " + notice
        )
    template = "cases/step_decide.html" if spec.slug == "decide" else "cases/step_form.html"
    return render_step(
        request,
        case,
        f"{spec.label}：{case.number or case.summary}",
        form,
        submit=spec.submit,
        notice=notice,
        template=template,
        back_url=reverse("cases:case_detail", args=[case.pk]),
        action=spec,
        step=f"cases.{spec.slug}",
        recommendation=recommendation,
        needs=requirements.needs(case, spec.slug) if spec.offered(case) else [],
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def case_recommend(request, pk: int):
    """htmx: the recommended range for the facts typed into the decision form (reads only)."""
    case = selectors.get_case(request.user, pk)
    form = forms.RecommendForm(request.GET, case=case)
    return render(request, "cases/_recommendation.html", {"case": case, **_recommendation(case, form)})


# ---- 案件登记 and 简易程序 -----------------------------------------------------------------------------


def _agency_of(request):
    """The agency chosen in ?agency= / the posted form among those the user may handle cases in."""
    agencies = active_agencies(request.user, HANDLE)
    chosen = int_or_none(request.POST.get("agency") or request.GET.get("agency"))
    agency = agencies.filter(pk=chosen).first() if chosen else None
    return agency or agencies.first()


def _require_handling(request) -> Agency:
    if not request.user.has_perm(HANDLE):
        raise PermissionDenied("您无权登记案件")
    agency = _agency_of(request)
    if agency is None:
        raise PermissionDenied("您无权在任何机关登记案件")
    return agency


@login_required
@permission_required(VIEW, raise_exception=True)
def case_intake(request):
    agency = _require_handling(request)
    form = forms.IntakeForm(request.POST or None, actor=request.user, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_intake(
                actor=request.user,
                agency=form.cleaned_data["agency"],
                data=form.intake_input(),
                supervisor=form.cleaned_data.get("supervisor"),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已登记案件，请指定承办人员后报请立案")
            return redirect("cases:case_detail", case.pk)
    return render(
        request,
        "cases/case_intake.html",
        {"form": form, "agency": agency, "title": "登记案件", "back_url": reverse("cases:case_list")},
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def simple_new(request):
    agency = _require_handling(request)
    form = forms.SimpleForm(request.POST or None, actor=request.user, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_simple(
                actor=request.user,
                agency=data["agency"],
                data=form.intake_input(),
                handlers=form.handlers(),
                decision=form.decision_input(),
                recipient=data.get("recipient", ""),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已当场作出处罚决定{case.number}，请上传当场处罚的音像记录后报备案")
            return redirect("cases:case_detail", case.pk)
    return render(
        request,
        "cases/case_simple.html",
        {
            "refusal": registry.acting_refusal(
                request.user, [], on=timezone.localdate(), act=transitions.first("simple").label
            ),
            "form": form,
            "agency": agency,
            "title": "简易程序（当场处罚）",
            "back_url": reverse("cases:case_list"),
        },
    )
