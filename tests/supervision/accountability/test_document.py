"""责任追究决定书: numbered in the justice bureau's sequence when the decision is made, issued in its name,
downloadable as PDF and DOCX from the proceeding's page and the API — by those who may see the proceeding
(another agency: 404), and only once decided."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document

from tests.helpers import Api
from zhifa.supervision.accountability import services

pytestmark = pytest.mark.django_db

BASE = "/supervision/accountability"


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)


@pytest.fixture(autouse=True)
def short_name(agencies):
    """The bureau's 简称, which its numbers carry."""
    agencies["east_justice"].short_name = "东司"
    agencies["east_justice"].save()


@pytest.fixture
def suspended(supervisor, heard):
    return services.proceeding_decide(
        actor=supervisor,
        proceeding=heard,
        outcome="suspend",
        reason="未亮证执法，情节较轻",
        suspended_until=date(2026, 6, 5),
    )


def test_each_decision_takes_the_next_number_of_the_bureau(supervisor, suspended, li):
    from tests.supervision.accountability.conftest import complaint

    assert suspended.decision_number == "东司追责〔2026〕1号"
    (second,) = services.proceeding_open(actor=supervisor, data=complaint(li))
    services.proceeding_investigate(actor=supervisor, proceeding=second, investigation="按规程履职")
    services.proceeding_decide(actor=supervisor, proceeding=second, outcome="due_diligence", reason="已尽职")
    second.refresh_from_db()
    assert second.decision_number == "东司追责〔2026〕2号"


def test_the_page_offers_the_decision_as_pdf_and_docx(client, head, suspended, zhang):
    client.force_login(head)  # the officer's agency sees its officers' proceedings
    page = client.get(f"{BASE}/{suspended.pk}/").content.decode()
    assert "东司追责〔2026〕1号" in page and f"{BASE}/{suspended.pk}/decision.pdf" in page
    pdf = client.get(f"{BASE}/{suspended.pk}/decision.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = text_of(client.get(f"{BASE}/{suspended.pk}/decision.docx").content)
    number = zhang.certificates.get().number
    assert "东区司法局（行政执法协调监督办公室）" in text
    assert "责任追究决定书" in text and "东司追责〔2026〕1号" in text
    assert "被追责人员：张伟（东区市场监督管理局）" in text
    assert f"暂扣张伟的行政执法证（证号：{number}），暂扣至2026年6月5日" in text
    assert "决定理由：未亮证执法，情节较轻" in text and "2026年3月6日" in text


def test_not_before_the_decision_nor_for_another_agency(client, heard, west_head, west_supervisor):
    client.force_login(west_supervisor)
    assert client.get(f"{BASE}/{heard.pk}/decision.pdf").status_code == 404
    client.force_login(west_head)
    assert client.get(f"{BASE}/{heard.pk}/decision.docx").status_code == 404


def test_undecided_is_404_for_the_supervisor_too(client, supervisor, heard):
    client.force_login(supervisor)
    assert client.get(f"{BASE}/{heard.pk}/decision.pdf").status_code == 404
    assert client.get(f"{BASE}/{heard.pk}/decision.txt").status_code == 404


def test_the_api_serves_it(client, supervisor, suspended, west_supervisor):
    api = Api(client, "/api/supervision").login(supervisor)
    detail = api.get(f"/accountability/{suspended.pk}").json()
    assert detail["decision_number"] == "东司追责〔2026〕1号"
    pdf = api.get(f"/accountability/{suspended.pk}/decision/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = api.get(f"/accountability/{suspended.pk}/decision/docx")
    assert "东司追责〔2026〕1号" in text_of(docx.content)
    api.login(west_supervisor)
    assert api.get(f"/accountability/{suspended.pk}/decision/pdf").status_code == 404
