"""Who a filing's steps tell (站内消息, zhifa.notifications): the justice bureau's supervisors of a filing
to examine, the filer of the bureau's answer. Called inside the service's transaction; the outbound
channels run after the commit (notifications.services.notify)."""

from django.urls import reverse

from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import User
from zhifa.notifications.choices import MessageKind
from zhifa.notifications.services import notify

from .choices import FilingStatus


def _others(users, actor) -> list:
    actor_pk = getattr(actor, "pk", None)
    return [user for user in users if user is not None and user.pk != actor_pk]


def submitted(filing, actor) -> None:
    """报送 / 重新报送: the bureau's supervisors are told, with the review period."""
    supervisors = User.objects.filter(
        agency_id=filing.bureau_id, is_active=True, roles__code=RoleCode.SUPERVISOR
    )
    notify(
        _others(supervisors.distinct(), actor),
        MessageKind.ASSIGNED,
        f"{filing.agency.name}报送备案：{filing.title}",
        f"{filing.get_kind_display()}，请于{filing.due_on:%Y-%m-%d}前审查",
        reverse("filings:filing_detail", args=[filing.pk]),
    )


def decided(filing, actor) -> None:
    """备案通过 / 退回: whoever filed it is told (退回 with the reason, to correct and file again)."""
    returned = filing.status == FilingStatus.RETURNED
    notify(
        _others([filing.submitted_by], actor),
        MessageKind.RETURNED if returned else MessageKind.OTHER,
        f"备案{'被退回' if returned else '已通过'}：{filing.title}",
        f"退回理由：{filing.return_reason}" if returned else f"{filing.bureau.name}已备案",
        reverse("filings:filing_detail", args=[filing.pk]),
    )
