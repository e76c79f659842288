"""Reads of 备案, scoped by core.access: an agency sees its own filings, the justice bureau's
supervisors those of their region (REGION scope), a 司法所 those of its township (read only)."""

from django.db.models import QuerySet

from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from .models import Filing, FilingFile
from .transitions import VIEW

# Backed by the indexes filing_agency_submitted and filing_agency_due (filings 0002); default newest first.
SORTS = Sorts(
    SortColumn("submitted", "报送日期", ("submitted_on",)),
    SortColumn("due", "审查期限", ("due_on",)),
    default=("-id",),
)


def filings_visible_to(
    user, *, status: str = "", kind: str = "", agency_id: int | None = None
) -> QuerySet[Filing]:
    filings = access.visible_to(user, Filing.objects.select_related("agency", "bureau"), VIEW)
    if status:
        filings = filings.filter(status=status)
    if kind:
        filings = filings.filter(kind=kind)
    if agency_id:
        filings = filings.filter(agency_id=agency_id)
    return filings.order_by("-id")


def filing_of(user, pk) -> Filing:
    """One filing the user may see (another agency's: 404)."""
    return access.get_visible_or_404(
        user, Filing.objects.select_related("agency", "bureau", "submitted_by", "decided_by"), VIEW, pk=pk
    )


def files_of(filing: Filing) -> QuerySet[FilingFile]:
    return filing.files.order_by("-round", "id")
