"""The portal's JSON API (/api/complaints/public/…), no account: filing (named or anonymous, base64
attachments through the same checks), progress and rating by code with one answer for every code not found,
the pages' rate and size limits, and every refusal with nothing written."""

import base64
import json

import pytest
from django.core.cache import cache
from django.test import Client

from tests.helpers import errors
from zhifa.complaints import services
from zhifa.complaints.choices import Status
from zhifa.complaints.models import Complaint
from zhifa.complaints.views_public import NOT_FOUND

from .conftest import EXE, PDF, ComplaintWrites

pytestmark = pytest.mark.django_db
BASE = "/api/complaints/public"
BODY = {"name": "钱多多", "phone": "13800000001", "subject_name": "东区味美餐饮有限公司",
        "title": "饭店后厨卫生差", "content": "后厨污水横流", "place": "东区人民路"}  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def public():
    """A client with no session and CSRF checks on: the API needs neither."""
    return Client(enforce_csrf_checks=True)


def post(client, path, body, **extra):
    return client.post(f"{BASE}{path}", json.dumps(body), content_type="application/json", **extra)


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def _body(city, **extra):
    return {**BODY, "region_id": city["east"].pk, **extra}


def test_the_public_files_follows_and_rates_through_the_api(public, city, catalogue, clerk):
    files = [{"name": "照片.pdf", "content_base64": b64(PDF)}]
    response = post(public, "/complaints", _body(city, agency_hint="市场监督管理局", files=files))
    assert response.status_code == 201
    complaint = Complaint.objects.get()
    answer = response.json()
    code = answer.pop("code")
    assert answer == {
        "number": complaint.number,
        "agency_name": "东区市场监督管理局",
        "reply_due": "2026-03-27",
    }
    assert services.by_code(code) == complaint
    assert (complaint.channel, complaint.name, complaint.files.get().name) == ("portal", "钱多多", "照片.pdf")
    progress = post(public, "/track", {"code": code.lower()})
    assert progress.status_code == 200
    assert progress.json() == {
        "number": complaint.number, "title": "饭店后厨卫生差", "received_on": "2026-03-06",
        "agency_name": "东区市场监督管理局", "status": "pending", "status_label": "受理待定",
        "reply_due": "2026-03-27", "reply": "", "replied_on": None, "rating": "", "rating_label": "",
        "wish": "", "wish_label": "", "conclusion": "", "can_rate": False,
    }  # fmt: skip
    complaint = services.complaint_accept(actor=clerk, complaint=complaint)
    services.complaint_reply(actor=clerk, complaint=complaint, reply="已责令整改")
    assert post(public, "/track", {"code": code}).json()["can_rate"] is True
    writes = ComplaintWrites()
    refused = post(public, "/rate", {"code": code, "rating": "unsatisfied"})
    assert errors(refused) == {"wish": "请选择不满意时的诉求"} and writes.none
    rated = post(public, "/rate", {"code": code, "rating": "fairly", "comment": "处理及时"})
    assert rated.status_code == 200
    assert (rated.json()["status_label"], rated.json()["rating_label"]) == ("已评价", "基本满意")
    assert Complaint.objects.get().status == Status.RATED and writes.new_records == 1


def test_an_anonymous_complaint_needs_no_contact(public, city, catalogue):
    response = post(public, "/complaints", _body(city, anonymous=True, name="", phone=""))
    assert response.status_code == 201
    assert Complaint.objects.get().complainant == "匿名"


def test_no_contact_and_no_anonymity_and_bad_files_are_refused_with_nothing_written(public, city, catalogue):
    writes = ComplaintWrites()
    assert errors(post(public, "/complaints", _body(city, phone=""))) == {
        "phone": "请留下联系方式（电话、电子邮箱或联系地址），或选择匿名投诉举报"
    }
    disguised = [{"name": "发票.png", "content_base64": b64(EXE)}]
    assert errors(post(public, "/complaints", _body(city, files=disguised))) == {
        "files": "“发票.png”的内容不是文档、PDF或图片，不予接收（请检查文件是否与其名称相符）"
    }
    not_base64 = [{"name": "照片.pdf", "content_base64": "不是编码"}]
    assert errors(post(public, "/complaints", _body(city, files=not_base64))) == {
        "files": "“照片.pdf”的内容不是有效的Base64编码"
    }
    assert errors(post(public, "/complaints", _body(city, region_id=999999))) == {
        "region": "未找到编号为999999的区划"
    }
    assert writes.none


def test_an_oversized_attachment_and_an_oversized_body_are_refused(settings, public, city, catalogue):
    settings.ZHIFA_COMPLAINT_MAX_FILE_BYTES = 100
    settings.ZHIFA_COMPLAINT_MAX_FILES = 1
    writes = ComplaintWrites()
    big = [{"name": "大.pdf", "content_base64": b64(PDF * 3)}]  # 132 bytes: within the body, over the file
    assert errors(post(public, "/complaints", _body(city, files=big))) == {
        "files": "“大.pdf”超过100\xa0字节，请压缩或拆分后上传"
    }
    huge = [{"name": "大.pdf", "content_base64": b64(PDF * 30000)}]
    response = post(public, "/complaints", _body(city, files=huge))
    assert response.status_code == 413
    assert response.json() == {"detail": "提交的内容超过1.0\xa0MB，请减少或压缩附件后重新提交"}
    assert writes.none


def test_a_wrong_code_and_a_code_that_does_not_exist_get_the_same_answer(public, submitted, clerk):
    _, code = submitted
    wrong = code[:-1] + ("B" if code[-1] == "A" else "A")
    for path, extra in (("/track", {}), ("/rate", {"rating": "satisfied"})):
        answers = [post(public, path, {"code": c, **extra}) for c in (wrong, "ZZZZZZZZZZZZZZZZ", "123", "")]
        assert {(r.status_code, r.content) for r in answers} == {(404, answers[0].content)}
        assert answers[0].json() == {"detail": NOT_FOUND}
    assert Complaint.objects.get().rating == ""


def test_the_api_shares_the_pages_rate_limits(settings, public, city, catalogue, submitted):
    settings.ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE = 2
    settings.ZHIFA_COMPLAINT_LOOKUPS_PER_MINUTE = 2
    form = {**BODY, "kind": "complaint", "region": city["east"].pk}
    assert Client().post("/gs/complaints/", form).status_code == 200  # the page counts as one
    assert post(public, "/complaints", _body(city)).status_code == 201
    writes = ComplaintWrites()
    limited = post(public, "/complaints", _body(city))
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert limited.json() == {"detail": "每分钟最多提交 2 次，请一分钟后再试"}
    assert writes.none
    _, code = submitted
    assert [post(public, "/track", {"code": code}).status_code for _ in range(3)] == [200, 200, 429]
    assert post(public, "/rate", {"code": code, "rating": "satisfied"}).status_code == 429
