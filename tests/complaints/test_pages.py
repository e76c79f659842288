"""投诉举报 pages: the portal (submit with an attachment, the code shown once, progress by code, a wrong and a
missing code answered alike, rating, CSRF, rate and size limits) and the staff side (entry, list with
filters and export, access between agencies, the actions through their pages, statistics and the 通报)."""

import re
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document

from tests.helpers import html, xlsx_rows
from zhifa.complaints import services
from zhifa.complaints.choices import Status
from zhifa.complaints.models import Complaint

from .conftest import EXE, PDF, ComplaintWrites, data

pytestmark = pytest.mark.django_db
FORM = {"kind": "complaint", "name": "钱多多", "phone": "13800000001", "subject_name": "东区味美餐饮有限公司",
        "title": "饭店后厨卫生差", "content": "后厨污水横流", "place": "东区人民路"}  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def _form(city, **extra):
    return {**FORM, "region": city["east"].pk, **extra}


def test_the_public_files_a_complaint_follows_it_by_code_and_rates_the_reply(client, city, catalogue, clerk):
    page = html(client.get("/gs/complaints/"))
    assert "行政执法投诉举报" in page and "匿名投诉举报" in page
    upload = SimpleUploadedFile("照片.pdf", PDF, content_type="application/pdf")
    response = client.post(
        "/gs/complaints/", {**_form(city, agency_hint="市场监督管理局"), "files": [upload]}
    )
    assert response.status_code == 200
    code = re.search(r'data-testid="tracking-code">([A-Z0-9]+)<', response.content.decode()).group(1)
    complaint = Complaint.objects.get()
    assert complaint.files.get().name == "照片.pdf" and complaint.agency.name == "东区市场监督管理局"
    assert code not in html(client.get("/gs/complaints/track/"))
    progress = html(client.post("/gs/complaints/track/", {"code": code}))
    assert "受理待定" in progress and "东区市场监督管理局" in progress and "13800000001" not in progress
    complaint = services.complaint_accept(actor=clerk, complaint=complaint)
    services.complaint_reply(actor=clerk, complaint=complaint, reply="已责令整改")
    progress = html(client.post("/gs/complaints/track/", {"code": code}))
    assert "已责令整改" in progress and "提交评价" in progress
    done = html(client.post("/gs/complaints/rate/", {"code": code, "rating": "satisfied"}))
    assert "感谢您的评价" in done and "已评价" in done
    assert Complaint.objects.get().status == Status.RATED


def test_a_wrong_code_and_a_missing_code_get_the_same_answer(client, submitted):
    _, code = submitted
    wrong = client.post("/gs/complaints/track/", {"code": code[:-1] + ("B" if code[-1] == "A" else "A")})
    missing = client.post("/gs/complaints/track/", {"code": "ZZZZZZZZZZZZZZZZ"})
    short = client.post("/gs/complaints/track/", {"code": "123"})
    assert wrong.status_code == missing.status_code == short.status_code == 200
    pages = {TOKEN.sub(b"", r.content) for r in (wrong, missing, short)}  # the CSRF token differs per page
    assert len(pages) == 1
    assert "未找到与该查询码对应的投诉举报" in html(short) and code[:-1] not in html(wrong)


TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def test_no_contact_and_no_anonymity_is_refused_on_the_page_with_nothing_written(client, city, catalogue):
    writes = ComplaintWrites()
    page = html(client.post("/gs/complaints/", _form(city, phone="")))
    assert "请留下联系方式（电话、电子邮箱或联系地址），或选择匿名投诉举报" in page
    disguised = SimpleUploadedFile("发票.png", EXE, content_type="image/png")
    page = html(client.post("/gs/complaints/", {**_form(city), "files": [disguised]}))
    assert "“发票.png”的内容不是文档、PDF或图片，不予接收" in page
    assert writes.none


def test_the_portal_form_needs_its_csrf_token(city, catalogue):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/gs/complaints/", _form(city)).status_code == 403
    assert not Complaint.objects.exists()


def test_submissions_are_rate_limited_and_size_limited(settings, client, city, catalogue):
    settings.ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE = 2
    for _ in range(2):
        assert client.post("/gs/complaints/", _form(city)).status_code == 200
    limited = client.post("/gs/complaints/", _form(city))
    assert limited.status_code == 429 and "每分钟最多提交 2 次" in html(limited)
    assert Complaint.objects.count() == 2
    settings.ZHIFA_COMPLAINT_MAX_FILE_BYTES = 10
    settings.ZHIFA_COMPLAINT_MAX_FILES = 1
    big = SimpleUploadedFile("大.pdf", PDF * 30000, content_type="application/pdf")
    cache.clear()
    response = client.post("/gs/complaints/", {**_form(city), "files": [big]})
    assert response.status_code == 413 and Complaint.objects.count() == 2


def test_staff_enter_list_export_and_act_through_the_pages(client, city, catalogue, clerk):
    client.force_login(clerk)
    response = client.post(
        "/complaints/new/", _form(city, channel="window", received_on="2026-03-06", item_code="SCJG-CF-001")
    )
    complaint = Complaint.objects.get()
    assert "请将查询码告知投诉举报人" in html(response) and complaint.channel == "window"
    listing = html(client.get("/complaints/", {"status": "pending", "channel": "window", "q": "后厨"}))
    assert complaint.number in listing and "2026-03-11" in listing
    assert complaint.number not in html(client.get("/complaints/", {"status": "closed"}))
    rows = xlsx_rows(client.get("/complaints/export.xlsx"))
    assert rows[1][0] == complaint.number and rows[1][9] == "受理待定"
    detail = html(client.get(f"/complaints/{complaint.pk}/"))
    assert "受理" in detail and "转办" in detail
    assert client.post(f"/complaints/{complaint.pk}/accept/").status_code == 302
    page = html(client.post(f"/complaints/{complaint.pk}/reply/", {"reply": ""}))
    assert "请填写答复内容" in page
    assert client.post(f"/complaints/{complaint.pk}/reply/", {"reply": "已查处"}).status_code == 302
    assert Complaint.objects.get().status == Status.REPLIED


def test_another_agency_gets_a_404(client, submitted, west_clerk):
    complaint = submitted[0]
    client.force_login(west_clerk)
    assert client.get(f"/complaints/{complaint.pk}/").status_code == 404
    assert client.post(f"/complaints/{complaint.pk}/accept/").status_code == 404
    assert complaint.number not in html(client.get("/complaints/"))


def test_the_supervisor_sees_the_region_and_settles_a_dispute_through_the_page(
    client, submitted, clerk, supervisor, agencies
):
    complaint = services.complaint_dispute(actor=clerk, complaint=submitted[0], reason="不属本局")
    client.force_login(supervisor)
    detail = html(client.get(f"/complaints/{complaint.pk}/"))
    assert "裁定承办机关" in detail and "立项监督" in detail and "督办" in detail
    assert client.post(f"/complaints/{complaint.pk}/accept/").status_code == 403
    response = client.post(
        f"/complaints/{complaint.pk}/settle/", {"agency": agencies["east_market"].pk, "reason": "依职责"}
    )
    assert response.status_code == 302 and Complaint.objects.get().status == Status.ACCEPTED


def test_statistics_page_xlsx_and_the_circular(client, submitted, clerk, supervisor):
    complaint = services.complaint_accept(actor=clerk, complaint=submitted[0])
    services.complaint_reply(actor=clerk, complaint=complaint, reply="答复")
    client.force_login(supervisor)
    page = html(client.get("/complaints/stats/"))
    assert "东区市场监督管理局" in page and "100.0%" in page and "门户网站" in page
    rows = xlsx_rows(client.get("/complaints/stats/export.xlsx"))
    assert rows[1][:5] == ("东区市场监督管理局", 1, 1, 1, 100)
    docx = client.get("/complaints/stats/circular.docx", {"since": "2026-03-01", "until": "2026-03-31"})
    text = "\n".join(p.text for p in Document(BytesIO(docx.content)).paragraphs)
    assert "关于2026年3月1日至2026年3月31日行政执法投诉举报案件处理情况的通报" in text
    assert "共收到行政执法投诉举报1件，已答复1件，其中按期答复1件，按期答复率100.0%" in text


def test_the_services_agree_with_the_page_on_bad_input(city, catalogue):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.complaint_submit(data=data(city, phone=""))
    assert exc.value.message_dict == {
        "phone": ["请留下联系方式（电话、电子邮箱或联系地址），或选择匿名投诉举报"]
    }
