"""The bureau's 备案审查期限, registered with core.deadlines so that a change of the statutory calendar
(core.holidays) moves every open one, recorded per row as `calendar.deadline_moved`. The date is computed
again from the row's own start and period (`submitted_on`, `due_workdays`), not from today's setting."""

from django.db.models import Q
from django.urls import reverse

from zhifa.core import workdays
from zhifa.core.deadlines import StoredDeadline

from .choices import FilingStatus
from .models import Filing


def review_due(filing: Filing):
    return workdays.add_workdays(filing.submitted_on, filing.due_workdays)


REVIEW_DUE = StoredDeadline(
    label="备案审查期限",
    model=Filing,
    field="due_on",
    open=Q(status=FilingStatus.SUBMITTED),
    compute=review_due,
    url=lambda filing: reverse("filings:filing_detail", args=[filing.pk]),
    # the bureau's duty on a row of the filer's agency: the bureau's 备案审查 item shows the moved date, and
    # neither the filer's 期限调整 notice nor the 逾期履职 model should count it against the filer
    notify=False,
)
