"""The 线索中心 pages and /api/detection/: what each role sees, the handling through both doors (a
refusal re-renders with the reason, nothing written), the Excel export, 404 outside the region."""

import pytest

from tests.helpers import Api, errors, html, xlsx_rows
from zhifa.detection import services
from zhifa.detection.choices import HitStatus
from zhifa.detection.models import Hit, Run

from .conftest import TODAY, DetectionWrites

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(make_case, agencies):
    make_case(fine="80000", low="50000", high="70000")
    make_case(fine="40000", low="50000", high="70000")
    make_case(agencies["west_market"], fine="80000", low="50000", high="70000")
    return services.run_model(actor=None, model="discretion", today=TODAY)


@pytest.fixture
def east_hit(run):
    return Hit.objects.filter(agency__name="东区市场监督管理局").order_by("pk").first()


@pytest.fixture
def west_hit(run):
    return Hit.objects.get(agency__name="西县市场监督管理局")


def test_center_shows_each_model_with_its_precision(client, supervisor, east_hit):
    services.hit_confirm(actor=supervisor, hit=east_hit, reason="核实属实")
    client.force_login(supervisor)
    page = html(client.get("/detection/"))
    assert "决定超出裁量基准未说明理由" in page
    assert "100.0%（1/1）" in page
    assert "—（尚无已处理线索）" in page  # the other models
    assert "全部模型立即运行" in page


def test_hit_list_filters_and_exports(client, supervisor, run):
    client.force_login(supervisor)
    page = html(client.get("/detection/hits/?model=discretion&status=open"))
    assert page.count('data-testid="hit-row"') == 2
    assert "西县" not in page
    rows = xlsx_rows(client.get("/detection/hits/export.xlsx?model=discretion"))
    assert rows[0][:3] == ("模型", "对象", "涉及机关")
    assert len(rows) == 3 and {r[2] for r in rows[1:]} == {"东区市场监督管理局"}


def test_hit_detail_reason_evidence_and_actions(client, supervisor, east_hit):
    client.force_login(supervisor)
    page = html(client.get(f"/detection/hits/{east_hit.pk}/"))
    assert east_hit.reason in page
    assert f'href="/cases/{east_hit.case_id}/"' in page
    assert "确认" in page and "排除" in page


def test_head_reads_own_hits_without_actions(client, head, east_hit, west_hit):
    client.force_login(head)
    page = html(client.get(f"/detection/hits/{east_hit.pk}/"))
    assert east_hit.reason in page
    assert f"/detection/hits/{east_hit.pk}/confirm/" not in page
    assert client.get(f"/detection/hits/{west_hit.pk}/").status_code == 404
    assert client.post(f"/detection/hits/{east_hit.pk}/confirm/", {"reason": "好"}).status_code == 403


def test_officer_has_no_center(client, officer):
    client.force_login(officer)
    assert client.get("/detection/").status_code == 404


def test_dismiss_page_refuses_without_a_reason(client, supervisor, east_hit):
    client.force_login(supervisor)
    writes = DetectionWrites()
    response = client.post(f"/detection/hits/{east_hit.pk}/dismiss/", {"reason": ""})
    assert response.status_code == 200
    assert "请填写排除理由" in html(response)
    assert writes.none
    response = client.post(f"/detection/hits/{east_hit.pk}/dismiss/", {"reason": "基准适用错误"})
    assert response.status_code == 302
    east_hit.refresh_from_db()
    assert (east_hit.status, east_hit.handling_reason) == (HitStatus.DISMISSED, "基准适用错误")


def test_run_from_the_page(client, supervisor, make_case):
    make_case(fine="80000", low="50000", high="70000")
    client.force_login(supervisor)
    assert client.post("/detection/run/", {"model": "discretion"}).status_code == 302
    (run,) = Run.objects.all()
    assert (run.model, run.started_by, run.found) == ("discretion", supervisor, 1)
    assert "1" in html(client.get("/detection/runs/"))


def test_parameters_page(client, supervisor, settings, city):
    settings.ZHIFA_DETECTION_PARAMS_BY_REGION = {city["east"].code: {"disparity": {"ratio": 4}}}
    client.force_login(supervisor)
    page = html(client.get("/detection/parameters/"))
    assert "倍数" in page and "东区" in page and "4倍" in page


def test_api_handling(client, supervisor, west_supervisor, east_hit):
    api = Api(client, "/api/detection").login(supervisor)
    writes = DetectionWrites()
    assert errors(api.post(f"/hits/{east_hit.pk}/confirm", {"reason": ""})) == {"reason": "请填写确认理由"}
    assert writes.none
    body = api.post(f"/hits/{east_hit.pk}/confirm", {"reason": "核实属实"}).json()
    assert (body["status"], body["status_label"], body["actions"]) == (
        "confirmed",
        "已确认",
        ["supervise", "oversee"],
    )
    assert body["links"][0]["url"] == f"/cases/{east_hit.case_id}/"
    made = api.post(f"/hits/{east_hit.pk}/supervise", {"reason": ""})
    assert made.status_code == 201
    models = {m["code"]: m for m in api.get("/models").json()}
    assert (models["discretion"]["confirmed"], models["discretion"]["precision"]) == (1, "100.0")
    assert api.login(west_supervisor).get(f"/hits/{east_hit.pk}").status_code == 404


def test_api_run_and_list(client, supervisor, head, run):
    api = Api(client, "/api/detection").login(supervisor)
    assert api.post("/runs", {"model": "nothing"}).status_code == 422
    assert api.post("/runs", {"model": "discretion"}).status_code == 202
    assert api.get("/runs").json()["count"] == 2
    assert api.get("/hits", model="discretion").json()["count"] == 2
    assert Api(client, "/api/detection").login(head).post("/runs", {}).status_code == 403
