"""The API: the same flow as the pages, 422 with the reason, 404 for another agency on every object."""

from django.test import Client

from zhifa.inspections import drawing, services

from .conftest import file_report


def api(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_draw_through_the_api(lead, plan):
    client = api(lead)
    seed = "ab" * 32
    response = client.post(
        f"/api/inspections/plans/{plan.pk}/draws",
        {"seed_commitment": drawing.seed_commitment(seed)},
        content_type="application/json",
    )
    assert response.status_code == 201
    draw_id = response.json()["id"]
    refused = client.post(
        f"/api/inspections/draws/{draw_id}/run", {"seed": "cd" * 32}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["msg"] == "随机种子与抽取前公布的种子承诺不一致，不能抽取"
    assert (
        client.post(
            f"/api/inspections/draws/{draw_id}/run", {"seed": seed}, content_type="application/json"
        ).json()["status"]
        == "drawn"
    )
    assert client.post(f"/api/inspections/draws/{draw_id}/reveal").json()["seed"] == seed
    assert drawing.verify(client.get(f"/api/inspections/draws/{draw_id}/file").json()) == []


def test_task_start_and_finish_through_the_api(inspector_user, drawn):
    client = api(inspector_user)
    tasks = client.get("/api/inspections/tasks").json()
    assert tasks["count"] == drawn.tasks.count()
    started = client.post(
        f"/api/inspections/tasks/{tasks['items'][0]['id']}/start", {}, content_type="application/json"
    )
    assert started.status_code == 201
    finished = client.post(
        f"/api/inspections/inspections/{started.json()['id']}/finish",
        {"result": "no_problem", "summary": "未见异常", "on": "2026-03-02"},
        content_type="application/json",
    )
    assert (finished.json()["publicity_due"], finished.json()["publicity_label"]) == ("2026-03-30", "待审核")


def test_unplanned_without_approval_is_refused(agencies, inspector_user, subjects, catalogues):
    report = file_report(inspector_user, agencies["east_market"], subjects[0])
    response = api(inspector_user).post(
        "/api/inspections/inspections", {"prior_report_id": report.pk}, content_type="application/json"
    )
    assert response.status_code == 422 and "事前报备并经批准" in response.json()["detail"][0]["msg"]


def test_another_agency_gets_404_on_every_object(west_lead, plan, drawn, inspection, subjects):
    client = api(west_lead)
    task = drawn.tasks.first()
    gets = [
        f"/api/inspections/plans/{plan.pk}",
        f"/api/inspections/draws/{drawn.pk}",
        f"/api/inspections/draws/{drawn.pk}/file",
        f"/api/inspections/tasks/{task.pk}",
        f"/api/inspections/inspections/{inspection.pk}",
        f"/api/inspections/subjects/{subjects[0].pk}",
        f"/api/inspections/subjects/{subjects[0].pk}/guard",
    ]
    posts = [
        f"/api/inspections/plans/{plan.pk}/publish",
        f"/api/inspections/plans/{plan.pk}/draws",
        f"/api/inspections/draws/{drawn.pk}/run",
        f"/api/inspections/draws/{drawn.pk}/reveal",
        f"/api/inspections/tasks/{task.pk}/start",
        f"/api/inspections/inspections/{inspection.pk}/finish",
        f"/api/inspections/inspections/{inspection.pk}/publish",
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    body = {"result": "no_problem", "summary": "x"}
    for url in posts:
        assert client.post(url, body, content_type="application/json").status_code == 404, url
    assert client.get("/api/inspections/plans").json()["count"] == 0


def test_officer_may_not_draw(inspector_user, plan):
    response = api(inspector_user).post(
        f"/api/inspections/plans/{plan.pk}/draws", {}, content_type="application/json"
    )
    assert response.status_code == 403


def test_joint_plan_is_visible_to_each_participating_department(
    agencies, catalogues, health, lead, make_user
):
    from datetime import date

    from zhifa.accounts.choices import RoleCode

    plan = services.plan_create(
        actor=lead,
        agency=agencies["east_market"],
        data=services.PlanInput(
            title="联合抽查",
            year=2026,
            items=[(agencies["east_market"], "SCJG-JC-001"), (health, "WSJK-JC-001")],
            ends_on=date(2026, 11, 30),
        ),
    )
    health_user = make_user(health, RoleCode.OFFICER)
    assert api(health_user).get(f"/api/inspections/plans/{plan.pk}").status_code == 200
    west_user = make_user(agencies["west_market"], RoleCode.OFFICER)
    assert api(west_user).get(f"/api/inspections/plans/{plan.pk}").status_code == 404


def test_report_filed_and_approved_through_the_api(
    agencies, catalogues, inspector_user, lead, subjects, west_lead
):
    filed = api(inspector_user).post(
        "/api/inspections/reports",
        {
            "subject_id": subjects[0].pk,
            "reason": "投诉",
            "item_codes": ["SCJG-JC-001"],
            "planned_on": "2026-03-02",
        },
        content_type="application/json",
    )
    assert filed.status_code == 201
    report_id = filed.json()["id"]
    assert api(west_lead).post(f"/api/inspections/reports/{report_id}/approve").status_code == 404
    assert api(inspector_user).post(f"/api/inspections/reports/{report_id}/approve").status_code == 403
    assert api(lead).post(f"/api/inspections/reports/{report_id}/approve").json()["status"] == "approved"
