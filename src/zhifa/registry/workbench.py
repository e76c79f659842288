"""工作台 items of the registry.

For an officer linked to the signed-in account: their own certificates expiring within 30 days or
expired, and in the fourth quarter their training shortfall for the year. For those who keep the staff
records or issue certificates: counts over their scope (expiring, expired, due for recheck, short of
training, key posts due for rotation), each linking to the filtered list. A handful of queries per call.
"""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from zhifa.core.workbench import PendingItem

from . import selectors
from .choices import CertificateStatus
from .models import Officer
from .services import MANAGE_CERTIFICATE, MANAGE_OFFICER

CATEGORY = "执法人员管理"
Q4_FROM_MONTH = 10


def pending(user, *, today: date | None = None) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    today = today or timezone.localdate()
    items = _own_items(user, today)
    if user.has_perm(MANAGE_OFFICER) or user.has_perm(MANAGE_CERTIFICATE):
        items += _scope_items(user, today)
    return items


def _url(name: str, *args, **query) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _own_items(user, today: date) -> list[PendingItem]:
    officer = Officer.objects.filter(user=user).first()
    if officer is None:
        return []
    items = []
    archive = _url("registry:officer_detail", officer.pk)
    warn = today + timedelta(days=settings.ZHIFA_CERTIFICATE_EXPIRY_WARNING_DAYS)
    certificates = list(officer.certificates.filter(status=CertificateStatus.VALID, expires_on__lte=warn))
    renewed = set(
        officer.certificates.valid_on(today).filter(expires_on__gt=warn).values_list("kind", flat=True)
    )
    for certificate in certificates:
        if certificate.kind in renewed:  # a newer certificate of the same kind already covers the officer
            continue
        label = certificate.get_kind_display()
        if certificate.expires_on < today:
            title = f"您的{label}{certificate.number}已于{certificate.expires_on:%Y-%m-%d}过期，过期证件不能用于执法"
            items.append(PendingItem(CATEGORY, title, archive, due=certificate.expires_on, overdue=True))
        else:
            title = (
                f"您的{label}{certificate.number}将于{certificate.expires_on:%Y-%m-%d}到期，请及时办理换证"
            )
            items.append(PendingItem(CATEGORY, title, archive, due=certificate.expires_on))
    if today.month >= Q4_FROM_MONTH:
        items += _own_training(officer, today, archive)
    return items


def _own_training(officer: Officer, today: date, url: str) -> list[PendingItem]:
    standing = next(
        iter(selectors.training_standings(Officer.objects.filter(pk=officer.pk), today.year)), None
    )
    if standing is None or not standing.is_short:
        return []
    parts = []
    if standing.shortfall:
        parts.append(f"培训学时已完成{standing.hours}，尚差{standing.shortfall}学时")
    if standing.public_law_shortfall:
        parts.append(f"公共法律知识培训尚差{standing.public_law_shortfall}学时")
    title = f"{today.year}年度" + "；".join(parts)
    return [PendingItem(CATEGORY, title, url, due=date(today.year, 12, 31))]


def _scope_items(user, today: date) -> list[PendingItem]:
    items = []
    certificates = selectors.certificates_visible_to(user)
    certificate_list = "registry:certificate_list"
    counts = [
        (
            "expiring",
            selectors.certificates_expiring(certificates, on=today).count(),
            "执法证件30日内到期",
            False,
        ),
        ("expired", selectors.certificates_expired(certificates, on=today).count(), "执法证件已过期", True),
        (
            "recheck",
            selectors.certificates_due_for_recheck(certificates, on=today).count(),
            "执法证件应审验",
            True,
        ),
    ]
    for state, count, label, overdue in counts:
        if count:
            items.append(
                PendingItem(
                    CATEGORY, f"{label}：{count}件", _url(certificate_list, state=state), overdue=overdue
                )
            )
    officers = selectors.officers_visible_to(user, on=today)
    short = selectors.training_short_count(officers, today.year)  # counted in the database
    if short.short:
        url = (
            _url("registry:compliance_training", short.agency_id, year=today.year)
            if short.agency_id is not None
            else _url("registry:compliance", year=today.year)
        )
        title = f"{today.year}年度培训学时未达标：{short.short}人"
        items.append(PendingItem(CATEGORY, title, url, due=date(today.year, 12, 31)))
    rotation = selectors.rotation_due(officers, on=today).count()
    if rotation:
        title = f"重要执法岗位任职满{settings.ZHIFA_ROTATION_YEARS}年应轮岗：{rotation}人"
        items.append(PendingItem(CATEGORY, title, _url("registry:officer_list", rotation="1")))
    return items
