"""What each business event tells whom. The services where the event happens call these directly (one line
each, no signals), inside their transaction: the messages commit or roll back with the action, and the
outbound channels run after the commit (services.notify). The actor is never told of their own action."""

import hashlib
import logging
from datetime import date

from django.conf import settings
from django.urls import reverse

from .choices import MessageKind
from .services import notify

log = logging.getLogger("zhifa.notifications")

DEFAULT_DUE_WORKDAYS = 3


def _others(users, actor) -> list:
    actor_pk = getattr(actor, "pk", None)
    return [user for user in users if user is not None and user.pk != actor_pk]


# ---- 任务分派 -----------------------------------------------------------------------------------------


def case_assigned(case, handlers, actor) -> None:
    """指定承办人员: each handler with an account is told (the officer's login, registry.Officer.user)."""
    users = [officer.user for officer, _ in handlers if officer.user_id]
    notify(
        _others(users, actor),
        MessageKind.ASSIGNED,
        f"案件已指定您承办：{case.summary}",
        f"案件{case.number or '（未立案）'}，指定人：{_name(actor)}",
        reverse("cases:case_detail", args=[case.pk]),
    )


def review_assigned(review, actor) -> None:
    """送审 (the reviewer picked) or 指派 by the justice bureau: the reviewer is told."""
    notify(
        _others([review.reviewer], actor),
        MessageKind.ASSIGNED,
        f"法制审核已指派给您：{review.case.summary}",
        f"案件{review.case.number or '（未立案）'}，审核期限{_day(review.due_on)}",
        reverse("review:review_detail", args=[review.pk]),
    )


# ---- 退回 ---------------------------------------------------------------------------------------------


def review_returned(review, actor) -> None:
    """法制审核意见“存在问题”: whoever sent it for review must answer and submit again."""
    notify(
        _others([review.created_by], actor),
        MessageKind.RETURNED,
        f"法制审核存在问题，请研究处理后再次送审：{review.case.summary}",
        f"案件{review.case.number or '（未立案）'}，审核人：{_name(actor)}",
        reverse("review:review_detail", args=[review.pk]),
    )


def submission_returned(submission, actor) -> None:
    """统计报表退回修改: whoever submitted it corrects it by the new due date."""
    notify(
        _others([submission.submitted_by], actor),
        MessageKind.RETURNED,
        f"统计报表被退回修改：{submission.round}",
        f"退回理由：{submission.return_reason}；请于{_day(submission.due_on)}前重新报送",
        reverse("stats:submission_detail", args=[submission.pk]),
    )


# ---- 督办/升级 -----------------------------------------------------------------------------------------


def supervision_escalated(escalation, actor) -> None:
    """逾期升级 of a 监督事项: the supervised agency's leaders (科室负责人、机关负责人), who answer it."""
    from zhifa.accounts.choices import RoleCode
    from zhifa.accounts.models import User

    item = escalation.item
    leaders = User.objects.filter(
        agency_id=item.agency_id, is_active=True, roles__code__in=[RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD]
    ).distinct()
    due = f"，整改期限{_day(escalation.due_on)}" if escalation.due_on else ""
    notify(
        _others(leaders, actor),
        MessageKind.ESCALATED,
        f"监督事项逾期升级：{escalation.get_step_display()}",
        f"{item.title}{due}",
        reverse("supervision:action_detail", args=[item.pk]),
    )


# ---- 期限提醒 -----------------------------------------------------------------------------------------


def due_workdays() -> int:
    """ZHIFA_NOTIFY_DUE_WORKDAYS: how many working days ahead a deadline is announced (default 3)."""
    return int(getattr(settings, "ZHIFA_NOTIFY_DUE_WORKDAYS", DEFAULT_DUE_WORKDAYS))


def deadlines_coming_due(on: date) -> int:
    """The daily 期限提醒: every active user is told of each item of their 工作台 (core.workbench, the same
    list they see) falling due from `on` to `on` + ZHIFA_NOTIFY_DUE_WORKDAYS working days — once per item
    and due date (the dedupe key), however many days it stays in the window. The messages written."""
    from zhifa.accounts.models import User
    from zhifa.core import workbench, workdays

    until = workdays.add_workdays(on, due_workdays())
    written = 0
    for user in User.objects.filter(is_active=True, agency__isnull=False).select_related("agency"):
        for item in workbench.pending_for(user):
            if (
                item.due is None
                or item.overdue
                or not on <= item.due <= until
                or not item.url.startswith("/")
            ):
                continue
            written += len(
                notify(
                    [user],
                    MessageKind.DUE,
                    f"{item.category}：{item.title}，将于{_day(item.due)}到期",
                    item.note,
                    item.url,
                    dedupe_key=_due_key(item.url, item.due),
                )
            )
    return written


# ---- 委托期限届满提醒 (seed 000 §6) ------------------------------------------------------------------

DEFAULT_ENTRUSTMENT_REMINDER_DAYS = 30


def entrustment_reminder_days() -> int:
    """ZHIFA_ENTRUSTMENT_REMINDER_DAYS: how many calendar days before a 受委托组织's 委托期限 ends its
    委托机关 is reminded (default 30)."""
    return int(getattr(settings, "ZHIFA_ENTRUSTMENT_REMINDER_DAYS", DEFAULT_ENTRUSTMENT_REMINDER_DAYS))


def entrustments_expiring(on: date) -> int:
    """The daily 委托期限届满提醒: the leaders (承办机构负责人、机关负责人) of each 委托机关 are told, once
    per body and end date, of every confirmed 受委托组织 whose entrustment ends from `on` to `on` +
    ZHIFA_ENTRUSTMENT_REMINDER_DAYS — to renew it (and have it confirmed again) or let it end, after which
    the body leaves the public list and its officers may not enforce in its name. The messages written."""
    from datetime import timedelta

    from zhifa.accounts.choices import RoleCode
    from zhifa.accounts.models import User
    from zhifa.registry.choices import BodyStatus, LegalStanding
    from zhifa.registry.models import EnforcementBody

    bodies = EnforcementBody.objects.filter(
        standing=LegalStanding.ENTRUSTED,
        status=BodyStatus.CONFIRMED,
        entrusting_agency__isnull=False,
        entrusted_until__gte=on,
        entrusted_until__lte=on + timedelta(days=entrustment_reminder_days()),
    ).select_related("entrusting_agency")
    written = 0
    for body in bodies:
        leaders = User.objects.filter(
            agency_id=body.entrusting_agency_id,
            is_active=True,
            roles__code__in=[RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD],
        ).distinct()
        written += len(
            notify(
                leaders,
                MessageKind.DUE,
                f"委托执法期限将于{_day(body.entrusted_until)}届满：{body.name}",
                f"委托机关：{body.entrusting_agency.name}；届满后该组织不再是确认的执法主体，"
                "其执法人员不得以其名义执法，如需继续委托请及时办理委托手续并提请重新确认",
                reverse("registry:body_detail", args=[body.pk]),
                dedupe_key=f"entrustment:{body.pk}:{body.entrusted_until.isoformat()}",
            )
        )
    return written


def _due_key(url: str, due: date) -> str:
    key = f"due:{due.isoformat()}:{url}"
    return key if len(key) <= 200 else f"due:{due.isoformat()}:{hashlib.sha256(url.encode()).hexdigest()}"


def _name(user) -> str:
    return (user.real_name or user.username) if user is not None else "系统"


def _day(day: date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else "未定"


# ---- 典型案例 (guidance) ---------------------------------------------------------------------------------


def exemplar_returned(exemplar, actor) -> None:
    """典型案例被退回: whoever proposed it may revise and propose it again."""
    notify(
        _others([exemplar.proposed_by], actor),
        MessageKind.RETURNED,
        f"典型案例被退回：{exemplar.title}",
        f"退回理由：{exemplar.return_reason}",
        reverse("guidance:detail", args=[exemplar.pk]),
    )
