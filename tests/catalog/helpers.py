"""The catalogue's way to publication in tests: 报送审核 and approval by every county reviewer."""

from zhifa.catalog import services
from zhifa.catalog.choices import ListReviewStatus


def submit_and_approve(*, actor=None, draft, **submit):
    """Submit `draft` (as `actor`) and approve each pending review as the system; the published version."""
    version = services.version_submit(actor=actor, draft=draft, **submit)
    for review in version.reviews.filter(status=ListReviewStatus.PENDING):
        version = services.version_approve(actor=None, review=review)
    version.refresh_from_db()
    return version
