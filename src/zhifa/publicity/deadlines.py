"""The working-day due date of a 公示 draft, registered with core.deadlines so that a change of the
statutory calendar moves it."""

from django.db.models import Q
from django.urls import reverse

from zhifa.core.deadlines import StoredDeadline

from . import drafting
from .choices import DisclosureStatus
from .models import Disclosure

DISCLOSURE_DUE = StoredDeadline(
    label="公示期限",
    model=Disclosure,
    field="due_on",
    open=Q(status=DisclosureStatus.DRAFT),
    compute=lambda disclosure: drafting.due_date(disclosure.kind, disclosure.decided_on),
    url=lambda disclosure: reverse("publicity:detail", args=[disclosure.pk]),
)
