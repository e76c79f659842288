"""投诉举报 API and the 12345 batch: entry with the code returned once, actions, access (404 for another
agency), and the batch refused whole with row numbers on any malformed row."""

import base64
import json
from io import BytesIO

import pytest
from openpyxl import Workbook

from tests.helpers import Api, errors
from zhifa.complaints import hotline
from zhifa.complaints.models import Complaint

from .conftest import ComplaintWrites

pytestmark = pytest.mark.django_db
ROW = {"工单号": "12345-001", "受理日期": "2026-03-05", "诉求人": "孙小姐", "联系电话": "139", "区划代码": "970102",
       "被投诉举报对象": "东区味美餐饮有限公司", "事项编码": "SCJG-CF-001", "诉求标题": "后厨脏乱", "诉求内容": "后厨脏乱差"}  # fmt: skip


def test_the_api_enters_and_handles_a_complaint(client, city, catalogue, clerk, west_clerk):
    api = Api(client, "/api/complaints").login(clerk)
    body = {"channel": "window", "name": "钱多多", "phone": "138", "region_id": city["east"].pk,
            "subject_name": "东区味美餐饮有限公司", "title": "后厨", "content": "脏", "item_code": "SCJG-CF-001"}  # fmt: skip
    response = api.post("/complaints", body)
    assert response.status_code == 201
    made = response.json()
    assert len(made["code"]) == 16 and made["complaint"]["actions"] == [
        "accept",
        "transfer",
        "dispute",
        "merge",
    ]
    pk = made["complaint"]["id"]
    assert api.post(f"/complaints/{pk}/accept").json()["status_label"] == "已受理"
    refused = api.post(f"/complaints/{pk}/extend", {"workdays": 99, "reason": "久"})
    assert refused.status_code == 422 and errors(refused) == {"workdays": "延长的工作日须在1至15之间"}
    assert api.get("/complaints", status="accepted").json()["count"] == 1
    assert api.post("/complaints", {**body, "name": "", "anonymous": False}).status_code == 422
    Api(client, "/api/complaints").login(west_clerk)
    assert client.get(f"/api/complaints/complaints/{pk}").status_code == 404


def _json(*rows) -> bytes:
    return json.dumps(list(rows), ensure_ascii=False).encode()


def test_a_clean_batch_is_imported_whole(city, catalogue, clerk):
    made = hotline.hotline_import(
        actor=clerk, name="工单.json", content=_json(ROW, {**ROW, "工单号": "12345-002"})
    )
    assert [c.hotline_number for c in made] == ["12345-001", "12345-002"]
    assert {c.channel for c in made} == {"hotline"} and made[0].agency.name == "东区市场监督管理局"


def test_a_malformed_row_refuses_the_whole_batch_naming_the_rows(city, catalogue, clerk):
    writes = ComplaintWrites()
    bad = [ROW, {**ROW, "工单号": "12345-002", "受理日期": "昨天"}, {**ROW, "工单号": "12345-003", "联系电话": ""},
           {**ROW, "区划代码": "000000"}]  # fmt: skip
    with pytest.raises(Exception) as exc:
        hotline.hotline_import(actor=clerk, name="工单.json", content=_json(*bad))
    assert exc.value.message_dict["file"] == [
        "第2条：“受理日期”不是有效日期：“昨天”",
        "第3条：“联系电话”：请留下联系方式（电话、电子邮箱或联系地址），或选择匿名投诉举报",
        "第4条：“区划代码”000000不存在",
    ]
    assert writes.none


def test_an_xlsx_batch_and_a_repeated_work_order(city, catalogue, clerk, client):
    book = Workbook()
    sheet = book.active
    sheet.append(list(ROW))
    sheet.append(list(ROW.values()))
    sheet.append(list(ROW.values()))
    out = BytesIO()
    book.save(out)
    writes = ComplaintWrites()
    api = Api(client, "/api/complaints").login(clerk)
    response = api.post(
        "/complaints/import",
        {"file_name": "工单.xlsx", "content_base64": base64.b64encode(out.getvalue()).decode()},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "第3行：工单号12345-001在文件中重复"
    assert writes.none
    client.force_login(clerk)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/complaints/import/", {"file": SimpleUploadedFile("工单.json", _json(ROW))})
    assert response.status_code == 302 and Complaint.objects.get().hotline_number == "12345-001"
