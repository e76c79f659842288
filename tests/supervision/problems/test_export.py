"""突出问题清单 as Excel, from the list page and the API: the filtered list (same filters, order and access
as the list), exact header and rows, task counts computed in the query."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from tests.helpers import xlsx_rows
from zhifa.supervision.models import Problem
from zhifa.supervision.problems import services

pytestmark = pytest.mark.django_db
BASE = "/supervision/problems"
HEADER = ("年度", "行政执法机关", "问题类别", "问题名称", "问题表现", "来源", "状态", "整改任务", "未销号任务",
          "逾期任务", "最近整改期限", "监督事项", "录入时间", "销号时间")  # fmt: skip


def at(problem, when: datetime) -> None:
    """Fix the problem's 录入时间 (set by the database when recorded) so that rows compare exactly."""
    Problem.objects.filter(pk=problem.pk).update(recorded_at=timezone.make_aware(when))


@pytest.fixture
def second(supervisor, third_agency):
    """A problem the justice bureau adds to another agency's list (监督发现), without a task."""
    return services.problem_record(
        actor=supervisor,
        data=services.ProblemInput(
            agency=third_agency, category="fees", title="违规收取检测费", description="检测费未列入收费目录"
        ),
    )


@pytest.fixture
def listed(problem, task, second, supervisor):
    services.task_assign(actor=supervisor, problem=problem, measures="公开裁量基准", due_on=date(2026, 4, 3))
    at(problem, datetime(2026, 3, 2, 9, 30))
    at(second, datetime(2026, 3, 3, 10, 0))
    return problem, second


FINES = (2026, "东区市场监督管理局", "乱罚款", "罚款金额随意", "同类违法行为罚款金额悬殊，未说明裁量理由", "自查",
         "整改中", 2, 2, 1, datetime(2026, 3, 20), None, datetime(2026, 3, 2, 9, 30), None)  # fmt: skip
FEES = (2026, "东区生态环境局", "乱收费", "违规收取检测费", "检测费未列入收费目录", "监督发现", "整改中", 0, 0, 0,
        None, None, datetime(2026, 3, 3, 10, 0), None)  # fmt: skip


def test_the_filtered_list_as_excel(client, supervisor, listed, today):
    today(date(2026, 3, 23))  # the first task (due 3-20) is overdue, the second (4-3) not
    client.force_login(supervisor)
    response = client.get(f"{BASE}/export.xlsx")
    assert response["Content-Disposition"].endswith(
        "%E7%AA%81%E5%87%BA%E9%97%AE%E9%A2%98%E6%B8%85%E5%8D%95.xlsx"
    )
    assert xlsx_rows(response) == [HEADER, FEES, FINES]  # newest first, as the list
    assert xlsx_rows(client.get(f"{BASE}/export.xlsx?sort=recorded")) == [HEADER, FINES, FEES]
    assert xlsx_rows(client.get(f"{BASE}/export.xlsx?category=fees")) == [HEADER, FEES]
    assert xlsx_rows(client.get(f"{BASE}/export.xlsx?overdue=1")) == [HEADER, FINES]
    assert xlsx_rows(client.get(f"{BASE}/export.xlsx?q=检测费")) == [HEADER, FEES]
    page = client.get(f"{BASE}/?category=fees").content.decode()
    assert f'href="{BASE}/export.xlsx?category=fees"' in page


def test_an_agency_exports_only_its_own_list(client, head, third_head, listed, west_supervisor):
    client.force_login(head)
    rows = xlsx_rows(client.get(f"{BASE}/export.xlsx"))
    assert [row[3] for row in rows[1:]] == ["罚款金额随意"]
    client.force_login(west_supervisor)
    assert xlsx_rows(client.get(f"{BASE}/export.xlsx")) == [HEADER]


def test_the_same_export_through_the_api(client, supervisor, listed, today):
    today(date(2026, 3, 23))
    client.force_login(supervisor)
    response = client.get("/api/supervision/problems/export", {"status": "open", "sort": "recorded"})
    assert response.status_code == 200
    assert xlsx_rows(response) == [HEADER, FINES, FEES]
    assert xlsx_rows(client.get("/api/supervision/problems/export", {"category": "fines"})) == [HEADER, FINES]
