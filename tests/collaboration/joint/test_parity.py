"""Page and API refuse the same ill-formed input of 报告议定事项落实 alike (tests/parity.py)."""

from dataclasses import replace

import pytest

from tests.parity import Door, check_parity
from zhifa.collaboration.meetings import services
from zhifa.collaboration.models import MeetingDecision

from .test_meetings import meeting  # noqa: F401

pytestmark = pytest.mark.django_db

# declared at import (tests/test_parity_table.py reads it); the decision's id is filled in by the test
DECISION_COMPLETE = Door(
    "报告议定事项落实",
    "zhifa_collaboration_api_meetings_decision_complete",
    page="/collaboration/meetings/decisions/{pk}/complete/",
    api="/api/collaboration/meetings/decisions/{pk}/complete",
    good={"note": "标准已印发"},
    text_fields={"note": "落实情况"},
    bad=[("note", " ", "请填写落实情况")],
)


def test_decision_complete_parity(client, meeting, office_user, ecology, ecology_user):  # noqa: F811
    services.meeting_record(actor=office_user, meeting=meeting, minutes="纪要",
                            decisions=[services.DecisionInput("提出排污整改标准", ecology, 3)])  # fmt: skip
    decision = MeetingDecision.objects.get()
    door = replace(
        DECISION_COMPLETE,
        page=DECISION_COMPLETE.page.format(pk=decision.pk),
        api=DECISION_COMPLETE.api.format(pk=decision.pk),
    )
    for _, name, value, message in door.variants():
        check_parity(client, ecology_user, door, name, value, message, counted=(MeetingDecision,))
