"""文书: the eight standard documents rendered from the case data as DOCX and PDF, numbered, with the
说理 section; an agency's own template; refusals when the data a document needs is missing; the pages
and the API, with another agency's user seeing nothing."""

import io
import json
import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from docx import Document

from tests.cases.conftest import ON, intake
from tests.helpers import paperwork
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services
from zhifa.cases.choices import CaseStatus, HandlerRole
from zhifa.cases.documents import api as api_documents
from zhifa.cases.documents import context, render
from zhifa.cases.documents import services as documents
from zhifa.cases.documents.kinds import KINDS, DocumentKind
from zhifa.cases.models import CaseDocument, CaseDocumentTemplate
from zhifa.cases.models.documents import DocumentChangeError
from zhifa.core.models import Record
from zhifa.core.validators import id_number_with_check

pytestmark = pytest.mark.django_db

FACTS = "2026年3月1日，执法人员在东区人民路1号检查发现当事人销售超过保质期的食品，货值金额3000元。"
REPORT = "调查终结：事实清楚，证据确凿，建议给予罚款处罚。"
REASONING = "经查，当事人销售不符合食品安全标准的食品，违法事实清楚，证据确凿。综合裁量，在基准幅度内处罚。"


# ---- helpers --------------------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def pdf_text(data: bytes, tmp_path) -> str | None:
    """The PDF's text by pdftotext (poppler-utils), whitespace removed; None when the tool is absent
    (a failure on CI, where it must be installed)."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext is missing on CI (apt-get install poppler-utils)")
        return None
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode().split())


def _investigate(case, handler_user):
    case = services.case_record_step(
        actor=handler_user,
        case=case,
        step="on_site",
        note="现场货架上陈列超过保质期的牛奶12盒。",
        place="东区人民路1号",
    )
    return services.case_record_step(
        actor=handler_user, case=case, step="inquiry", note="问：这些牛奶是谁进的货？\n答：是我们店进的货。"
    )


def _notify(case, handler_user):
    case = services.case_submit_for_review(
        actor=handler_user, case=paperwork(case, "submit-review"), report=REPORT
    )
    return services.case_notify(
        actor=handler_user,
        case=case,
        on=date(2026, 3, 10),
        proposed="拟罚款人民币70000元。",
        hearing_rights=True,
    )


def _penalty(**overrides):
    return services.DecisionInput(
        kind="penalty",
        decided_on=date(2026, 3, 20),
        reasoning=REASONING,
        fine=Decimal("70000"),
        facts={"fact_value": 3000},
        **overrides,
    )


@pytest.fixture
def fact_case(agencies, catalogue, handler_user, officers, leader):
    case = services.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake(facts=FACTS))
    services.case_assign(
        actor=handler_user,
        case=case,
        handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)],
    )
    return services.case_register(actor=leader, case=case, on=ON)


@pytest.fixture
def notified(fact_case, handler_user):
    return _notify(_investigate(fact_case, handler_user), handler_user)


@pytest.fixture
def decided(notified, leader):
    return services.case_decide(
        actor=leader, case=paperwork(notified, "decide", "penalty"), decision=_penalty()
    )


@pytest.fixture
def closed(decided, handler_user, leader):
    case = services.case_serve(
        actor=handler_user,
        case=paperwork(decided, "serve"),
        on=date(2026, 3, 23),
        method="direct",
        recipient="法定代表人",
    )
    case = services.case_execute(
        actor=handler_user, case=case, kind="paid", on=date(2026, 4, 1), amount=Decimal(70000)
    )
    return services.case_close(actor=leader, case=case, on=date(2026, 4, 2), summary="罚款已全额缴纳，结案。")


@pytest.fixture
def not_penalised(fact_case, handler_user, leader):
    case = _investigate(fact_case, handler_user)
    decision = services.DecisionInput(
        kind="no_penalty",
        decided_on=date(2026, 3, 12),
        reasoning="当事人初次违法且危害后果轻微并及时改正，依法不予行政处罚。",
    )
    return services.case_decide(actor=leader, case=paperwork(case, "decide", "no_penalty"), decision=decision)


# kind → (fixture of a case ready for it, text of its 说理 / main content that must appear)
READY = {
    DocumentKind.REGISTER_APPROVAL: ("decided", FACTS),
    DocumentKind.INSPECTION_RECORD: ("decided", "现场货架上陈列超过保质期的牛奶12盒。"),
    DocumentKind.INQUIRY_RECORD: ("decided", "答：是我们店进的货。"),
    DocumentKind.PENALTY_NOTICE: ("notified", REPORT),
    DocumentKind.PENALTY_DECISION: ("decided", REASONING),
    DocumentKind.NO_PENALTY_DECISION: ("not_penalised", "当事人初次违法且危害后果轻微并及时改正"),
    DocumentKind.SERVICE_RECEIPT: ("decided", "送达文书名称"),
    DocumentKind.CLOSING_REPORT: ("closed", "罚款已全额缴纳，结案。"),
}


# ---- the eight kinds ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(READY))
def test_each_kind_renders_to_docx_and_pdf(request, kind, handler_user, tmp_path):
    fixture, reasoning = READY[kind]
    case = request.getfixturevalue(fixture)
    document = documents.generate(actor=handler_user, case=case, kind=kind)

    assert document.number and document.title == KINDS[kind].title
    text = docx_text(bytes(document.docx))
    for needle in (KINDS[kind].title, document.number, case.party_name, reasoning):
        assert needle in text, needle
    pdf = bytes(document.pdf)
    assert pdf.startswith(b"%PDF") and document.size == len(pdf)
    extracted = pdf_text(pdf, tmp_path)
    if extracted is not None:
        assert KINDS[kind].title in extracted and case.party_name in extracted

    record = Record.objects.for_subject(case).order_by("-seq").first()
    assert record.action == "case.document" and record.actor == handler_user
    payload = json.loads(record.payload)
    assert (payload["kind"], payload["number"], payload["sha256"]) == (kind, document.number, document.sha256)


def test_the_decision_carries_the_whole_reasoning(decided, handler_user):
    document = documents.generate(actor=handler_user, case=decided, kind=DocumentKind.PENALTY_DECISION)
    text = docx_text(bytes(document.docx))
    assert document.number == decided.decision.number
    for needle in (
        "一、违法事实",
        FACTS,
        "《中华人民共和国食品安全法》第一百二十四条",  # the legal basis with its text
        "货值金额不足一万元的",
        "“一般”",  # the discretion level, the recommended range, the fine in yuan and in words
        "推荐罚款幅度为¥60,000.00至¥80,000.00。",
        "本决定罚款人民币柒万元整（¥70,000.00），在推荐幅度内。",
        "罚款人民币柒万元整（¥70,000.00）",
        "张伟（执法证号：CERT",  # handlers with certificate numbers
        "2026年3月20日",
        "六十日内依法申请行政复议",
    ):
        assert needle in text, needle


def test_a_natural_persons_full_id_number_is_in_the_served_document(
    agencies, catalogue, handler_user, officers, leader
):
    id_number = id_number_with_check("11010119900101123")
    party = services.PartyInput(kind="person", name="王某某", id_number=id_number, address="东区人民路2号")
    case = services.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake(party=party))
    services.case_assign(actor=handler_user, case=case, handlers=[(officers[0], "lead"), (officers[1], "co")])
    case = services.case_register(actor=leader, case=case, on=ON)
    document = documents.generate(actor=handler_user, case=case, kind=DocumentKind.REGISTER_APPROVAL)
    text = docx_text(bytes(document.docx))
    assert id_number in text and "身份证号码" in text and "王某某" in text


def test_numbers(decided, handler_user):
    register = documents.generate(actor=handler_user, case=decided, kind=DocumentKind.REGISTER_APPROVAL)
    assert register.number == decided.number
    notice = documents.generate(actor=handler_user, case=decided, kind=DocumentKind.PENALTY_NOTICE)
    assert "告〔2026〕1号" in notice.number
    again = documents.generate(actor=handler_user, case=decided, kind=DocumentKind.PENALTY_NOTICE)
    assert again.number == notice.number and again.pk != notice.pk  # regenerating keeps the number
    receipt = documents.generate(actor=handler_user, case=decided, kind=DocumentKind.SERVICE_RECEIPT)
    text = docx_text(bytes(receipt.docx))
    assert notice.number in text and decided.decision.number in text


def test_documents_are_immutable(decided, handler_user):
    document = documents.generate(actor=handler_user, case=decided, kind=DocumentKind.PENALTY_DECISION)
    with pytest.raises(DocumentChangeError):
        document.save()
    with pytest.raises(DocumentChangeError):
        document.delete()


# ---- refusals -------------------------------------------------------------------------------------------------


def test_a_decision_before_the_decision_is_refused(notified, handler_user):
    before = (CaseDocument.objects.count(), Record.objects.filter(action="case.document").count())
    with pytest.raises(ValidationError, match="尚未作出行政处罚决定"):
        documents.generate(actor=handler_user, case=notified, kind=DocumentKind.PENALTY_DECISION)
    assert (CaseDocument.objects.count(), Record.objects.filter(action="case.document").count()) == before
    assert not CaseDocument.objects.filter(kind=DocumentKind.PENALTY_DECISION).exists()


def test_a_no_penalty_decision_needs_that_decision(decided, handler_user):
    with pytest.raises(ValidationError, match="未作出不予行政处罚决定"):
        documents.generate(actor=handler_user, case=decided, kind=DocumentKind.NO_PENALTY_DECISION)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        (DocumentKind.INSPECTION_RECORD, "尚未记录现场检查"),
        (DocumentKind.PENALTY_NOTICE, "尚未事先告知"),
        (DocumentKind.SERVICE_RECEIPT, "没有须送达"),
        (DocumentKind.CLOSING_REPORT, "不能制作结案报告"),
    ],
)
def test_documents_wait_for_their_data(registered, handler_user, kind, reason):
    with pytest.raises(ValidationError, match=reason):
        documents.generate(actor=handler_user, case=registered, kind=kind)


def test_an_archived_case_file_is_sealed(closed, handler_user, leader):
    document = documents.generate(actor=handler_user, case=closed, kind=DocumentKind.CLOSING_REPORT)
    case = services.case_archive(actor=handler_user, case=closed)  # the report just generated
    with pytest.raises(ValidationError, match="已归档"):
        documents.generate(actor=handler_user, case=case, kind=DocumentKind.PENALTY_DECISION)
    rows = {row["kind"]: row for row in case.documents.panel()}
    assert not any(row["allowed"] for row in rows.values())
    assert rows["closing_report"]["latest"] == document


def test_unknown_kind_and_permissions(decided, handler_user, other_officer, agencies, make_user):
    with pytest.raises(ValidationError, match="未知的文书种类"):
        documents.generate(actor=handler_user, case=decided, kind="nonsense")
    with pytest.raises(Http404):
        documents.generate(actor=other_officer, case=decided, kind=DocumentKind.PENALTY_DECISION)
    viewer = make_user(agencies["east_market"], RoleCode.AGENCY_HEAD)  # sees and approves, does not handle
    with pytest.raises(PermissionDenied):
        documents.generate(actor=viewer, case=decided, kind=DocumentKind.PENALTY_DECISION)


# ---- templates -------------------------------------------------------------------------------------------------

OWN = "# 本机关自定义决定书\n^ {{ number }}\n: 当事人：{{ party.name }}\n## 说理\n{{ reasoning.text }}\n> {{ decision.decided_on }}\n"


def test_an_agencys_template_overrides_the_default_for_that_agency_only(
    decided, handler_user, leader, agencies
):
    kind = DocumentKind.PENALTY_DECISION
    row = documents.template_set(actor=leader, agency=agencies["east_market"], kind=kind, text=OWN)
    assert Record.objects.for_subject(row).get().action == "case.document_template"
    document = documents.generate(actor=handler_user, case=decided, kind=kind)
    text = docx_text(bytes(document.docx))
    assert "本机关自定义决定书" in text and REASONING in text and "2026年3月20日" in text
    assert "九、救济途径" not in text
    assert document.template_source == f"agency:{row.pk}"
    # another agency still has the default
    assert documents.template_text(agencies["west_market"], kind) == (render.default_text(kind), "default")
    # back to the default: a new row, the old one kept
    documents.template_set(actor=leader, agency=agencies["east_market"], kind=kind, text="")
    default = documents.generate(actor=handler_user, case=decided, kind=kind)
    assert default.template_source == "default" and "九、救济途径" in docx_text(bytes(default.docx))
    assert CaseDocumentTemplate.objects.filter(agency=agencies["east_market"], kind=kind).count() == 2


def test_templates_are_checked_and_guarded(leader, handler_user, agencies, make_user):
    east = agencies["east_market"]
    with pytest.raises(ValidationError, match="模板语法错误"):
        documents.template_set(actor=leader, agency=east, kind="penalty_decision", text="{% if %}")
    with pytest.raises(ValidationError, match="未知的文书种类"):
        documents.template_set(actor=leader, agency=east, kind="x", text="# a")
    with pytest.raises(PermissionDenied):
        documents.template_set(actor=handler_user, agency=east, kind="penalty_decision", text="# a")
    west_leader = make_user(agencies["west_market"], RoleCode.UNIT_HEAD)
    with pytest.raises(PermissionDenied):
        documents.template_set(actor=west_leader, agency=east, kind="penalty_decision", text="# a")
    # a template reaches nothing but its data; {% include %} and {% load %} have nothing to load
    with pytest.raises(ValidationError):
        documents.template_set(actor=leader, agency=east, kind="penalty_decision", text="{% load static %}")


def test_data_never_becomes_markup():
    blocks = render.parse(
        render.render_text(
            "# 标题\n{{ facts }}\n| 甲 | {{ cell }} |", {"facts": "# 不是标题\n> 也不是", "cell": "a|b"}
        )
    )
    assert [(b.kind, b.text) for b in blocks[:3]] == [
        ("title", "标题"),
        ("para", "# 不是标题"),
        ("para", "> 也不是"),
    ]
    assert blocks[3].rows == [["甲", "a｜b"]]


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("70000", "柒万元整"),
        ("100010", "壹拾万零壹拾元整"),
        ("10005", "壹万零伍元整"),
        ("1001.5", "壹仟零壹元伍角整"),
        ("1.05", "壹元零伍分"),
        ("0.3", "叁角整"),
        ("100000001", "壹亿零壹元整"),
        ("12345678.90", "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整"),
        ("0", "零元整"),
    ],
)
def test_amounts_in_words(amount, words):
    assert context.rmb_upper(Decimal(amount)) == words


def test_formats():
    assert context.cn_date(date(2026, 3, 20)) == "2026年3月20日"
    assert context.yuan(Decimal("70000.00")) == "¥70,000.00" and context.yuan(Decimal("12.5")) == "¥12.50"
    assert context.money(Decimal("70000.00")) == "人民币柒万元整（¥70,000.00）"


# ---- pages --------------------------------------------------------------------------------------------------------


def test_generate_and_download_from_the_pages(client, decided, handler_user):
    client.force_login(handler_user)
    page = client.get(reverse("cases:case_documents", args=[decided.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "行政处罚决定书" in html and 'data-testid="generate-penalty_decision"' in html
    assert 'data-testid="generate-no_penalty_decision"' not in html and "未作出不予行政处罚决定" in html

    url = reverse("cases:document_generate", args=[decided.pk])
    back = reverse("cases:case_documents", args=[decided.pk])
    before = CaseDocument.objects.count()  # the documents of the steps so far
    response = client.post(url, {"kind": "penalty_decision", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    document = CaseDocument.objects.get(kind="penalty_decision")
    pdf = client.get(reverse("cases:document_pdf", args=[document.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == bytes(document.pdf)
    docx = client.get(reverse("cases:document_docx", args=[document.pk]))
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    assert "行政处罚决定书" in docx_text(b"".join(docx.streaming_content))

    refused = client.post(url, {"kind": "no_penalty_decision"}, follow=True)
    assert "未作出不予行政处罚决定" in refused.content.decode()
    htmx = client.post(url, {"kind": "closing_report"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and 'id="documents-panel"' in htmx.content.decode()
    assert "不能制作结案报告" in htmx.content.decode()
    assert CaseDocument.objects.count() == before + 1


def test_the_case_page_includes_the_panel(client, decided, handler_user):
    client.force_login(handler_user)
    html = client.get(reverse("cases:case_detail", args=[decided.pk])).content.decode()
    assert 'data-testid="documents-panel"' in html


def test_the_template_pages(client, leader, agencies, decided, handler_user):
    east = agencies["east_market"]
    client.force_login(leader)
    page = client.get(reverse("cases:document_templates"))
    assert page.status_code == 200 and "行政处罚决定书" in page.content.decode()
    text = client.get(reverse("cases:document_template_text", args=["penalty_decision"]), {"agency": east.pk})
    assert text.status_code == 200 and "九、救济途径" in text.content.decode()

    upload = io.BytesIO(OWN.encode("gb18030"))
    upload.name = "决定书.txt"
    url = reverse("cases:document_template_upload", args=["penalty_decision"])
    response = client.post(url, {"agency": east.pk, "file": upload})
    assert response.status_code == 302
    row = CaseDocumentTemplate.objects.get()
    assert row.text == OWN and row.original_name == "决定书.txt" and row.uploaded_by == leader
    bad = client.post(url, {"agency": east.pk, "text": "{% for %}"}, follow=True)
    assert "模板语法错误" in bad.content.decode()
    client.post(url, {"agency": east.pk, "reset": "1"})
    assert documents.template_in_force(east, "penalty_decision") is None

    client.force_login(handler_user)  # an officer does not manage templates
    assert client.get(reverse("cases:document_templates")).status_code == 403


def test_another_agencys_user_gets_404_everywhere(client, decided, handler_user, agencies, make_user):
    document = documents.generate(actor=handler_user, case=decided, kind=DocumentKind.PENALTY_DECISION)
    before = CaseDocument.objects.count()
    east = agencies["east_market"]
    west_leader = make_user(agencies["west_market"], RoleCode.UNIT_HEAD)
    client.force_login(west_leader)
    gets = [
        reverse("cases:case_documents", args=[decided.pk]),
        reverse("cases:document_pdf", args=[document.pk]),
        reverse("cases:document_docx", args=[document.pk]),
        reverse("cases:casefile", args=[decided.pk]),
        reverse("cases:document_templates") + f"?agency={east.pk}",
        reverse("cases:document_template_text", args=["penalty_decision"]) + f"?agency={east.pk}",
        f"/api/cases/{decided.pk}/documents",
        f"/api/cases/documents/{document.pk}/pdf",
        f"/api/cases/{decided.pk}/casefile",
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        (reverse("cases:document_generate", args=[decided.pk]), {"kind": "penalty_decision"}),
        (
            reverse("cases:document_template_upload", args=["penalty_decision"]),
            {"agency": east.pk, "text": "# x"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    api = client.post(
        f"/api/cases/{decided.pk}/documents", {"kind": "penalty_decision"}, content_type="application/json"
    )
    assert api.status_code == 404
    assert CaseDocument.objects.count() == before and not CaseDocumentTemplate.objects.exists()


# ---- API ------------------------------------------------------------------------------------------------------------


def test_api(client, decided, handler_user):
    client.force_login(handler_user)
    before = [d["id"] for d in client.get(f"/api/cases/{decided.pk}/documents").json()]  # of the steps so far
    created = client.post(
        f"/api/cases/{decided.pk}/documents", {"kind": "penalty_decision"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["number"] == decided.decision.number and len(body["sha256"]) == 64
    refused = client.post(
        f"/api/cases/{decided.pk}/documents", {"kind": "no_penalty_decision"}, content_type="application/json"
    )
    assert refused.status_code == 422 and "不予行政处罚决定" in refused.json()["detail"][0]["msg"]
    listed = client.get(f"/api/cases/{decided.pk}/documents").json()
    assert [d["id"] for d in listed] == [*before, body["id"]]
    pdf = client.get(f"/api/cases/documents/{body['id']}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(f"/api/cases/documents/{body['id']}/pdf", {"format": "docx"})
    assert "行政处罚决定书" in docx_text(docx.content)


def test_api_handlers_directly(decided, handler_user, other_officer):
    """The handlers work on their own (whichever API mounts the router)."""
    request = RequestFactory().get("/")
    request.auth = handler_user
    before = [d.kind for d in api_documents.document_list(request, decided.pk)]  # of the steps so far
    api_documents.document_generate(request, decided.pk, api_documents.DocumentIn(kind="penalty_notice"))
    assert [d.kind for d in api_documents.document_list(request, decided.pk)] == [*before, "penalty_notice"]
    request.auth = other_officer
    with pytest.raises(Http404):
        api_documents.document_list(request, decided.pk)


def test_status_lists(decided):
    assert decided.status == CaseStatus.DECIDED
    rows = {row["kind"]: row for row in decided.documents.panel()}
    assert set(rows) == set(KINDS)
    assert rows["penalty_decision"]["allowed"] and not rows["closing_report"]["allowed"]
    assert "已决定" in rows["closing_report"]["reason"]
