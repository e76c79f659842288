"""案卷评查 through the pages and the API: the same refusals beside the same fields (tests/parity.py),
access (a reviewer of another agency sees only the files assigned to them, 404 otherwise), the lists with
their filters, sorting and Excel export, and a campaign carried from the draw to the portal."""

import json
from decimal import Decimal
from io import BytesIO

import pytest
from docx import Document

from tests.helpers import Api, errors, html, xlsx_rows
from tests.parity import Door, check_door, check_parity
from zhifa.supervision.campaigns import drawing, services
from zhifa.supervision.campaigns.choices import FileStatus
from zhifa.supervision.models import Campaign, CampaignFile, FileReview, ItemScore

COUNTED = (Campaign, CampaignFile, FileReview, ItemScore)


@pytest.fixture
def api(client):
    return Api(client, "/api/supervision")


def market_file(campaign, east):
    return CampaignFile.objects.filter(campaign=campaign, agency=east["market"]).order_by("order").first()


# ---- the same refusal through either door -------------------------------------------------------

OP = "zhifa_supervision_api_campaigns_"


def create_door(agency_id: int) -> Door:
    return Door(
        name="create",
        operation=f"{OP}campaign_create",
        page="/supervision/campaigns/new/",
        api="/api/supervision/campaigns",
        good={"agency": agency_id, "title": "案卷评查", "year": "2025"},
        text_fields={"title": "活动名称"},
        to_api=lambda data: {"agency_id": data["agency"], "title": data["title"], "year": data["year"]},
        api_field=lambda name: "agency_id" if name == "agency" else name,
    )


def draw_door(campaign_id: int) -> Door:
    return Door(
        name="draw",
        operation=f"{OP}campaign_draw",
        page=f"/supervision/campaigns/{campaign_id}/draw/",
        api=f"/api/supervision/campaigns/{campaign_id}/draw",
        good={"seed": "种子"},
        text_fields={"seed": "随机种子（可选）"},
    )


def commit_door(campaign_id: int) -> Door:
    return Door(
        name="commit",
        operation=f"{OP}campaign_commit",
        page=f"/supervision/campaigns/{campaign_id}/commit/",
        api=f"/api/supervision/campaigns/{campaign_id}/commit",
        good={"per_agency": 10, "seed_commitment": ""},
        text_fields={},
    )


def assign_door(file_id: int, reviewer_id: int) -> Door:
    return Door(
        name="assign",
        operation=f"{OP}campaign_file_assign",
        page=f"/supervision/campaigns/files/{file_id}/",
        api=f"/api/supervision/campaign-files/{file_id}/assign",
        good={"reviewer": reviewer_id},
        text_fields={},
        to_api=lambda data: {"reviewer_id": data["reviewer"]},
        api_field=lambda name: name,
    )


def score_door(review_id: int) -> Door:
    return Door(
        name="score",
        operation=f"{OP}review_submit",
        page=f"/supervision/campaigns/reviews/{review_id}/",
        api=f"/api/supervision/campaign-reviews/{review_id}/submit",
        good={},  # every proposal adopted
        text_fields={},
        to_api=lambda data: {"scores": {"C2": {"deduction": data["item_C2"]}}},
    )


# the table only, at import: tests/test_parity_table.py reads the Doors declared here
TABLE = [create_door(0), commit_door(0), draw_door(0), assign_door(0, 0), score_door(0)]


def test_a_control_character_is_refused_on_page_and_api(client, campaign, east, supervisor):
    for door in (create_door(east["justice"].pk), draw_door(campaign.pk)):
        check_door(client, supervisor, door, COUNTED)


def test_a_draw_below_the_minimum_is_refused_on_page_and_api(client, campaign, east, version, supervisor):
    from .conftest import make_closed

    make_closed(east["market"], version, 12)
    check_parity(
        client,
        supervisor,
        commit_door(campaign.pk),
        "per_agency",
        9,
        "每个机关至少抽取10卷（不足10卷的全部抽取），不能只抽取9卷",
        COUNTED,
    )


def test_assigning_a_reviewer_their_own_agencys_file_is_refused_on_page_and_api(
    client, drawn, east, supervisor, reviewers
):
    file = market_file(drawn, east)
    check_parity(
        client,
        supervisor,
        assign_door(file.pk, reviewers["ecology"].pk),
        "reviewer",
        reviewers["market"].pk,
        "陈静是东区市场监督管理局的人员，交叉评查不得评查本机关的案卷",
        COUNTED,
    )


def test_a_score_out_of_range_is_refused_on_page_and_api(client, drawn, east, supervisor, reviewers):
    file = market_file(drawn, east)
    review = services.file_assign(actor=supervisor, file=file, reviewer=reviewers["ecology"])
    check_parity(
        client,
        reviewers["ecology"],
        score_door(review.pk),
        "item_C2",
        "16",
        "C2 适用法律、法规、规章正确，引用条款具体：扣分应在0至15.0分之间，填写的是16分",
        COUNTED,
    )


# ---- access -------------------------------------------------------------------------------------


def test_a_reviewer_of_another_agency_sees_only_the_files_assigned_to_them(
    client, api, drawn, east, supervisor, reviewers
):
    mine = market_file(drawn, east)
    services.file_assign(actor=supervisor, file=mine, reviewer=reviewers["ecology"])
    other = CampaignFile.objects.filter(campaign=drawn, agency=east["market"]).exclude(pk=mine.pk).first()
    client.force_login(reviewers["ecology"])
    listed = client.get(f"/supervision/campaigns/{drawn.pk}/files/?agency={east['market'].pk}")
    assert listed.status_code == 200 and list(listed.context["page"]) == [mine]
    assert client.get(f"/supervision/campaigns/files/{mine.pk}/").status_code == 200
    assert client.get(f"/supervision/campaigns/files/{other.pk}/").status_code == 404
    assert api.get(f"/campaign-files/{other.pk}").status_code == 404
    detail = api.get(f"/campaign-files/{mine.pk}").json()
    assert (detail["case_number"], detail["status"]) == (mine.case.number, "assigning")
    assert [(r["reviewer_name"], r["role"], r["status"]) for r in detail["reviews"]] == [
        ("林涛", "first", "pending")
    ]
    # the assigned case's materials, read-only: evidence, documents, the 案卷 zip — not the case page
    assert client.get(f"/cases/{mine.case_id}/documents/").status_code == 200
    assert client.get(f"/cases/{mine.case_id}/casefile/").status_code == 200
    assert client.get(f"/cases/{mine.case_id}/").status_code == 404
    assert client.get(f"/cases/{other.case_id}/documents/").status_code == 404
    # their own agency's files (results of their agency), but they may not score them
    client.force_login(reviewers["market"])
    assert client.get(f"/supervision/campaigns/files/{mine.pk}/").status_code == 200
    review = mine.reviews.get()
    assert client.get(f"/supervision/campaigns/reviews/{review.pk}/").status_code == 404
    assert api.post(f"/campaign-reviews/{review.pk}/submit", {"scores": {}}).status_code == 404


def test_another_countys_supervisor_gets_404(client, api, drawn, agencies, make_user):
    from zhifa.accounts.choices import RoleCode

    west = make_user(agencies["west_market"], RoleCode.SUPERVISOR)
    client.force_login(west)
    assert client.get(f"/supervision/campaigns/{drawn.pk}/").status_code == 404
    assert api.get(f"/campaigns/{drawn.pk}").status_code == 404
    assert client.get("/supervision/campaigns/").context["page"].paginator.count == 0


# ---- lists ---------------------------------------------------------------------------------------


def test_file_list_filters_sorts_and_exports(client, drawn, east, supervisor):
    client.force_login(supervisor)
    page = client.get(f"/supervision/campaigns/{drawn.pk}/files/?agency={east['ecology'].pk}")
    assert page.context["page"].paginator.count == 3
    rows = xlsx_rows(
        client.get(f"/supervision/campaigns/{drawn.pk}/files/export.xlsx?agency={east['ecology'].pk}")
    )
    assert rows[0] == ("抽取顺序", "办案机关", "案件编号", "案由", "状态", "得分", "等次", "触发否决项")
    assert [r[1] for r in rows[1:]] == ["东区生态环境局"] * 3
    assert {r[4] for r in rows[1:]} == {"待分配评查人"}
    found = client.get(f"/supervision/campaigns/{drawn.pk}/files/?q=〔2026〕12号").context["page"]
    assert [f.case.number for f in found] == [
        f"{east['market'].short_name}罚〔2026〕12号"
    ] or found.paginator.count == 0
    listed = client.get("/supervision/campaigns/?q=案卷评查&sort=title")
    assert [c.title for c in listed.context["page"]] == ["2026年度行政执法案卷评查"]
    exported = xlsx_rows(client.get("/supervision/campaigns/export.xlsx"))
    assert exported[1] == (
        2026,
        "2026年度行政执法案卷评查",
        "东区司法局",
        "评查中",
        13,
        "行政执法案卷评查标准 第1版",
    )


# ---- a campaign from the draw to the portal ---------------------------------------------------------


def test_a_campaign_through_the_pages_to_the_portal(
    client, campaign, east, version, certified, supervisor, reviewers
):
    from .conftest import make_closed

    make_closed(east["market"], version, 2, officers=certified)
    make_closed(east["ecology"], version, 1)
    client.force_login(supervisor)
    assert client.post(f"/supervision/campaigns/{campaign.pk}/commit/", {"per_agency": 10}).status_code == 302
    assert client.post(f"/supervision/campaigns/{campaign.pk}/draw/", {"seed": ""}).status_code == 302
    assert client.post(f"/supervision/campaigns/{campaign.pk}/do/assign/").status_code == 302
    for review in FileReview.objects.filter(file__campaign=campaign).select_related("reviewer"):
        client.force_login(review.reviewer)
        page = client.get(f"/supervision/campaigns/reviews/{review.pk}/")
        assert "自动预评：扣" in html(page)
        # adopt every proposal (blank fields): 2 points for each of three missing documents, a veto for no
        # registered 执法主体 and no evidence; and deduct 5 on C1
        data = {f"item_{i.code}": "" for i in campaign.template_version.items.all()}
        data["item_C1"] = "5"
        answer = client.post(f"/supervision/campaigns/reviews/{review.pk}/", data)
        assert answer.status_code == 302, answer.context["form"].errors
    assert set(CampaignFile.objects.filter(campaign=campaign).values_list("status", "grade", "vetoed")) == {
        (FileStatus.FINAL, "fail", True)
    }
    client.force_login(supervisor)
    assert client.post(f"/supervision/campaigns/{campaign.pk}/do/conclude/").status_code == 302
    assert client.post(f"/supervision/campaigns/{campaign.pk}/do/publish/").status_code == 302
    report = Document(BytesIO(client.get(f"/supervision/campaigns/{campaign.pk}/report.docx").content))
    assert report.tables[0].rows[1].cells[0].text == "东区市场监督管理局"
    assert [c.text for c in report.tables[0].rows[1].cells[1:4]] == ["2", "2", "89.0"]
    client.logout()
    public = client.get(f"/gs/supervision/campaigns/{campaign.pk}/")
    assert public.status_code == 200
    assert "按公布的名单和种子重新抽取，结果一致" in html(public)
    document = json.loads(client.get(f"/gs/supervision/campaigns/{campaign.pk}/draw.json").content)
    assert drawing.verify(document, 10) == []
    assert client.get(f"/gs/supervision/campaigns/{campaign.pk}/verify.json").json() == {
        "verified": True,
        "problems": [],
    }
    assert Decimal(str(document["minimum_per_agency"])) == 10


def test_an_unpublished_campaign_is_not_on_the_portal(client, drawn):
    assert client.get(f"/gs/supervision/campaigns/{drawn.pk}/").status_code == 404
    assert client.get(f"/gs/supervision/campaigns/{drawn.pk}/draw.json").status_code == 404


def test_api_creates_commits_and_draws(api, east, version, supervisor):
    from .conftest import make_closed

    make_closed(east["market"], version, 11)
    api.login(supervisor)
    created = api.post("/campaigns", {"agency_id": east["justice"].pk, "title": "专项评查", "year": 2026})
    assert created.status_code == 201 and created.json()["actions"] == ["commit"]
    pk = created.json()["id"]
    assert errors(api.post(f"/campaigns/{pk}/commit", {"per_agency": 3})) == {
        "per_agency": "每个机关至少抽取10卷（不足10卷的全部抽取），不能只抽取3卷"
    }
    assert api.post(f"/campaigns/{pk}/commit", {"per_agency": 10}).json()["status"] == "committed"
    drawn = api.post(f"/campaigns/{pk}/draw", {}).json()
    assert drawn["status"] == "reviewing" and len(drawn["seed"]) == 64
    assert api.get(f"/campaigns/{pk}/verify").json() == {"verified": True, "problems": []}
    files = api.get(f"/campaigns/{pk}/files").json()
    assert files["count"] == 10
    results = api.get(f"/campaigns/{pk}/results").json()
    assert [(r["agency_name"], r["files"], r["final"]) for r in results] == [("东区市场监督管理局", 10, 0)]


def test_api_proposals_and_submission(api, drawn, east, supervisor, reviewers):
    file = market_file(drawn, east)
    review = services.file_assign(actor=supervisor, file=file, reviewer=reviewers["ecology"])
    api.login(reviewers["ecology"])
    assert [r["id"] for r in api.get("/campaign-reviews").json()["items"]] == [review.pk]
    proposals = {p["code"]: p for p in api.get(f"/campaign-reviews/{review.pk}/proposals").json()}
    assert Decimal(str(proposals["F1"]["deduction"])) == Decimal(6)
    assert [e["text"] for e in proposals["F1"]["evidence"]] == [
        "缺少立案审批表",
        "缺少行政处罚决定书",
        "缺少结案报告",
    ]
    assert errors(
        api.post(f"/campaign-reviews/{review.pk}/submit", {"scores": {"F1": {"deduction": 0}}})
    ) == {"reason_F1": "F1 文书齐全、编号规范（缺少或未编号，每份扣2分）：与自动预评不一致，请说明理由"}
    done = api.post(
        f"/campaign-reviews/{review.pk}/submit",
        {"scores": {"F1": {"deduction": 0, "reason": "文书在纸质卷中齐全"}, "C1": {"deduction": 3}}},
    ).json()
    assert (done["status"], Decimal(str(done["score"])), done["grade"], done["vetoed"]) == (
        "submitted",
        97,
        "fail",
        True,
    )
    api.login(supervisor)
    version = api.get(f"/campaign-templates/versions/{drawn.template_version_id}").json()
    assert (version["number"], version["status"], len(version["items"])) == (1, "published", 17)
    assert [i["code"] for i in version["items"] if i["section"] == "veto"] == [
        "V1",
        "V2",
        "V3",
        "V4",
        "V5",
        "V6",
        "V7",
    ]
