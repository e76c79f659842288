"""The demo's 责任追究案件: concluded with 收回执法证 of an officer no other demo flow uses, shown in his
执法档案; the demo still loads and its cases keep their handlers."""

import pytest

from tests.helpers import html
from zhifa.accounts.models import User
from zhifa.cases.models import CaseHandler
from zhifa.registry import selectors as registry
from zhifa.supervision.models import AccountabilityCase

pytestmark = pytest.mark.django_db


def test_the_demo_proceeding(demo_db, client):
    proceeding = AccountabilityCase.objects.select_related("officer").get()
    officer = proceeding.officer
    assert (proceeding.status, proceeding.outcome, proceeding.source_kind, officer.name) == (
        "decided",
        "revoke",
        "complaint",
        "曾伟",
    )
    assert list(officer.certificates.values_list("status", flat=True)) == ["revoked"]
    assert not registry.can_enforce(officer, "general")
    assert not CaseHandler.objects.filter(officer=officer).exists()
    client.force_login(User.objects.get(username="dh_jd"))
    file = html(client.get(f"/registry/officers/{officer.pk}/"))
    assert "责任追究（1件）" in file and "收回执法证" in file
    assert "曾伟" in html(client.get("/supervision/accountability/"))
