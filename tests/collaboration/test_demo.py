"""The demo's 抄告, 协助 and 行刑衔接 in 东湖区: 抄告 both ways (one overdue on both sides' 工作台), an answered and an
overdue assistance request and a cross-region one, and a criminal referral that keeps its case from closing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.helpers import html
from zhifa.accounts.models import User
from zhifa.cases import services as case_services
from zhifa.collaboration.models import AssistanceRequest, Notice, Referral

pytestmark = pytest.mark.django_db


def test_the_demo_hand_offs(demo_db, client, today):
    today(timezone.localdate())  # the demo runs on the real clock (tests/collaboration set Friday 2026-03-06)
    east = Notice.objects.filter(sender__region__name="东湖区")
    assert set(east.values_list("kind", "status")) >= {
        ("penalty", "acknowledged"), ("penalty", "pending"), ("approval", "acknowledged"), ("approval", "sent")}  # fmt: skip
    overdue = east.get(kind="approval", status="sent")
    for username in ("dh_zf1", "dh_d4_zf"):  # sender and receiver
        client.force_login(User.objects.get(username=username))
        assert f"{overdue.title}（逾期未签收）" in html(client.get("/"))
    rows = dict(AssistanceRequest.objects.values_list("kind", "status"))
    assert rows == {"identify": "answered", "appraise": "received", "archive": "sent"}
    assert AssistanceRequest.objects.get(kind="archive").cross_region

    referral = Referral.objects.get(kind="criminal")
    assert referral.status == "transferred"
    client.force_login(User.objects.get(username="dh_d4_zf"))
    assert "本案已移送东湖区公安分局（已移送）" in html(client.get(f"/cases/{referral.case_id}/"))
    with pytest.raises(ValidationError) as refused:
        case_services.case_close(
            actor=None, case=referral.case, on=referral.case.decision.decided_on, summary="结案"
        )
    assert "不得以罚代刑" in refused.value.message_dict["status"][0]
