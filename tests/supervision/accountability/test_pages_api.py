"""责任追究 pages and API: the whole procedure through the pages ending in 收回执法证 (the officer's 执法档案
shows it, the certificate is revoked), the list's search/sort/export, access (another agency: 404), the
工作台 item of an overdue proceeding, and the API doing the same through the same services."""

from datetime import date

import pytest

from tests.helpers import Api, assert_export_cost_is_fixed, errors, html, shown, xlsx_rows
from zhifa.registry import selectors as registry
from zhifa.supervision.accountability import services
from zhifa.supervision.models import AccountabilityCase

pytestmark = pytest.mark.django_db
BASE = "/supervision/accountability"


def test_a_supervisor_concludes_a_proceeding_that_revokes_a_certificate_through_the_pages(
    client, supervisor, zhang, head
):
    client.force_login(supervisor)
    page = html(client.get(f"{BASE}/new/"))
    assert "张伟（东区市场监督管理局，行政执法人员）" in page
    response = client.post(
        f"{BASE}/new/",
        {
            "officers": [zhang.pk],
            "source_kind": "complaint",
            "source_text": "群众来信反映索要财物",
            "source_reference": "投诉〔2026〕9号",
            "facts": "路面检查中索要财物",
        },
    )
    proceeding = AccountabilityCase.objects.get()
    assert response.url == f"{BASE}/{proceeding.pk}/"
    detail = html(client.get(response.url))
    assert "已立案" in detail and "投诉举报（投诉〔2026〕9号）" in detail and "2026-06-03" in detail
    assert f'href="{BASE}/{proceeding.pk}/investigate/"' in detail
    for action, name in (("investigate", "investigation"), ("notify", "notice"), ("hear", "statement")):
        assert client.post(f"{BASE}/{proceeding.pk}/{action}/", {name: "情况"}).status_code == 302
    refused = client.post(f"{BASE}/{proceeding.pk}/decide/", {"outcome": "revoke", "reason": ""})
    assert refused.context["form"].errors == {"reason": ["请填写决定理由"]}
    done = client.post(f"{BASE}/{proceeding.pk}/decide/", {"outcome": "revoke", "reason": "情节严重"})
    assert done.status_code == 302
    detail = html(client.get(done.url))
    text = shown(detail)
    assert "已作出决定" in text and "收回执法证" in text and "现为吊销" in text
    assert not registry.can_enforce(zhang, "market")
    # the officer's 执法档案 shows it, to the supervisor and to his own agency
    for user in (supervisor, head):
        client.force_login(user)
        file = html(client.get(f"/registry/officers/{zhang.pk}/"))
        assert "责任追究（1件）" in file and "收回执法证" in file


def test_the_list_searches_sorts_and_exports(client, supervisor, zhang, li):
    services.proceeding_open(
        actor=supervisor,
        data=services.OpenInput(
            source_kind="overdue_duty", officers=[zhang, li], source_text="逾期未答复", facts="拖延"
        ),
    )
    client.force_login(supervisor)
    page = client.get(f"{BASE}/", {"q": "李娜", "sort": "officer"})
    assert [p.officer.name for p, _ in page.context["rows"]] == ["李娜"]
    rows = xlsx_rows(client.get(f"{BASE}/export.xlsx", {"sort": "opened"}))
    assert rows[0][:4] == ("责任人员", "所在机关", "追责机关", "案件来源")
    assert [(r[0], r[1], r[3], r[6]) for r in rows[1:]] == [
        ("张伟", "东区市场监督管理局", "逾期未履行法定职责", "已立案"),
        ("李娜", "东区市场监督管理局", "逾期未履行法定职责", "已立案"),
    ]
    assert client.get(f"{BASE}/export.xlsx").streaming
    assert assert_export_cost_is_fixed("supervision.accountability_list", supervisor) == 2


def test_another_agency_and_another_region_get_404(client, proceeding, west_head, west_supervisor, head):
    for user in (west_head, west_supervisor):
        client.force_login(user)
        assert client.get(f"{BASE}/{proceeding.pk}/").status_code == 404
        assert client.get(f"{BASE}/").context["rows"] == []
        assert client.post(f"{BASE}/{proceeding.pk}/investigate/", {"investigation": "x"}).status_code == 404
    client.force_login(head)  # his agency sees it, offered nothing
    page = client.get(f"{BASE}/{proceeding.pk}/")
    assert page.status_code == 200 and page.context["offered"] == []
    assert client.post(f"{BASE}/{proceeding.pk}/investigate/", {"investigation": "x"}).status_code == 403
    assert client.get(f"{BASE}/new/").status_code == 404


def test_an_open_proceeding_past_its_deadline_is_on_the_supervisors_workbench(
    client, supervisor, proceeding, today
):
    client.force_login(supervisor)
    assert "逾期未作出决定" not in html(client.get("/"))
    today(date(2026, 6, 4))
    assert "东区市场监督管理局 张伟（逾期未作出决定）" in html(client.get("/"))


def test_the_deadline_is_a_setting(supervisor, zhang, settings):
    from tests.supervision.accountability.conftest import complaint

    settings.ZHIFA_ACCOUNTABILITY_WORKDAYS = 0
    (made,) = services.proceeding_open(actor=supervisor, data=complaint(zhang))
    assert made.due_on is None


@pytest.fixture
def api(client):
    return Api(client, "/api/supervision")


def test_the_procedure_through_the_api(api, supervisor, zhang, head):
    api.login(supervisor)
    made = api.post(
        "/accountability",
        {"officer_ids": [zhang.pk], "source_kind": "complaint", "source_text": "投诉", "facts": "未亮证"},
    )
    assert made.status_code == 201
    (proceeding,) = made.json()
    assert (proceeding["status_label"], proceeding["officer_name"], proceeding["due_on"]) == (
        "已立案",
        "张伟",
        "2026-06-03",
    )
    pk = proceeding["id"]
    for action, name in (("investigate", "investigation"), ("notify", "notice"), ("hear", "statement")):
        assert api.post(f"/accountability/{pk}/{action}", {name: "情况"}).status_code == 200
    decided = api.post(
        f"/accountability/{pk}/decide",
        {"outcome": "suspend", "reason": "未亮证", "suspended_until": "2026-06-05"},
    )
    body = decided.json()
    assert (body["status"], body["outcome_label"], body["suspended_until"], body["actions"]) == (
        "decided",
        "暂扣执法证",
        "2026-06-05",
        [],
    )
    assert body["certificates"] == [zhang.certificates.get().number]
    assert errors(api.post(f"/accountability/{pk}/decide", {"outcome": "revoke", "reason": "x"})) == {
        "status": "责任追究案件当前为“已作出决定”，不能作出处理决定（须先告知拟处理意见并听取陈述申辩）（应为：已听取陈述申辩）"
    }
    api.login(head)
    assert [p["id"] for p in api.get("/accountability").json()["items"]] == [pk]
    assert api.get(f"/accountability/{pk}").json()["actions"] == []
    assert api.post(f"/accountability/{pk}/restore").status_code == 403


def test_the_api_refuses_an_officer_outside_the_region_and_hides_other_agencies(
    api, supervisor, west_officer, west_supervisor, proceeding, writes
):
    api.login(supervisor)
    before = writes()
    answer = api.post(
        "/accountability",
        {"officer_ids": [west_officer.pk], "source_kind": "complaint", "source_text": "x", "facts": "x"},
    )
    assert errors(answer) == {"officer_ids": f"未找到编号为{west_officer.pk}的执法人员"}
    assert before.none
    api.login(west_supervisor)
    assert api.get(f"/accountability/{proceeding.pk}").status_code == 404
    assert api.post(f"/accountability/{proceeding.pk}/investigate", {"investigation": "x"}).status_code == 404
    assert api.get("/accountability").json()["items"] == []


def test_a_suspension_whose_period_has_run_is_restored_from_the_workbench(
    client, supervisor, heard, zhang, today
):
    services.proceeding_decide(
        actor=supervisor,
        proceeding=heard,
        outcome="suspend",
        reason="未亮证",
        suspended_until=date(2026, 3, 20),
    )
    client.force_login(supervisor)
    assert client.get(f"{BASE}/{heard.pk}/").context["offered"] == []
    today(date(2026, 3, 20))
    assert "东区市场监督管理局 张伟（暂扣期满，待恢复执法证）" in html(client.get("/"))
    assert client.get(f"{BASE}/{heard.pk}/").context["offered"] == [("restore", "暂扣期满，恢复执法证")]
    assert client.post(f"{BASE}/{heard.pk}/restore/").status_code == 302
    assert registry.can_enforce(zhang, "market")
    assert "待恢复执法证" not in html(client.get("/"))
