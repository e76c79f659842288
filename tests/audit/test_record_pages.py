"""Issue 17 finding 2: the 审计管理员 read case content through the record-log pages. They now see the
record log's who/what/when and never a payload: the demo's statement (陈述申辩) text appears on none of
the pages they can open about the case's records, and the case itself stays closed to them."""

import pytest
from django.contrib.auth import get_user_model

from zhifa.core.models import Record
from zhifa.demo.cases import Scenario

pytestmark = pytest.mark.django_db

STATEMENT = Scenario.__dataclass_fields__["statement"].default


def test_the_audit_admin_sees_no_payload_of_a_case_record(demo_db, client):
    record = Record.objects.filter(subject_type="cases.case", payload__contains=STATEMENT[:12]).first()
    assert record is not None  # the demo recorded the statement in the case's chain
    client.force_login(get_user_model().objects.get(username="auditadmin"))

    detail = client.get(f"/records/{record.pk}/")
    assert detail.status_code == 200 and f"第{record.seq}条" in detail.content.decode()
    log = client.get(f"/audit/records/?subject_type=cases.case&action={record.action}")
    pages = [detail, log]
    for response in pages:
        assert STATEMENT not in response.content.decode()
        assert STATEMENT[:12] not in response.content.decode()
    assert client.get(f"/cases/{record.subject_id}/").status_code in (403, 404)
    api = client.get(f"/api/cases/{record.subject_id}")
    assert api.status_code in (403, 404) and STATEMENT not in api.content.decode()
