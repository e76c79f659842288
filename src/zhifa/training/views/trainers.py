"""培训师资库 pages: list (search by name, unit, specialty or title; sort; paging; Excel), new, detail,
edit and 移出师资库. Phone numbers are masked in the list and export (个人信息保护法 第六条, 最小必要)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import list_context
from zhifa.core.privacy import mask_phone

from .. import forms, selectors
from ..services import trainers
from ..transitions import MANAGE_TRAINER, VIEW_TRAINER
from .shared import form_page, managed, records

FILTERS = ("q", "withdrawn")


def _trainers(request):
    rows = selectors.trainers_visible_to(
        request.user, q=request.GET.get("q", ""), include_withdrawn=request.GET.get("withdrawn") == "1"
    )
    return selectors.TRAINER_SORTS.of(request).apply(rows)


@login_required
@permission_required(VIEW_TRAINER, raise_exception=True)
def trainer_list(request):
    context = list_context(request, _trainers(request), keys=FILTERS, sorts=selectors.TRAINER_SORTS)
    context.update(
        rows=[(t, mask_phone(t.phone)) for t in context["page"].object_list],
        can_create=request.user.has_perm(MANAGE_TRAINER),
    )
    return render(request, "training/trainers.html", context)


TRAINER_EXPORT = exports.register(
    exports.ListExport(
        key="training.trainer_list",
        filename="培训师资库.xlsx",
        columns=(
            Column("姓名", lambda t: t.name),
            Column("工作单位", lambda t: t.unit),
            Column("擅长领域", lambda t: t.specialty),
            Column("职称职务", lambda t: t.title),
            Column("联系方式", lambda t: mask_phone(t.phone)),
            Column("登记机关", lambda t: t.agency.name),
            Column("状态", lambda t: "在库" if t.active else "已移出"),
        ),
        queryset=lambda user, params: _trainers(exports.request_of(params, user)),
        perm=VIEW_TRAINER,
        personal_data=True,  # names with (masked) phone numbers
    )
)


@login_required
@permission_required(VIEW_TRAINER, raise_exception=True)
def trainer_export(request):
    return exports.respond(request, TRAINER_EXPORT)


@login_required
def trainer_new(request):
    if not request.user.has_perm(MANAGE_TRAINER):
        raise Http404("未找到该页面")
    form = forms.TrainerForm(request.POST or None, user=request.user)
    return form_page(
        request, form, title="登记培训师资", back=reverse("training:trainer_list"),
        call=lambda f: trainers.trainer_add(actor=request.user, data=f.to_input()),
        done="培训师资已登记", target=lambda t: reverse("training:trainer_detail", args=[t.pk]),
    )  # fmt: skip


@login_required
def trainer_detail(request, pk: int):
    trainer = selectors.get_trainer(request.user, pk)
    manage = access.can(request.user, MANAGE_TRAINER, trainer)
    return render(
        request,
        "training/trainer.html",
        {
            "trainer": trainer,
            "phone": trainer.phone if manage else mask_phone(trainer.phone),
            "records": records(trainer),
            "can_manage": manage and trainer.active,
        },
    )


def _managed(request, pk: int):
    return managed(request, selectors.get_trainer, pk, MANAGE_TRAINER, "您无权修改该师资信息")


@login_required
def trainer_edit(request, pk: int):
    trainer = _managed(request, pk)
    initial = {k: getattr(trainer, k) for k in ("name", "unit", "specialty", "title", "phone")}
    form = forms.TrainerForm(request.POST or None, initial=initial, user=request.user, editing=True)
    url = reverse("training:trainer_detail", args=[trainer.pk])
    return form_page(
        request, form, title="修改师资信息", back=url,
        call=lambda f: trainers.trainer_update(actor=request.user, trainer=trainer, data=f.to_input()),
        done="师资信息已修改", target=lambda t: url,
    )  # fmt: skip


@login_required
def trainer_withdraw(request, pk: int):
    trainer = _managed(request, pk)
    form = forms.WithdrawForm(request.POST or None)
    url = reverse("training:trainer_detail", args=[trainer.pk])
    return form_page(
        request, form, title="移出师资库", back=url,
        call=lambda f: trainers.trainer_withdraw(actor=request.user, trainer=trainer, reason=f.cleaned_data["reason"]),
        done="已移出师资库", target=lambda t: url,
    )  # fmt: skip
