"""Issue 20 item 3: each step of the transition table names the documents it needs, and cannot complete
without them — generated and numbered, or a signed scan uploaded in their place. The reproduction (a
case served, closed and archived without 决定书, 告知书, 送达回证 or 结案报告) is refused at the service,
the page and the API, writing nothing; the case page, the API's actions and the flow charts show what
each step needs."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.cases.conftest import penalty
from tests.cases.test_api import Api, errors
from tests.cases.test_evidence import png_bytes, upload, wav_bytes
from tests.cases.test_views import Writes, html, url
from tests.helpers import paperwork
from zhifa.cases import documents, services, transitions
from zhifa.cases.documents import requirements
from zhifa.cases.models import CaseDocument, Evidence
from zhifa.catalog import procedures
from zhifa.catalog.choices import PenaltyMeasure

pytestmark = pytest.mark.django_db

SERVE_MISSING = "缺少《行政处罚决定书》、《送达回证》，请先生成并编号或上传签字扫描件"
SERVE = {"on": date(2026, 3, 23), "method": "direct", "recipient": "法定代表人"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def investigated(registered, handler_user):
    return services.case_record_step(actor=handler_user, case=registered, step="inquiry", note="询问当事人")


@pytest.fixture
def decided(investigated, handler_user, leader):
    case = services.case_submit_for_review(
        actor=handler_user, case=paperwork(investigated, "submit-review"), report="调查终结，事实清楚。"
    )
    case = services.case_notify(
        actor=handler_user, case=case, on=date(2026, 3, 10), proposed="拟罚款70000元", hearing_rights=False
    )
    return services.case_decide(actor=leader, case=paperwork(case, "decide", "penalty"), decision=penalty())


def refused(call) -> dict:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.message_dict


# ---- the service ---------------------------------------------------------------------------------


def test_investigation_ends_only_with_the_approval_form_and_the_records_of_its_steps(
    investigated, handler_user
):
    writes = Writes()
    call = lambda: services.case_submit_for_review(actor=handler_user, case=investigated, report="调查终结")  # noqa: E731
    assert refused(call) == {
        "documents": ["缺少《立案审批表》、《询问笔录》，请先生成并编号或上传签字扫描件"]
    }
    documents.generate(actor=handler_user, case=investigated, kind="register_approval")
    writes = Writes()
    assert refused(call) == {"documents": ["缺少《询问笔录》，请先生成并编号或上传签字扫描件"]}
    assert writes.nothing
    documents.generate(actor=handler_user, case=investigated, kind="inquiry_record")
    assert call().status == "reviewing"


def test_a_penalty_is_not_decided_before_the_notice_is_in_the_file(investigated, handler_user, leader):
    case = services.case_submit_for_review(
        actor=handler_user, case=paperwork(investigated, "submit-review"), report="调查终结"
    )
    case = services.case_notify(
        actor=handler_user, case=case, on=date(2026, 3, 10), proposed="拟罚款", hearing_rights=False
    )
    writes = Writes()
    message = refused(lambda: services.case_decide(actor=leader, case=case, decision=penalty()))
    assert message == {"documents": ["缺少《行政处罚事先告知书》，请先生成并编号或上传签字扫描件"]}
    assert writes.nothing


def test_serving_closing_and_archiving_without_their_documents_is_refused(decided, handler_user, leader):
    writes = Writes()
    serve = lambda: services.case_serve(actor=handler_user, case=decided, **SERVE)  # noqa: E731
    assert refused(serve) == {"documents": [SERVE_MISSING]}
    assert writes.nothing
    case = services.case_serve(actor=handler_user, case=paperwork(decided, "serve"), **SERVE)
    case = services.case_execute(
        actor=handler_user, case=case, kind="paid", on=date(2026, 4, 1), amount=Decimal(70000)
    )
    case = services.case_close(actor=leader, case=case, on=date(2026, 4, 2), summary="执行完毕")
    writes = Writes()
    archive = lambda: services.case_archive(actor=handler_user, case=case)  # noqa: E731
    assert refused(archive) == {"documents": ["缺少《结案报告》，请先生成并编号或上传签字扫描件"]}
    assert writes.nothing
    documents.generate(actor=handler_user, case=case, kind="closing_report")
    assert archive().status == "archived"


def test_a_signed_scan_stands_in_for_a_generated_document(decided, handler_user):
    for kind in ("penalty_decision", "service_receipt"):
        upload(handler_user, decided, png_bytes(200), kind="photo", step="service", signed_document=kind)
    assert not CaseDocument.objects.filter(kind__in=["penalty_decision", "service_receipt"]).exists()
    assert [(n.title, n.state) for n in requirements.needs(decided, "serve")] == [
        ("行政处罚决定书", "已上传签字扫描件"),
        ("送达回证", "已上传签字扫描件"),
    ]
    assert services.case_serve(actor=handler_user, case=decided, **SERVE).status == "served"


def test_a_scan_is_a_photo_or_a_document_of_a_known_kind(decided, handler_user):
    before = Evidence.objects.count()
    audio = refused(
        lambda: upload(
            handler_user,
            decided,
            wav_bytes(),
            kind="audio",
            step="service",
            signed_document="service_receipt",
        )
    )
    assert audio == {"signed_document": ["签字文书扫描件须为照片或书证（扫描的PDF、图片）"]}
    unknown = refused(lambda: upload(handler_user, decided, png_bytes(200), signed_document="letter"))
    assert unknown == {"signed_document": ["未知的文书种类"]}
    assert Evidence.objects.count() == before


def test_the_simple_procedure_closes_with_its_decision_and_no_service_receipt(
    agencies, catalogue, handler_user, leader, officers
):
    from tests.cases.conftest import intake

    case = services.case_simple(
        actor=handler_user,
        agency=agencies["east_market"],
        data=intake(codes=("SCJG-CF-003",)),  # an item the simple procedure may decide with a warning
        handlers=[(officers[0], "lead"), (officers[1], "co")],
        decision=services.DecisionInput(
            kind="penalty", decided_on=date(2026, 3, 2), reasoning="", measures=(PenaltyMeasure.WARNING,)
        ),
        recipient="王某",
    )
    case = services.case_execute(actor=handler_user, case=case, kind="done", on=date(2026, 3, 2))
    close = lambda: services.case_close(actor=leader, case=case, on=date(2026, 3, 3), summary="已履行")  # noqa: E731
    assert refused(close) == {"documents": ["缺少《行政处罚决定书》，请先生成并编号或上传签字扫描件"]}
    documents.generate(actor=handler_user, case=case, kind="penalty_decision")
    assert close().status == "closed"


# ---- the page and the API ---------------------------------------------------------------------------


def test_the_page_refuses_the_step_and_shows_what_it_needs(client, decided, handler_user):
    client.force_login(handler_user)
    page = html(client.get(url(decided)))
    assert 'data-testid="step-needs"' in page
    assert "✗ 《行政处罚决定书》" in page and "✗ 《送达回证》" in page
    assert "?signed_document=service_receipt" in page  # the link to upload the signed scan
    writes = Writes()
    response = client.post(
        url(decided, "serve"), {"served_on": "2026-03-23", "method": "direct", "recipient": "法定代表人"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [SERVE_MISSING]
    assert writes.nothing
    documents.generate(actor=handler_user, case=decided, kind="penalty_decision")
    page = html(client.get(url(decided)))
    assert f'✓ 《行政处罚决定书》</span>\n    <span class="muted">已生成（{decided.decision.number}）' in page


def test_the_api_refuses_the_step_and_lists_what_each_action_needs(client, decided, handler_user):
    api = Api(client).login(handler_user)
    writes = Writes()
    response = api.post(f"/{decided.pk}/serve", {"on": "2026-03-23", "method": "direct", "recipient": "x"})
    assert errors(response) == {"documents": SERVE_MISSING}
    assert writes.nothing
    documents.generate(actor=handler_user, case=decided, kind="service_receipt")
    actions = {a["action"]: a for a in api.get(f"/{decided.pk}").json()["actions"]}
    assert [(d["kind"], d["present"], d["number"], d["scan"]) for d in actions["serve"]["documents"]] == [
        ("penalty_decision", False, "", False),
        ("service_receipt", True, decided.number, False),
    ]


def test_the_flow_charts_name_the_documents_of_each_step():
    ordinary = {step.code: step.rule for step in procedures.flow(procedures.Procedure.ORDINARY).steps}
    assert ordinary["served"].endswith("须有《行政处罚决定书》或《不予行政处罚决定书》、《送达回证》")
    assert ordinary["archived"] == "归档：须有《结案报告》"
    simple = {step.code: step.rule for step in procedures.flow(procedures.Procedure.SIMPLE).steps}
    assert simple["closed"] == "结案：须有《行政处罚决定书》"


def test_every_document_the_table_names_can_be_generated_by_the_product():
    named = {kind for row in transitions.TABLE for kind in row.documents}
    assert named == set(documents.KINDS)  # all eight standard kinds, nothing the product cannot make
