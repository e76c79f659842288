"""The feedback's answer date moves with a calendar change (core.deadlines), and the 工作台 of the bureau's
supervisor lists what is still to answer and the terms about to end."""

from datetime import date

import pytest

from zhifa.core import deadlines
from zhifa.core.workbench import pending_for
from zhifa.social.deadlines import ANSWER_DUE
from zhifa.social.services import supervisors

from .conftest import supervisor_input

pytestmark = pytest.mark.django_db


def test_answer_due_is_a_registered_stored_deadline(received):
    assert ANSWER_DUE in deadlines.registered()
    assert ANSWER_DUE.compute(received) == date(2026, 3, 23)


def test_workbench_lists_open_feedback_and_expiring_terms(received, supervisor, head):
    supervisors.supervisor_appoint(
        actor=supervisor, data=supervisor_input(name="冯立群", term_end=date(2026, 3, 20))
    )
    titles = [item.title for item in pending_for(supervisor)]
    assert "答复反馈：检查时未出示执法证件（待受理，反映东区市场监督管理局）" in titles
    assert "监督员冯立群任期即将到期，请决定是否续聘" in titles
    assert not any("反馈" in title for title in (item.title for item in pending_for(head)))
