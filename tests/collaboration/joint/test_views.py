"""联合执法 pages: the list with search, the action page with the buttons the table offers its party, the
apply page refusing a late 专项 application beside the field (nothing written), officers found by search,
another county's user a 404, the organisation and meeting pages."""

from datetime import datetime

import pytest

from tests.helpers import exported_rows, html
from zhifa.collaboration.joint import services

from .conftest import JointWrites, finding_input

pytestmark = pytest.mark.django_db


def test_the_list_and_the_action_page(client, applied, office_user, market_user):
    client.force_login(office_user)
    page = html(client.get("/collaboration/joint/?q=专项"))
    assert "无证食品小作坊专项整治" in page and "待办公室审批" in page
    detail = html(client.get(f"/collaboration/joint/{applied.pk}/"))
    assert "同意实施" in detail and "不同意实施" in detail
    client.force_login(market_user)
    assert "同意实施" not in html(client.get(f"/collaboration/joint/{applied.pk}/"))
    assert client.get(f"/collaboration/joint/{applied.pk}/approve/").status_code == 403


def test_a_late_special_application_is_refused_on_the_page(
    client, group, catalogue, ecology, hu, market_user, zhang
):
    client.force_login(market_user)
    writes = JointWrites()
    response = client.post("/collaboration/joint/new/apply/", {
        "title": "专项", "place": "某地", "starts_on": "2026-03-09", "ends_on": "2026-03-10",
        "agencies": [ecology.pk], "officers": "张伟、胡斌", "plan": "方案",
    })  # fmt: skip
    assert response.status_code == 200
    assert "专项联合执法应当提前5日向领导小组办公室提出申请" in html(response)
    assert writes.none
    response = client.post("/collaboration/joint/new/apply/", {
        "title": "专项", "place": "某地", "starts_on": "2026-03-11", "ends_on": "2026-03-12",
        "agencies": [ecology.pk], "officers": "张伟、王五", "plan": "方案",
    })  # fmt: skip
    assert "参与部门中没有姓名或执法证号为“王五”的人员" in html(response)
    assert writes.none


def test_officers_are_found_by_search(client, group, market_user, hu):
    client.force_login(market_user)
    assert "胡斌（东区生态环境局" in html(client.get("/collaboration/joint/officers/?q=hb"))
    assert "胡斌" not in html(client.get("/collaboration/joint/officers/?q="))


def test_another_countys_user_gets_404(client, applied, other_officer):
    client.force_login(other_officer)
    assert client.get(f"/collaboration/joint/{applied.pk}/").status_code == 404
    assert client.post(f"/collaboration/joint/{applied.pk}/approve/", {}).status_code == 404


def test_split_and_register_through_the_pages(client, active, market_user, ecology_user):
    finding = services.finding_record(
        actor=market_user, action=active, data=finding_input("SCJG-CF-001", "STHJ-CF-001")
    )
    client.force_login(market_user)
    assert client.post(f"/collaboration/joint/findings/{finding.pk}/split/", {}).status_code == 302
    share = finding.shares.get(agency=ecology_user.agency)
    client.force_login(ecology_user)
    assert "立案查处" in html(client.get(f"/collaboration/joint/{active.pk}/"))
    assert client.post(f"/collaboration/joint/shares/{share.pk}/register/", {}).status_code == 302
    share.refresh_from_db()
    assert share.case.get_source_display() == "联合执法"


def test_organisation_and_meeting_pages(client, group, office_user, market_user):
    client.force_login(market_user)
    page = html(client.get("/collaboration/organisation/"))
    assert "东区综合行政执法局" in page and "指定联络员" not in page
    client.force_login(office_user)
    assert "指定联络员" in html(client.get("/collaboration/organisation/"))
    assert "召集会议" in html(client.get("/collaboration/meetings/"))


def test_the_action_list_as_excel(client, applied, office_user):
    client.force_login(office_user)
    assert exported_rows(client, "/collaboration/joint/export.xlsx") == [
        ("行动名称", "启动方式", "牵头部门", "地点", "开始日期", "结束日期", "状态"),
        ("无证食品小作坊专项整治", "专项联合执法", "东区市场监督管理局", "东区城乡结合部", datetime(2026, 3, 11),
         datetime(2026, 3, 13), "待办公室审批"),
    ]  # fmt: skip
