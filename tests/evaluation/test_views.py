"""评议考核 pages and API: access (another county's scheme is a 404, an agency sees only its own published
result), the ranking with every number linked to its records, the drill-down, reports, and the refusals
through both doors."""

import json
from io import BytesIO

import pytest
from docx import Document

from tests.evaluation.conftest import EXTERNAL, YEAR, EvaluationWrites, external_by_hand
from tests.helpers import xlsx_rows
from zhifa.evaluation import services
from zhifa.evaluation.models import Node, Result, Scheme


@pytest.fixture
def ranked(seeded, supervisor):
    scheme = external_by_hand(services.scheme_create(actor=supervisor, year=YEAR), supervisor)
    services.scheme_publish(actor=supervisor, scheme=scheme)
    for agency, values in ((seeded["a"], (90, 80, 70)), (seeded["b"], (60, 60, 60))):
        for name, value in zip(EXTERNAL, values, strict=True):
            node = Node.objects.get(scheme=scheme, name=name)
            services.score_enter(actor=supervisor, node=node, agency=agency, score=value, source="测评报告")
    services.ranking_publish(actor=supervisor, scheme=scheme)
    return scheme


def _post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_create_scheme_on_the_page_and_refuse_a_bad_year(client, supervisor):
    client.force_login(supervisor)
    writes = EvaluationWrites()
    response = client.post("/evaluation/new/", {"year": "1999"})
    assert response.context["form"].errors == {"year": ["考核年度应在2000至2100之间"]}
    assert _post_json(client, "/api/evaluation/schemes", {"year": 1999}).status_code == 422
    assert writes.none
    response = client.post("/evaluation/new/", {"year": str(YEAR)})
    scheme = Scheme.objects.get()
    assert response.status_code == 302 and response.url == f"/evaluation/{scheme.pk}/"
    page = client.get(f"/evaluation/{scheme.pk}/").content.decode()
    assert "一般指标" in page and "系统计算" in page and "发布方案" in page


def test_scheme_detail_api_gives_the_tree_with_its_weights(client, supervisor):
    scheme = services.scheme_create(actor=supervisor, year=YEAR)
    client.force_login(supervisor)
    body = client.get(f"/api/evaluation/schemes/{scheme.pk}").json()
    assert body["bureau_name"] == scheme.bureau.name
    assert body["status_label"] == scheme.get_status_display()
    top = [(n["name"], n["weight"]) for n in body["nodes"] if n["parent_id"] is None]
    assert top == [("一般指标", "30.00"), ("专项指标", "50.00"), ("外部评价", "20.00")]


def test_weights_page_refuses_a_sum_other_than_100(client, supervisor):
    scheme = services.scheme_create(actor=supervisor, year=YEAR)
    top = list(Node.objects.filter(scheme=scheme, parent=None).order_by("order"))
    client.force_login(supervisor)
    writes = EvaluationWrites()
    data = {f"w_{n.pk}": w for n, w in zip(top, ("30", "50", "30"), strict=True)}
    response = client.post(f"/evaluation/{scheme.pk}/weights/", data)
    assert response.context["form"].errors == {"weights": ["一级指标权重合计为110，应为100"]}
    api = _post_json(
        client,
        f"/api/evaluation/schemes/{scheme.pk}/weights",
        {"weights": [{"node_id": n.pk, "weight": w} for n, w in zip(top, (30, 50, 30), strict=True)]},
    )
    assert api.status_code == 422
    assert api.json()["detail"][0]["msg"] == "一级指标权重合计为110，应为100"
    assert writes.none


def test_ranking_page_links_every_number(client, supervisor, ranked, seeded):
    client.force_login(supervisor)
    page = client.get(f"/evaluation/{ranked.pk}/ranking/").content.decode()
    overdue = Node.objects.get(scheme=ranked, name="案件超期率")
    drill = f"/evaluation/{ranked.pk}/drill/{overdue.pk}/{seeded['a'].pk}/"
    assert f'href="{drill}"' in page
    assert "84.50" in page and "69.80" in page
    response = client.get(drill)
    assert response.status_code == 200
    assert all(r["url"].startswith("/cases/") for r in response.context["rows"])
    assert sum(r["counted"] for r in response.context["rows"]) == 1
    assert len(response.context["rows"]) == 3
    assert "计入 1，共 3 条" in response.content.decode()


def test_reports(client, supervisor, ranked):
    client.force_login(supervisor)
    rows = xlsx_rows(client.get(f"/evaluation/{ranked.pk}/report.xlsx"))
    assert rows[0][:3] == ("名次", "被考核机关", "总分")
    assert [r[:3] for r in rows[1:]] == [(1, "东区生态环境局", "84.50"), (2, "东区市场监督管理局", "69.80")]
    document = Document(BytesIO(client.get(f"/evaluation/{ranked.pk}/report.docx").content))
    assert document.paragraphs[0].text == "东区2025年度行政执法评议考核结果"
    assert document.tables[0].rows[1].cells[1].text == "东区生态环境局"


def test_access(client, ranked, seeded, supervisor, city_supervisor, west_supervisor, head_a, head_b):
    overdue = Node.objects.get(scheme=ranked, name="案件超期率")
    drill_a = f"/evaluation/{ranked.pk}/drill/{overdue.pk}/{seeded['a'].pk}/"
    result_a = Result.objects.get(agency=seeded["a"])
    # the county's supervisor and the city's see the scheme; the neighbour county's does not
    for user, status in ((supervisor, 200), (city_supervisor, 200), (west_supervisor, 404)):
        client.force_login(user)
        assert client.get(f"/evaluation/{ranked.pk}/ranking/").status_code == status
        assert client.get(f"/api/evaluation/schemes/{ranked.pk}/ranking").status_code == status
    # an agency sees its own result and drills into its own figures, never the other's
    client.force_login(head_a)
    assert client.get(f"/evaluation/{ranked.pk}/").status_code == 404
    assert client.get(f"/evaluation/results/{result_a.pk}/").status_code == 200
    assert client.get(drill_a).status_code == 200
    assert client.get(f"/api/evaluation/results/{result_a.pk}").json()["rank"] == 2
    client.force_login(head_b)
    assert client.get(f"/evaluation/results/{result_a.pk}/").status_code == 404
    assert client.get(drill_a).status_code == 404
    assert (
        client.get(f"/api/evaluation/schemes/{ranked.pk}/drill/{overdue.pk}/{seeded['a'].pk}").status_code
        == 404
    )
    assert [r["agency_name"] for r in client.get("/api/evaluation/results").json()["items"]] == [
        "东区生态环境局"
    ]


def test_api_ranking_and_drill(client, supervisor, ranked, seeded):
    client.force_login(supervisor)
    body = client.get(f"/api/evaluation/schemes/{ranked.pk}/ranking").json()
    assert body["published"] is True
    assert [(line["agency_name"], line["rank"], line["total"]) for line in body["lines"]] == [
        ("东区生态环境局", 1, "84.50"),
        ("东区市场监督管理局", 2, "69.80"),
    ]
    publicity = Node.objects.get(scheme=ranked, name="行政执法决定按时公示率")
    cell = next(c for c in body["lines"][1]["cells"] if c["node_id"] == publicity.pk)
    assert (cell["score"], cell["counted"], cell["total"]) == ("75.00", "3", 4)
    drill = client.get(cell["drill"]).json()
    assert (drill["counted"], drill["total"], drill["score"]) == ("3", 4, "75.00")
    assert [row["counted"] for row in drill["rows"]].count(True) == 3


def test_consequence_opens_item_through_api(client, supervisor, ranked, seeded):
    client.force_login(supervisor)
    result = Result.objects.get(agency=seeded["a"])
    response = _post_json(
        client,
        f"/api/evaluation/results/{result.pk}/consequences",
        {"kind": "rectify", "note": "限期三个月整改", "open_item": True},
    )
    assert response.status_code == 201
    item_id = response.json()["supervision_item_id"]
    assert item_id
    page = client.get(f"/evaluation/results/{result.pk}/").content.decode()
    assert f"/supervision/actions/{item_id}/" in page and "限期整改：限期三个月整改" in page
