"""案件移送 through the pages and the API: the same refusals in the same words through both doors, nothing
written on refusal; both parties see a transfer, a third agency gets 404, the region's supervisor sees it and
cannot act (403); the lists with their 待接收/已发出 views; the 移送函; the 职责边界 register."""

from datetime import datetime

import pytest
from django.urls import reverse

from tests.collaboration.transfers.conftest import TransferWrites, package
from tests.helpers import Api, errors, exported_rows
from zhifa.collaboration.models import BoundaryItem, Transfer
from zhifa.collaboration.transfers import services
from zhifa.collaboration.transfers.choices import TransferStatus

BODY = {
    "item_code": "ZHZF-CF-001",
    "summary": "擅自占用城市道路经营",
    "facts": "当事人在人民路人行道上摆摊经营",
    "source_material": "",
    "reasons": "占道经营属综合行政执法事项",
    "party_kind": "person",
    "party_name": "王某",
    "party_id": "",
    "discovered_at": "2026-03-05T09:30",
}
MISSING = "移送材料不全：请填写案源材料（现场检查记录、举报投诉材料等）"


@pytest.fixture
def api(client):
    return Api(client, "/api/collaboration")


@pytest.fixture
def sent(agencies, urban, handler_user, leader):
    transfer = services.transfer_create(
        actor=handler_user, agency=agencies["east_market"], data=package(urban)
    )
    return services.transfer_approve(actor=leader, transfer=transfer)


def test_a_transfer_without_its_package_refused_alike_on_page_and_api(
    client, api, agencies, urban, handler_user
):
    client.force_login(handler_user)
    writes = TransferWrites()
    page = client.post(
        reverse("collaboration:transfer_new"),
        {
            **BODY,
            "agency": agencies["east_market"].pk,
            "receiver": urban.pk,
            "party_id": "110101199001011237",
        },
    )
    assert page.status_code == 200 and MISSING in page.content.decode()
    response = api.post(
        "/transfers/",
        {
            **BODY,
            "agency_id": agencies["east_market"].pk,
            "receiver_id": urban.pk,
            "party_id": "110101199001011237",
        },
    )
    assert errors(response) == {"source_material": MISSING}
    assert writes.none


def test_through_the_api_both_ways_and_who_sees_what(
    api, agencies, urban, handler_user, leader, receiver_user, third_user, supervisor, west_supervisor
):
    api.login(handler_user)
    made = api.post(
        "/transfers/",
        {**BODY, "source_material": "现场检查记录", "party_id": "110101199001011237",
         "agency_id": agencies["east_market"].pk, "receiver_id": urban.pk},
    )  # fmt: skip
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["status"] == "pending" and made.json()["due_on"] == "2026-03-10"
    assert api.post(f"/transfers/{pk}/approve").status_code == 403  # an officer does not approve
    api.login(leader)
    assert api.post(f"/transfers/{pk}/approve").json()["status"] == "sent"
    assert api.get(f"/transfers/{pk}/letter/pdf").content.startswith(b"%PDF")
    for outsider in (third_user, west_supervisor):
        api.login(outsider)
        assert api.get(f"/transfers/{pk}").status_code == 404
        assert api.post(f"/transfers/{pk}/acknowledge").status_code == 404
    api.login(supervisor)  # the region's supervisor sees it, cannot act
    assert api.get(f"/transfers/{pk}").status_code == 200
    assert api.post(f"/transfers/{pk}/acknowledge").status_code == 403
    api.login(receiver_user)
    assert [t["id"] for t in api.get("/transfers/", view="in").json()["items"]] == [pk]
    assert api.get("/transfers/", view="out").json()["count"] == 0
    detail = api.post(f"/transfers/{pk}/acknowledge").json()
    assert detail["status"] == "received"
    assert [a["action"] for a in detail["actions"]] == ["accept", "refuse"]
    writes = TransferWrites()
    assert errors(api.post(f"/transfers/{pk}/refuse", {"reason": ""})) == {"reason": "请填写拒收理由"}
    assert writes.none
    assert api.post(f"/transfers/{pk}/accept").json()["receiver_case_id"] is not None


def test_pages_list_detail_and_steps(client, sent, handler_user, receiver_user, third_user):
    client.force_login(receiver_user)
    listed = client.get(reverse("collaboration:transfer_list"), {"view": "in", "q": "占用"}).content.decode()
    assert "擅自占用城市道路经营" in listed
    detail = client.get(reverse("collaboration:transfer_detail", args=[sent.pk])).content.decode()
    assert "已移送待签收" in detail and "签收" in detail
    client.post(reverse("collaboration:transfer_step", args=[sent.pk, "acknowledge"]))
    refused = client.post(reverse("collaboration:transfer_step", args=[sent.pk, "refuse"]), {"reason": " "})
    assert "请填写拒收理由" in refused.content.decode()
    assert Transfer.objects.get().status == TransferStatus.RECEIVED
    client.force_login(handler_user)
    assert client.post(reverse("collaboration:transfer_step", args=[sent.pk, "accept"])).status_code == 403
    client.force_login(third_user)
    assert client.get(reverse("collaboration:transfer_detail", args=[sent.pk])).status_code == 404
    assert client.post(reverse("collaboration:transfer_step", args=[sent.pk, "accept"])).status_code == 404


def test_the_letter_in_both_formats(client, sent, receiver_user):
    client.force_login(receiver_user)
    pdf = client.get(reverse("collaboration:transfer_letter", args=[sent.pk, "pdf"]))
    docx = client.get(reverse("collaboration:transfer_letter", args=[sent.pk, "docx"]))
    assert pdf.content.startswith(b"%PDF") and docx.content.startswith(b"PK")


def test_the_boundary_register_page_and_api(client, api, agencies, urban, make_user, city):
    from zhifa.accounts.choices import RoleCode

    head = make_user(urban, RoleCode.AGENCY_HEAD, username="urban_head")
    client.force_login(head)
    page = client.post(
        reverse("collaboration:boundary_new"),
        {"agency": urban.pk, "from_agency": agencies["east_market"].pk, "item_code": "SCJG-CF-001",
         "item_name": "", "transferred_on": "2026-02-01", "document": "东政发〔2026〕1号"},
    )  # fmt: skip
    assert "请填写事项名称" in page.content.decode()
    api.login(head)
    body = {"agency_id": urban.pk, "from_agency_id": agencies["east_market"].pk, "item_code": "SCJG-CF-001",
            "item_name": "", "transferred_on": "2026-02-01", "document": "东政发〔2026〕1号"}  # fmt: skip
    assert errors(api.post("/boundaries/", body)) == {"item_name": "请填写事项名称"}
    assert not BoundaryItem.objects.exists()
    assert api.post("/boundaries/", {**body, "item_name": "销售不符合食品安全标准的食品"}).status_code == 201
    assert errors(api.post("/boundaries/", {**body, "item_name": "x"})) == {
        "item_code": "事项SCJG-CF-001在东区已登记划转，请先终止原登记"
    }
    assert [a["name"] for a in api.get("/boundaries/competent", item_code="SCJG-CF-001").json()] == [
        "东区综合行政执法局"
    ]
    assert "SCJG-CF-001" in client.get(reverse("collaboration:boundary_list")).content.decode()


def test_the_workbench_on_both_sides(agencies, urban, handler_user, leader, receiver_user):
    from zhifa.collaboration.transfers.workbench import pending

    transfer = services.transfer_create(
        actor=handler_user, agency=agencies["east_market"], data=package(urban)
    )
    assert [(i.title, i.due) for i in pending(leader)] == [
        ("东区市场监督管理局→东区综合行政执法局：擅自占用城市道路经营（待领导批准移送）", transfer.due_on)
    ]
    assert pending(receiver_user) == []
    services.transfer_approve(actor=leader, transfer=transfer)
    assert [i.title for i in pending(receiver_user)] == [
        "东区市场监督管理局→东区综合行政执法局：擅自占用城市道路经营（待签收）"
    ]


def test_the_case_page_offers_the_transfer_and_prefills_it(client, handler_user, new_case):
    client.force_login(handler_user)
    page = client.get(reverse("cases:case_detail", args=[new_case.pk])).content.decode()
    assert "移送本案" in page
    form = client.get(reverse("collaboration:transfer_new"), {"case": new_case.pk}).content.decode()
    assert "东区味美餐饮有限公司" in form and "SCJG-CF-001" in form


def test_the_receiver_sees_a_transfer_only_once_sent(
    api, agencies, urban, handler_user, leader, receiver_user
):
    transfer = services.transfer_create(
        actor=handler_user, agency=agencies["east_market"], data=package(urban)
    )
    api.login(receiver_user)
    assert api.get(f"/transfers/{transfer.pk}").status_code == 404
    services.transfer_approve(actor=leader, transfer=transfer)
    assert api.get(f"/transfers/{transfer.pk}").status_code == 200


def test_before_approval_the_letter_is_an_unnumbered_draft_for_the_sender(
    client, agencies, urban, handler_user, receiver_user
):
    import io
    from urllib.parse import quote

    from docx import Document

    transfer = services.transfer_create(
        actor=handler_user, agency=agencies["east_market"], data=package(urban)
    )
    client.force_login(handler_user)
    docx = client.get(reverse("collaboration:transfer_letter", args=[transfer.pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "（草稿，批准后编号）" in text
    assert docx["Content-Disposition"] == "attachment; filename*=UTF-8''" + quote("移送函_草稿.docx")
    client.force_login(receiver_user)  # not sent yet: the receiver does not see it
    assert client.get(reverse("collaboration:transfer_letter", args=[transfer.pk, "pdf"])).status_code == 404


def test_the_transfer_list_as_excel(client, sent, handler_user, receiver_user, third_user):
    header = (
        "移送函文号",
        "案由",
        "移送机关",
        "接收机关",
        "移送类型",
        "事项",
        "当事人",
        "紧急",
        "状态",
        "移送期限",
        "移送时间",
    )
    row = (sent.number, "擅自占用城市道路经营", "东区市场监督管理局", "东区综合行政执法局", "线索移送（立案前）",
           "ZHZF-CF-001 擅自占用城市道路经营", "王某", "否", "已移送待签收", datetime(2026, 3, 10), datetime(2026, 3, 6, 10, 0))  # fmt: skip
    client.force_login(receiver_user)
    assert exported_rows(client, "/collaboration/transfers/export/", {"view": "in"}) == [header, row]
    assert exported_rows(client, "/collaboration/transfers/export/", {"view": "out"}) == [header]
    client.force_login(third_user)
    assert exported_rows(client, "/collaboration/transfers/export/") == [header]
