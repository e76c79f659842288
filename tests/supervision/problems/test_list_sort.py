"""The 突出问题清单 on the core list kit (selectors.PROBLEM_SORTS): exact order both ways, the default for an
undeclared column, the export in the same order."""

import pytest

from tests.helpers import sorted_column, xlsx_rows
from zhifa.supervision.problems import services

BASE = "/supervision/problems"


@pytest.fixture
def second(head, market, problem):
    return services.problem_record(
        actor=head,
        data=services.ProblemInput(
            agency=market, category="fees", title="违规收取检测费", description="检查时要求企业缴纳检测费"
        ),
    )


def titles(client, **params) -> list[str]:
    return sorted_column(client, f"{BASE}/", column="title", rows="page", **params)


def test_the_title_both_ways_and_the_default(client, head, problem, second):
    client.force_login(head)
    assert titles(client) == ["违规收取检测费", "罚款金额随意"]  # newest recorded first
    assert titles(client, sort="recorded") == ["罚款金额随意", "违规收取检测费"]
    assert titles(client, sort="category") == ["违规收取检测费", "罚款金额随意"]  # fees < fines
    assert titles(client, sort="-category") == ["罚款金额随意", "违规收取检测费"]
    assert titles(client, sort="description") == titles(client)


def test_the_export_follows_the_sort(client, head, problem, second):
    client.force_login(head)
    rows = xlsx_rows(client.get(f"{BASE}/export.xlsx", {"sort": "recorded"}))
    assert [row[3] for row in rows[1:]] == ["罚款金额随意", "违规收取检测费"]
