"""立项监督 from a 双随机 检查任务 (a registered source of supervision.actions.sources): the item supervises
the plan's 牵头机关, its title names the subject and the plan, and the task page shows the banner."""

import pytest

from tests.helpers import html
from tests.inspections.conftest import (  # noqa: F401
    _today,
    catalogues,
    drawn,
    health,
    inspectors,
    lead,
    plan,
    subjects,
    task,
)
from zhifa.supervision.actions import services
from zhifa.supervision.actions.choices import TargetKind
from zhifa.supervision.models import SupervisionItem

pytestmark = pytest.mark.django_db
BASE = "/supervision/actions"


def test_from_a_task_through_its_page(client, supervisor, lead, task, agencies, writes):  # noqa: F811
    open_url = f"{BASE}/source/task/{task.pk}/"
    client.force_login(supervisor)
    assert f'href="{open_url}"' in html(client.get(f"/inspections/tasks/{task.pk}/"))
    response = client.post(open_url, {"reason": "抽查比例未按计划执行"})
    item = SupervisionItem.objects.get()
    assert response["Location"] == f"{BASE}/{item.pk}/"
    title = f"检查任务：{task.subject.name}（2026年食品经营双随机抽查）"
    assert (item.title, item.source_label, item.target_kind, item.agency) == (
        f"对{title}的监督",
        title,
        TargetKind.AGENCY,
        agencies["east_market"],
    )
    before = writes()
    with pytest.raises(Exception) as refused:
        services.item_open_from_source(actor=supervisor, source=task)
    assert refused.value.message_dict == {
        "source": [f"该双随机检查任务已有办理中的监督事项（{item.title}），请在该事项中处理"]
    }
    assert before.none
    client.force_login(lead)
    page = html(client.get(f"/inspections/tasks/{task.pk}/"))
    assert f'东区司法局正在日常监督：<a href="{BASE}/{item.pk}/">{item.title}</a>（核查中）' in page
