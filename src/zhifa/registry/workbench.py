"""工作台 items of the registry.

For an officer linked to the signed-in account: their own certificates expiring within 30 days or
expired, and in the fourth quarter their training shortfall for the year. For those who keep the staff
records or issue certificates: counts over their scope (expiring, expired, due for recheck, short of
training, key posts due for rotation), each linking to the filtered list — counted ahead per scope
(registry.summaries), so a region of 300,000 officers costs the page one row.
"""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from zhifa.core.workbench import PendingItem

from . import selectors, summaries
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
    """The scope's figures as counted ahead (registry.summaries: one row read when fresh), each item
    saying when it was counted and linking to the list it counts."""
    summary = summaries.summary_for(user, today=today)
    if summary is not None:
        figures: summaries.Figures = summaries.figures_of(summary)
        since = f"统计截至{timezone.localtime(summary.counted_at):%Y-%m-%d %H:%M}"
    else:  # the bootstrap superuser: counted live
        figures, since = summaries.count(user, today), ""
    items = []
    certificate_list = "registry:certificate_list"
    counts = [
        ("expiring", figures.expiring, "执法证件30日内到期", False),
        ("expired", figures.expired, "执法证件已过期", True),
        ("recheck", figures.recheck, "执法证件应审验", True),
    ]
    for state, count, label, overdue in counts:
        if count:
            url = _url(certificate_list, state=state)
            items.append(PendingItem(CATEGORY, f"{label}：{count}件", url, overdue=overdue, note=since))
    if figures.training_short:
        year = figures.training_year
        url = (
            _url("registry:compliance_training", figures.training_agency_id, year=year)
            if figures.training_agency_id is not None
            else _url("registry:compliance", year=year)
        )
        title = f"{year}年度培训学时未达标：{figures.training_short}人"
        items.append(PendingItem(CATEGORY, title, url, due=date(year, 12, 31), note=since))
    if figures.rotation:
        title = f"重要执法岗位任职满{settings.ZHIFA_ROTATION_YEARS}年应轮岗：{figures.rotation}人"
        items.append(PendingItem(CATEGORY, title, _url("registry:officer_list", rotation="1"), note=since))
    return items
