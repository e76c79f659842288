"""The 监督事项 step pages explain the step (core.step_help), citing 行政执法监督条例."""

import pytest

from zhifa.core.step_help import HELP, SUPERVISION_REGULATION
from zhifa.supervision.actions.transitions import TABLE

BASE = "/supervision/actions"


def test_every_supervision_step_has_its_help_text():
    assert {f"supervision.{t.action}" for t in TABLE if t.action != "open"} <= set(HELP)


@pytest.mark.parametrize("action", ["find", "issue", "close"])
def test_the_step_page_shows_its_help(client, supervisor, item, action):
    client.force_login(supervisor)
    page = client.get(f"{BASE}/{item.pk}/{action}/").content.decode()
    assert f"本环节说明：{HELP[f'supervision.{action}'].title}" in page
    assert HELP[f"supervision.{action}"].meaning in page
    assert SUPERVISION_REGULATION in page
