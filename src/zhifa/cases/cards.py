"""工作台 key figures of the cases app (core.workbench.CardSet), each a link to the filtered case list.

- 我的案件 (a user linked to an officer): open cases they handle, those due within three working days,
  the overdue ones.
- 本机关案件 / 辖区案件 (who approves cases — 承办机构负责人, 机关负责人 — and the 执法监督人员 of a
  region): open cases, overdue cases, fines decided this year.

Each set is one aggregate query (conditional counts), however many cases or officers.
"""

from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone

from zhifa.accounts.choices import RoleCode
from zhifa.core import access
from zhifa.core.workbench import CardSet, Figure, count, money
from zhifa.registry.models import Officer

from . import selectors
from .models import Case, CaseHandler
from .services import APPROVE

NEAR_LABEL = "3个工作日内到期"


def _list_url(**query) -> str:
    return f"{reverse('cases:case_list')}?{urlencode(query)}"


def cards(user, *, today: date | None = None) -> list[CardSet]:
    today = today or timezone.localdate()
    sets = []
    officer = Officer.objects.filter(user=user).values_list("pk", flat=True).first()
    if officer is not None:
        sets.append(_own(officer, today))
    supervisor = RoleCode.SUPERVISOR in user.role_codes
    if user.has_perm(APPROVE) or supervisor:
        sets.append(_scope(user, today, "辖区案件" if supervisor else "本机关案件"))
    return sets


def _own(officer: int, today: date) -> CardSet:
    handled = Exists(CaseHandler.objects.filter(case_id=OuterRef("pk"), officer_id=officer))
    open_q = Q(status__in=selectors.OPEN)
    figures = Case.objects.filter(handled).aggregate(
        open=Count("pk", filter=open_q),
        near=Count("pk", filter=open_q & selectors.near_due_q(today)),
        overdue=Count("pk", filter=open_q & selectors.overdue_q(today)),
    )
    return CardSet(
        "我的案件",
        (
            Figure("在办案件", count(figures["open"]), _list_url(handler=officer, open=1)),
            Figure(NEAR_LABEL, count(figures["near"]), _list_url(handler=officer, near_due=1)),
            Figure("已逾期", count(figures["overdue"]), _list_url(handler=officer, overdue=1), alert=True),
        ),
        order=10,
    )


def _scope(user, today: date, title: str) -> CardSet:
    cases = access.visible_to(user, Case.objects.all(), selectors.VIEW)
    open_q = Q(status__in=selectors.OPEN)
    year = Q(decision__decided_on__gte=date(today.year, 1, 1), decision__decided_on__lte=today)
    figures = cases.aggregate(
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & selectors.overdue_q(today)),
        fines=Sum("decision__fine", filter=year),
    )
    return CardSet(
        title,
        (
            Figure("在办案件", count(figures["open"]), _list_url(open=1)),
            Figure("已逾期", count(figures["overdue"]), _list_url(overdue=1), alert=True),
            Figure(f"{today.year}年罚款", money(figures["fines"]), _list_url(decided_year=today.year)),
        ),
        order=20,
    )
