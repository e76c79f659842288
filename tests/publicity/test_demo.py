"""The demo's 信用修复 (demo/publicity.py, demo/credit_repair.py): two agencies' penalties published on time
through the publication clock, their entries, records and proofs agreeing on that day; one request agreed
(提前结束公示), one pending."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from zhifa.core import workdays
from zhifa.core.models import Record
from zhifa.publicity import log
from zhifa.publicity.entries import entry_sha256
from zhifa.publicity.models import CreditRepair, Disclosure
from zhifa.publicity.repair import clocks
from zhifa.publicity.repair.choices import Severity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def test_one_request_agreed_and_one_pending():
    today = timezone.localdate()
    repairs = list(CreditRepair.objects.select_related("agency", "disclosure").order_by("pk"))
    assert [(r.agency.name, r.status, r.outcome, r.end_on, r.decided_on) for r in repairs] == [
        ("东湖区生态环境局", "approved", "shorten", today + timedelta(30), today),
        ("东湖区市场监督管理局", "pending", "", None, None),
    ]
    assert [r.registered_by.username for r in repairs] == ["dh_d2_zf", "dh_cbfz"]
    assert repairs[0].disclosure.expires_on == today + timedelta(30)
    for repair in repairs:
        assert repair.disclosure.status == "published"
        assert clocks.earliest_repair(repair.disclosure.published_on, Severity.GENERAL) <= repair.applied_on
        assert repair.disclosure.decided_on <= repair.performed_on <= repair.applied_on <= today


def test_a_disclosure_published_on_time_says_that_day_everywhere():
    disclosure = CreditRepair.objects.order_by("pk").first().disclosure
    assert disclosure.published_on == workdays.add_workdays(disclosure.decided_on, 2)
    assert timezone.localdate(disclosure.published_at) == disclosure.published_on
    entry = json.loads(disclosure.entry)
    assert entry["published_on"] == disclosure.published_on.isoformat()
    record = Record.objects.get(
        subject_type="publicity.disclosure", subject_id=str(disclosure.pk), action="publicity.publish"
    )
    assert record.hash == disclosure.record_hash
    assert json.loads(record.payload) == {
        "entry_sha256": entry_sha256(disclosure.entry),
        "version": 1,
        "late": False,
    }
    ok, _ = log.verify_bundle(json.dumps(log.proof_bundle(disclosure)))
    assert ok


def test_every_demo_disclosure_went_up_within_its_publication_period():
    """demo/publicity.py publishes each decision two working days after it (the publication clock), the
    others (inspection results, a correction) the day the demo loads, within their 7 / 20 working days."""
    rows = Disclosure.objects.filter(published_on__isnull=False)
    assert rows.exists()
    late = [(d.number, d.decided_on, d.due_on, d.published_on) for d in rows if d.published_on > d.due_on]
    assert late == []
    publications = Record.objects.filter(subject_type="publicity.disclosure", action="publicity.publish")
    assert {json.loads(r.payload)["late"] for r in publications} == {False}
    decided = rows.filter(source_type="cases.decision", version=1, published_on__lt=timezone.localdate())
    assert decided.exists()
    for d in decided:
        assert d.published_on == workdays.add_workdays(d.decided_on, 2)
