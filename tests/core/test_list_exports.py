"""Every list export on the core.exports kit, over the demo data: the download streams (a FileResponse
over a temporary file, or CSV row by row) with the list's headers and as many rows as the user sees, and
the queries for the whole list are those for one row (nothing is read per row). The exact content of each
export is asserted in its app's tests."""

import pytest
from django.contrib.auth import get_user_model
from django.http import QueryDict

from tests.helpers import assert_export_cost_is_fixed, xlsx_rows
from zhifa.audit.models import AuditEntry
from zhifa.core import exports
from zhifa.core.exports import streamed_bytes

pytestmark = pytest.mark.django_db

URLS = {
    "cases.case_list": "/cases/export.xlsx",
    "catalog.delegation_list": "/catalog/delegations/export.xlsx",
    "collaboration.assistance_list": "/collaboration/assistance/export.xlsx",
    "collaboration.joint_list": "/collaboration/joint/export.xlsx",
    "collaboration.notice_list": "/collaboration/notices/export.xlsx",
    "collaboration.transfer_list": "/collaboration/transfers/export/",
    "complaints.complaint_list": "/complaints/export.xlsx",
    "core.agency_list": "/org/agencies/export.xlsx",
    "detection.hit_list": "/detection/hits/export.xlsx",
    "inspections.inspection_list": "/inspections/inspections/?export=1",
    "inspections.subject_list": "/inspections/subjects/?export=1",
    "inspections.task_list": "/inspections/tasks/?export=1",
    "publicity.disclosure_list": "/publicity/?export=xlsx",
    "registry.body_list": "/registry/bodies/export.xlsx",
    "registry.certificate_list": "/registry/certificates/export.xlsx",
    "registry.officer_list": "/registry/officers/export.xlsx",
    "review.review_list": "/review/export.xlsx",
    "social.feedback_list": "/social/feedback/export.xlsx",
    "social.point_list": "/social/points/export.xlsx",
    "social.supervisor_list": "/social/supervisors/export.xlsx",
    "stats.submission_list": "/stats/reports/export.xlsx",
    "supervision.accountability_list": "/supervision/accountability/export.xlsx",
    "supervision.action_list": "/supervision/actions/export.xlsx",
    "supervision.campaign_list": "/supervision/campaigns/export.xlsx",
    "supervision.device_list": "/supervision/problems/devices/export.xlsx",
    "supervision.ledger_list": "/supervision/plans/ledger/export/",
    "supervision.oversight_list": "/supervision/plans/oversight/export/",
    "supervision.plan_list": "/supervision/plans/export/",
    "supervision.problem_list": "/supervision/problems/export.xlsx",
    "accounts.user_list": "/accounts/users/export.xlsx",
    "audit.entry_list": "/audit/log/export.xlsx",
    "equipment.device_list": "/equipment/export.xlsx",
    "equipment.system_list": "/equipment/systems/export.xlsx",
    "guidance.exemplar_list": "/guidance/?export=xlsx",
    "publicity.credit_repair_list": "/publicity/credit-repairs/?export=xlsx",
    "recognition.award_list": "/recognition/awards/export.xlsx",
    "training.completion": "/training/completion/export.xlsx",
    "training.plan_list": "/training/plans/export.xlsx",
    "training.study_list": "/training/studies/export.xlsx",
    "training.trainer_list": "/training/trainers/export.xlsx",
    "filings.filing_list": "/filings/export.xlsx",
}


def _widest_viewer(export: exports.ListExport):
    """The demo user who sees the most rows of the list (among those who may open it), and that count."""
    users = get_user_model().objects.filter(is_active=True, agency__isnull=False).order_by("pk")
    seen = [
        (export.queryset(user, QueryDict()).order_by().count(), -user.pk, user)
        for user in users
        if not export.perm or user.has_perm(export.perm)
    ]
    count, _, user = max(seen, key=lambda row: row[:2])
    return user, count


def test_every_list_export_is_checked_here(client):
    client.get("/")  # the URLconf imports every view module, which registers its export
    assert sorted(exports.registered_keys()) == sorted(URLS)


@pytest.mark.parametrize("key", sorted(URLS))
def test_a_list_export_streams_every_row_at_a_fixed_cost(demo_db, client, key):
    client.get("/")
    export = exports.registered(key)
    assert export is not None
    user, count = _widest_viewer(export)
    audited_before = AuditEntry.objects.count()
    client.force_login(user)
    response = client.get(URLS[key])
    assert response.streaming
    if key == "audit.entry_list":  # the login and the export are audit entries themselves
        count += AuditEntry.objects.count() - audited_before
    rows = xlsx_rows(response)
    assert list(rows[0]) == export.headers and len(rows) == count + 1
    separator = "&" if "?" in URLS[key] else "?"
    csv = client.get(f"{URLS[key]}{separator}format=csv")
    assert csv.streaming and csv["Content-Type"] == "text/csv; charset=utf-8"
    assert len(streamed_bytes(csv).decode("utf-8-sig").splitlines()) >= count + 1
    if count < 2:
        pytest.skip(f"the demo shows {count} row(s) of {key}: its app's tests count its queries")
    if key == "audit.entry_list":  # the CSV export is an entry too
        count += 1
    assert assert_export_cost_is_fixed(key, user) == count
