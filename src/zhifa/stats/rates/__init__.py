"""The on-time rates (按期率) of the earlier apps, registered by stats itself: stats comes last in
INSTALLED_APPS and no earlier app imports it (docs/architecture.md §5), so each app's deadline is read here,
one module per owning app, in the order the dashboards show them."""

from ..ontime import register_rate


def register_all() -> None:
    from . import cases, collaboration, complaints, publicity, review, supervision

    for make in (
        cases.decisions,
        cases.service,
        publicity.disclosures,
        review.reviews,
        collaboration.transfers,
        collaboration.notices,
        collaboration.assistance,
        complaints.complaints,
        supervision.items,
        supervision.tasks,
    ):
        register_rate(make())
