"""立项监督 from any source in one action (supervision.actions.sources): a record of a case's 全过程记录
(the record page and the case page), an inspection (its page), through pages and API; the item's title,
agency, target and 来源 link; refusals (a second open item of the same source, another region, no
permission) that write nothing; the banner the handling agency sees."""

from datetime import date

import pytest

from tests.cases.conftest import leader, registered  # noqa: F401
from tests.helpers import Api, html
from zhifa.core.models import Record
from zhifa.inspections.choices import InspectionResult, SubjectKind
from zhifa.inspections.models import Inspection, Subject
from zhifa.supervision.actions import services, sources
from zhifa.supervision.actions.choices import ItemStatus, SupervisionKind, TargetKind
from zhifa.supervision.models import SupervisionItem

pytestmark = pytest.mark.django_db
BASE = "/supervision/actions"


@pytest.fixture
def api(client):
    return Api(client, "/api/supervision")


@pytest.fixture
def register_record(registered):  # noqa: F811
    """The 立案 record of the registered case (an entry of its 全过程记录)."""
    return Record.objects.for_subject(registered).get(action="case.register")


@pytest.fixture
def inspection(agencies, head):
    subject = Subject.objects.create(
        agency=agencies["east_market"], kind=SubjectKind.ORGANISATION, name="东区味美餐饮有限公司", code="QY1"
    )
    return Inspection.objects.create(
        agency=agencies["east_market"],
        subject=subject,
        subject_code=subject.code,
        started_on=date(2026, 3, 4),
        started_by=head,
        result=InspectionResult.values[0],
        summary="后厨卫生不合格",
        finished_on=date(2026, 3, 4),
    )


def test_from_a_record_of_a_case(supervisor, registered, register_record, agencies, records_of):  # noqa: F811
    item = services.item_open_from_source(
        actor=supervisor, source=register_record, reason="立案审批超期", category="not_filing"
    )
    number = registered.number
    assert number  # registered: the title names the case by its number
    assert item.title == f"对案件{number}的执法记录“立案”（第{register_record.seq}条）的监督"
    assert (item.kind, item.target_kind, item.category) == (
        SupervisionKind.ROUTINE,
        TargetKind.CASE,
        "not_filing",
    )
    assert (item.agency, item.case, item.bureau.name) == (agencies["east_market"], registered, "东区司法局")
    assert (item.source_type, item.source_id) == ("core.record", str(register_record.pk))
    assert item.source_label == f"案件{number}的执法记录“立案”（第{register_record.seq}条）"
    assert item.reason == "立案审批超期"
    assert records_of(item) == ["supervision_item.open"]


def test_from_an_inspection(supervisor, inspection, agencies):
    item = services.item_open_from_source(actor=supervisor, source=inspection)
    assert item.title == "对东区味美餐饮有限公司的行政检查（2026年3月4日）的监督"
    assert (item.kind, item.target_kind, item.case, item.agency) == (
        SupervisionKind.ROUTINE,
        TargetKind.AGENCY,
        None,
        agencies["east_market"],
    )
    assert (item.source_type, item.source_id, item.source_label) == (
        "inspections.inspection",
        str(inspection.pk),
        "东区味美餐饮有限公司的行政检查（2026年3月4日）",
    )


def test_a_second_open_item_of_the_same_source_is_refused(supervisor, inspection, writes):
    first = services.item_open_from_source(actor=supervisor, source=inspection)
    before = writes()
    with pytest.raises(Exception) as refused:
        services.item_open_from_source(actor=supervisor, source=inspection)
    assert refused.value.message_dict == {
        "source": [f"该行政检查已有办理中的监督事项（{first.title}），请在该事项中处理"]
    }
    assert before.none
    services.item_close(actor=supervisor, item=first, note="核查未发现问题")
    again = services.item_open_from_source(actor=supervisor, source=inspection)
    assert again.pk != first.pk and again.status == ItemStatus.OPEN


def test_a_record_of_a_case_under_supervision_is_refused_with_the_case(
    supervisor,
    registered,  # noqa: F811
    register_record,
    writes,
):
    open_item = services.item_open_from_case(actor=supervisor, case=registered)
    before = writes()
    with pytest.raises(Exception) as refused:
        services.item_open_from_source(actor=supervisor, source=register_record)
    assert refused.value.message_dict == {
        "case": [f"案件{registered.number}已有办理中的监督事项（{open_item.title}），请在该事项中处理"]
    }
    assert before.none


def test_another_region_or_no_permission_writes_nothing(
    api, west_supervisor, head, inspection, register_record, writes
):
    for user, status in ((west_supervisor, 404), (head, 403)):
        api.login(user)
        before = writes()
        assert api.post(f"/sources/inspection/{inspection.pk}/items", {}).status_code == status, user
        assert before.none
    api.login(west_supervisor)
    before = writes()
    assert api.post(f"/sources/record/{register_record.pk}/items", {}).status_code == 404
    assert api.post("/sources/nothing/1/items", {}).status_code == 404
    assert api.post("/sources/problem/1/items", {}).status_code == 404  # opened by its own service
    assert before.none


def test_through_the_api(api, supervisor, inspection):
    api.login(supervisor)
    response = api.post(f"/sources/inspection/{inspection.pk}/items", {"reason": "企业投诉重复检查"})
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "对东区味美餐饮有限公司的行政检查（2026年3月4日）的监督"
    assert body["source"] == {
        "kind": "inspection",
        "kind_label": "行政检查",
        "id": str(inspection.pk),
        "title": "东区味美餐饮有限公司的行政检查（2026年3月4日）",
    }
    assert body["source_url"] == f"/inspections/inspections/{inspection.pk}/"
    again = api.post(f"/sources/inspection/{inspection.pk}/items", {})
    assert again.status_code == 422 and "已有办理中的监督事项" in again.json()["detail"][0]["msg"]


def test_from_the_record_page_in_one_action(client, supervisor, head, registered, register_record):  # noqa: F811
    client.force_login(supervisor)
    case_page = html(client.get(f"/cases/{registered.pk}/"))
    assert f'href="/records/{register_record.pk}/"' in case_page  # the 全过程记录 entry's own page
    page = html(client.get(f"/records/{register_record.pk}/"))
    open_url = f"{BASE}/source/record/{register_record.pk}/"
    assert "执法记录：立案" in page and f'href="{open_url}"' in page and "立项监督" in page
    form = html(client.get(open_url))
    assert f'来源：执法记录 <a href="/records/{register_record.pk}/">' in form
    response = client.post(open_url, {"reason": "立案审批超期"})
    item = SupervisionItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}/{item.pk}/"
    detail = html(client.get(f"{BASE}/{item.pk}/"))
    assert (
        f'来源</th><td data-testid="item-source">执法记录 <a href="/records/{register_record.pk}/">'
        f"案件{registered.number}的执法记录“立案”（第{register_record.seq}条）</a>"
    ) in detail
    # the button is gone while the item is open: the banner shows it instead
    page = html(client.get(f"/records/{register_record.pk}/"))
    assert f'href="{open_url}"' not in page and f'href="{BASE}/{item.pk}/"' in page

    # the handling agency sees the banner on the case and on the record, and the link on the item page
    client.force_login(head)
    banners = {
        f"/cases/{registered.pk}/": "本案正在接受东区司法局的日常监督：",
        f"/records/{register_record.pk}/": "东区司法局正在日常监督：",
    }
    for url, banner in banners.items():
        page = html(client.get(url))
        assert f'{banner}<a href="{BASE}/{item.pk}/">{item.title}</a>（核查中）' in page, url
        assert f'href="{open_url}"' not in page
    detail = html(client.get(f"{BASE}/{item.pk}/"))
    assert f'<a href="/records/{register_record.pk}/">' in detail


def test_from_the_inspection_page(client, supervisor, head, inspection, third_head):
    open_url = f"{BASE}/source/inspection/{inspection.pk}/"
    client.force_login(head)  # not a supervisor: no button
    assert f'href="{open_url}"' not in html(client.get(f"/inspections/inspections/{inspection.pk}/"))
    client.force_login(supervisor)
    assert f'href="{open_url}"' in html(client.get(f"/inspections/inspections/{inspection.pk}/"))
    response = client.post(open_url, {})
    assert response.status_code == 302, html(response)
    item = SupervisionItem.objects.get()
    client.force_login(head)
    page = html(client.get(f"/inspections/inspections/{inspection.pk}/"))
    assert (
        f'东区司法局正在日常监督：<a href="{BASE}/{item.pk}/">'
        "对东区味美餐饮有限公司的行政检查（2026年3月4日）的监督</a>（核查中）"
    ) in page
    client.force_login(third_head)  # another agency: neither the inspection nor the open page
    assert client.get(f"/inspections/inspections/{inspection.pk}/").status_code == 404
    assert client.get(open_url).status_code == 404


def test_a_record_page_is_seen_by_who_sees_its_subject(client, head, third_head, register_record):
    client.force_login(head)
    assert client.get(f"/records/{register_record.pk}/").status_code == 200
    client.force_login(third_head)
    assert client.get(f"/records/{register_record.pk}/").status_code == 404


def test_every_source_is_registered_once_with_its_key():
    keys = {source.key: source.label for source in sources.registered()}
    assert keys == {
        "case": "案件",
        "record": "执法记录",
        "inspection": "行政检查",
        "task": "双随机检查任务",
        "problem": "突出问题",
        "campaign-file": "评查案卷",
        "complaint": "投诉举报",
        "detection-hit": "问题线索",
        "evaluation-result": "评议考核结果",
    }
