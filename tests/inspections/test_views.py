"""Staff and public pages: they render, carry the flow, and another agency gets 404 on every object."""

import json
from datetime import datetime

import pytest
from django.urls import reverse

from tests.helpers import exported_rows
from zhifa.inspections import drawing, services
from zhifa.inspections.choices import DrawStatus
from zhifa.inspections.models import Draw, Rating

from .conftest import TODAY as ON
from .conftest import enterprise, file_report


@pytest.fixture
def report(agencies, inspector_user, subjects, catalogues):
    return file_report(inspector_user, agencies["east_market"], subjects[0])


def object_urls(plan, drawn, inspection, report, subjects):
    task = drawn.tasks.first()
    assignment = task.inspectors.first()
    return {
        "get": [
            reverse("inspections:plan_detail", args=[plan.pk]),
            reverse("inspections:draw_detail", args=[drawn.pk]),
            reverse("inspections:draw_download", args=[drawn.pk]),
            reverse("inspections:task_detail", args=[task.pk]),
            reverse("inspections:inspection_detail", args=[inspection.pk]),
            reverse("inspections:subject_detail", args=[subjects[0].pk]),
        ],
        "post": [
            reverse("inspections:plan_action", args=[plan.pk, "commit"]),
            reverse("inspections:draw_action", args=[drawn.pk, "reveal"]),
            reverse("inspections:task_start", args=[task.pk]),
            reverse("inspections:task_override", args=[task.pk, assignment.pk]),
            reverse("inspections:inspection_detail", args=[inspection.pk]),
            reverse("inspections:report_action", args=[report.pk, "approve"]),
        ],
    }


def test_another_agency_gets_404_on_every_object_page(
    client, west_lead, plan, drawn, inspection, report, subjects
):
    client.force_login(west_lead)
    urls = object_urls(plan, drawn, inspection, report, subjects)
    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url, {"reason": "x", "result": "no_problem", "summary": "x"}).status_code == 404, (
            url
        )
    drawn.refresh_from_db()
    assert drawn.status == DrawStatus.DRAWN


def test_own_agency_pages_render(client, lead, plan, drawn, inspection, report, subjects):
    client.force_login(lead)
    urls = object_urls(plan, drawn, inspection, report, subjects)["get"]
    urls.remove(reverse("inspections:draw_download", args=[drawn.pk]))  # before the reveal: a message
    names = [
        "plan_list",
        "task_list",
        "inspection_list",
        "subject_list",
        "report_list",
        "rating_list",
        "item_list",
        "inspector_list",
        "subject_import",
        "plan_new",
        "subject_new",
        "lenient_new",
        "lenient_list",
    ]
    for url in urls + [reverse(f"inspections:{name}") for name in names]:
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("inspections:subject_detail", args=[subjects[0].pk])).content.decode()
    assert "<svg" in page and subjects[0].qr_token in page


def test_exports(client, lead, inspection, subjects):
    client.force_login(lead)
    for name in ("subject_list", "task_list", "inspection_list"):
        response = client.get(reverse(f"inspections:{name}"), {"export": 1})
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_the_whole_draw_through_the_pages(client, lead, plan):
    client.force_login(lead)
    client.post(reverse("inspections:plan_action", args=[plan.pk, "commit"]))
    draw = Draw.objects.get()
    public = client.get(reverse("inspections_public:draw", args=[draw.pk])).content.decode()
    assert draw.seed_commitment in public and draw.candidate_hash in public and "抽取后公开" in public
    assert client.get(reverse("inspections_public:draw_file", args=[draw.pk])).status_code == 404
    client.post(reverse("inspections:draw_action", args=[draw.pk, "run"]))
    client.post(reverse("inspections:draw_action", args=[draw.pk, "reveal"]))
    draw.refresh_from_db()
    assert draw.status == DrawStatus.REVEALED
    client.logout()
    document = json.loads(client.get(reverse("inspections_public:draw_file", args=[draw.pk])).content)
    assert drawing.verify(document) == []
    assert draw.seed in client.get(reverse("inspections_public:draw", args=[draw.pk])).content.decode()


def test_a_wrong_seed_through_the_page_is_refused_with_the_reason(client, lead, plan):
    client.force_login(lead)
    draw = services.draw_commit(actor=lead, plan=plan, seed_commitment=drawing.seed_commitment("ab" * 32))
    response = client.post(
        reverse("inspections:draw_action", args=[draw.pk, "run"]), {"seed": "cd" * 32}, follow=True
    )
    assert "随机种子与抽取前公布的种子承诺不一致" in response.content.decode()


def test_public_plan_pages(client, plan, drawn):
    assert plan.title in client.get(reverse("inspections_public:plans")).content.decode()
    page = client.get(reverse("inspections_public:plan", args=[plan.pk])).content.decode()
    assert "第1批" in page


def test_enterprise_page_shows_history_and_takes_an_anonymous_rating(client, inspection):
    token = inspection.subject.qr_token
    url = reverse("inspections_public:enterprise", args=[token])
    assert "东区市场监督管理局" in client.get(url).content.decode()
    client.post(url, {"inspection": inspection.pk, "score": 5, "comment": "规范"})
    assert Rating.objects.get().score == 5
    assert client.get(reverse("inspections_public:enterprise", args=["not-a-token"])).status_code == 404


def test_agency_sees_ratings_without_who_rated(client, lead, inspection):
    services.rating_submit(
        token=inspection.subject.qr_token, inspection_id=inspection.pk, score=3, comment="等候较久"
    )
    client.force_login(lead)
    page = client.get(reverse("inspections:rating_list")).content.decode()
    assert "等候较久" in page and inspection.subject.name not in page


def test_scan_page_starts_a_visit_via_qr(client, inspector_user, drawn):
    task = drawn.tasks.first()
    client.force_login(inspector_user)
    page = client.get(reverse("inspections:scan", args=[task.subject.qr_token])).content.decode()
    assert "扫码开始检查" in page
    client.post(reverse("inspections:task_start", args=[task.pk]), {"via_qr": "1"})
    assert task.inspections.get().via_qr


def test_repeated_inspection_page_shows_the_guard(client, agencies, inspector_user, drawn, lead):
    task = drawn.tasks.first()
    from zhifa.inspections.models import Inspection

    Inspection.objects.create(
        agency=agencies["west_market"],
        subject=task.subject,
        subject_code=task.subject.code,
        started_on=ON,
        started_by=lead,
    )
    client.force_login(inspector_user)
    page = client.get(reverse("inspections:task_detail", args=[task.pk])).content.decode()
    assert "重复检查提醒" in page
    response = client.post(reverse("inspections:task_start", args=[task.pk]), follow=True)
    assert "确需检查的，请写明理由" in response.content.decode()
    assert not task.inspections.filter(agency=agencies["east_market"]).exists()


def test_workbench_lists_my_tasks_not_results_to_publish(agencies, inspectors, inspector_user, inspection):
    """Results waiting for 公示 are publicity's reminder, never a second one here."""
    from zhifa.inspections.models import TaskInspector
    from zhifa.inspections.workbench import pending

    open_task = inspection.task.draw.tasks.exclude(pk=inspection.task_id).first()
    TaskInspector.objects.get_or_create(task=open_task, agency=agencies["east_market"], officer=inspectors[0])
    titles = [item.title for item in pending(inspector_user)]
    assert f"检查任务：{open_task.subject.name}" in titles
    assert not [title for title in titles if "公示" in title]


def test_annual_figures(agencies, inspection):
    from zhifa.core.annual import figures_for

    figures = {f.key: f.value for f in figures_for(agencies["east_market"], 2026) if f.section == "行政检查"}
    assert figures["inspections.done"] == 1 and figures["inspections.planned"] == 1


def test_form_pages_create_through_the_services(client, lead, catalogues, city):
    client.force_login(lead)
    response = client.post(
        reverse("inspections:plan_new"),
        {
            "title": "页面计划",
            "year": 2026,
            "ends_on": "2026-11-30",
            "items": "SCJG-JC-001",
            "ratio_a": "1",
            "ratio_b": "2",
            "ratio_c": "10",
            "ratio_d": "30",
            "frequency": 1,
        },
    )
    assert response.status_code == 302
    refused = client.post(
        reverse("inspections:subject_new"), {"kind": "organisation", "name": "无码企业", "risk_level": "B"}
    )
    assert "企业、个体工商户须填写统一社会信用代码" in refused.content.decode()
    created = client.post(
        reverse("inspections:subject_new"),
        {"kind": "organisation", "name": "甲店", "credit_code": enterprise(99), "risk_level": "C"},
    )
    assert created.status_code == 302


@pytest.mark.parametrize("name", ["task_list", "subject_list", "inspection_list", "plan_list"])
def test_list_pages_take_a_fixed_number_of_queries(
    client, lead, inspection, name, django_assert_max_num_queries
):
    client.force_login(lead)
    with django_assert_max_num_queries(12):
        assert client.get(reverse(f"inspections:{name}")).status_code == 200


def test_leaders_record_residence_and_relations_for_avoidance(
    client, lead, city, catalogues, inspectors, subjects
):
    client.force_login(lead)
    page = client.get(reverse("inspections:inspector_list")).content.decode()
    assert "张伟" in page and "保存居住地" in page
    client.post(
        reverse("inspections:inspector_conflict", args=[inspectors[1].pk, "residence"]),
        {"region": city["east"].code},
    )
    client.post(
        reverse("inspections:inspector_conflict", args=[inspectors[2].pk, "relation"]),
        {"subject_code": subjects[3].code, "note": "亲属在该企业任职"},
    )
    page = client.get(reverse("inspections:inspector_list")).content.decode()
    assert "东区" in page and "亲属在该企业任职" in page


def test_another_agency_cannot_record_avoidance_for_my_officers(client, west_lead, inspectors, city):
    client.force_login(west_lead)
    url = reverse("inspections:inspector_conflict", args=[inspectors[1].pk, "residence"])
    assert client.post(url, {"region": city["east"].code}).status_code == 404


def test_the_lists_as_excel(client, lead, inspection, subjects):
    """The drawn task is random: its subject is read from the inspection."""
    client.force_login(lead)
    subject = inspection.subject
    assert exported_rows(client, reverse("inspections:task_list"), {"export": 1, "status": "done"}) == [
        ("检查对象", "对象编码", "风险等级", "计划", "牵头机关", "状态", "完成期限"),
        (subject.name, subject.code, "A", "2026年食品经营双随机抽查", "东区市场监督管理局", "已完成", datetime(2026, 11, 30)),
    ]  # fmt: skip
    assert exported_rows(client, reverse("inspections:inspection_list"), {"export": 1}) == [
        ("检查对象", "对象编码", "检查机关", "类型", "检查日期", "结果", "公示期限", "公示日期"),
        (subject.name, subject.code, "东区市场监督管理局", "计划内", datetime(2026, 3, 2), "未发现问题",
         datetime(2026, 3, 30), None),
    ]  # fmt: skip
    assert exported_rows(client, reverse("inspections:subject_list"), {"export": 1, "q": "东区第7食品店"}) == [
        ("名称", "对象类别", "统一社会信用代码", "行业", "所在区划代码", "地址", "风险等级", "年度检查上限",
         "名录库所属机关"),
        ("东区第7食品店", "企业及其他组织", "91970102000000007L", None, "970102", "东区人民路7号", "D（高风险）", None,
         "东区市场监督管理局"),
    ]  # fmt: skip
