"""监督事项 pages: the whole loop through the pages, the case page's banner and button, lists with their
filters and export, files, access (another agency: 404) and refusals shown beside the field."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from tests.helpers import html, xlsx_rows
from tests.supervision.actions.conftest import pdf_bytes
from zhifa.supervision.actions import services
from zhifa.supervision.actions.choices import ItemStatus
from zhifa.supervision.models import SupervisionItem

pytestmark = pytest.mark.django_db
BASE = "/supervision/actions"


def test_the_loop_through_the_pages(client, supervisor, head, agencies, records_of):
    client.force_login(supervisor)
    response = client.post(
        f"{BASE}/new/",
        {
            "kind": "routine",
            "target_kind": "agency",
            "agencies": [agencies["east_market"].pk],
            "category": "profit",
            "title": "趋利性执法日常监督",
        },
    )
    item = SupervisionItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}/{item.pk}/"
    client.post(f"{BASE}/{item.pk}/find/", {"text": "罚没收入与考核挂钩"})
    finding = item.findings.get()
    response = client.post(
        f"{BASE}/{item.pk}/issue/",
        {"grade": "notice", "findings": [finding.pk], "requirements": "取消罚没指标"},
    )
    assert response.status_code == 302
    page = html(client.get(f"{BASE}/{item.pk}/"))
    assert "东司监通〔2026〕1号" in page and "答复期限：2026-03-20；整改期限：2026-04-03" in page

    client.force_login(head)
    page = html(client.get(f"{BASE}/{item.pk}/"))
    assert f'href="{BASE}/{item.pk}/reply/"' in page and f'href="{BASE}/{item.pk}/issue/"' not in page
    upload = SimpleUploadedFile("整改报告.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(f"{BASE}/{item.pk}/reply/", {"text": "已取消罚没指标", "files": [upload]})
    assert response.status_code == 302

    client.force_login(supervisor)
    assert client.post(f"{BASE}/{item.pk}/accept/", {"note": "整改到位"}).status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED
    assert records_of(item) == [
        "supervision_item.open",
        "supervision_item.find",
        "supervision_item.issue",
        "supervision_item.reply",
        "supervision_item.accept",
    ]
    page = html(client.get(f"{BASE}/{item.pk}/"))
    assert "整改验收通过" in page and "整改报告.pdf" in page


def test_another_agency_gets_404_everywhere(client, replied, notice, third_head, west_supervisor, writes):
    file = replied.replies.get().files.get()
    for user in (third_head, west_supervisor):
        client.force_login(user)
        before = writes()
        for url in (
            f"{BASE}/{replied.pk}/",
            f"{BASE}/{replied.pk}/reply/",
            f"/supervision/actions/instruments/{notice.pk}.pdf",
            f"{BASE}/files/{file.pk}/",
        ):
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(f"{BASE}/{replied.pk}/accept/", {"note": "x"}).status_code == 404
        assert before.none
        assert "乱罚款问题重点监督" not in html(client.get(f"{BASE}/"))


def test_a_reply_by_a_third_agency_writes_nothing(client, item, notice, third_head, writes):
    client.force_login(third_head)
    before = writes()
    assert client.post(f"{BASE}/{item.pk}/reply/", {"text": "代为答复"}).status_code == 404
    assert before.none


def test_an_instrument_without_a_finding_is_refused_beside_the_field(client, item, supervisor, writes):
    client.force_login(supervisor)
    before = writes()
    response = client.post(f"{BASE}/{item.pk}/issue/", {"grade": "notice", "requirements": "纠正"})
    assert response.status_code == 200
    assert response.context["form"].errors["findings"] == [
        "制发监督文书须依据已记录的问题：请先记录发现的问题，并选择文书所依据的问题"
    ]
    assert before.none


def test_the_instrument_files(client, notice, head):
    client.force_login(head)
    pdf = client.get(f"{BASE}/instruments/{notice.pk}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(f"{BASE}/instruments/{notice.pk}.docx")
    text = "\n".join(p.text for p in Document(BytesIO(docx.content)).paragraphs)
    assert "东区司法局（行政执法协调监督办公室）" in text
    assert "行政执法监督通知书" in text and "东司监通〔2026〕1号" in text
    assert "请于2026年3月20日前书面答复，于2026年4月3日前整改完毕" in text


def test_one_action_from_the_case_page_and_the_banner_for_the_handling_agency(
    client, supervisor, new_case, handler_user
):
    client.force_login(supervisor)
    page = html(client.get(f"/cases/{new_case.pk}/"))
    assert f'href="{BASE}/case/{new_case.pk}/"' in page
    response = client.post(f"{BASE}/case/{new_case.pk}/", {"reason": "举报反映办案拖延"})
    item = SupervisionItem.objects.get()
    assert response["Location"] == f"{BASE}/{item.pk}/"
    client.force_login(handler_user)
    page = html(client.get(f"/cases/{new_case.pk}/"))
    assert "本案正在接受东区司法局的日常监督" in page and f"{BASE}/case/{new_case.pk}/" not in page


def test_lists_filter_sort_and_export(client, supervisor, city_supervisor, agencies, item, notice, today):
    other = services.item_open(
        actor=city_supervisor,
        data=services.OpenInput(
            kind="special", target_kind="theme", theme="乱查封专项", agencies=[agencies["west_market"]]
        ),
    )[0]
    client.force_login(city_supervisor)
    rows = lambda **q: client.get(f"{BASE}/", q).context["rows"]  # noqa: E731
    assert [i.pk for i, _ in rows()] == [other.pk, item.pk]
    assert [i.pk for i, _ in rows(sort="opened")] == [item.pk, other.pk]
    assert [i.pk for i, _ in rows(kind="special")] == [other.pk]
    assert [i.pk for i, _ in rows(q="乱罚款")] == [item.pk]
    assert [i.pk for i, _ in rows(q="东司监通")] == [item.pk]
    assert [i.pk for i, _ in rows(status="awaiting")] == [item.pk]
    assert rows(overdue="1") == []
    today(date(2026, 3, 23))
    assert [(i.pk, late) for i, late in rows(overdue="1")] == [(item.pk, True)]
    exported = xlsx_rows(client.get(f"{BASE}/export.xlsx", {"kind": "key"}))
    assert exported[0][:4] == ("事项名称", "监督方式", "监督对象", "问题类别")
    assert [row[:9] for row in exported[1:]] == [
        ("乱罚款问题重点监督", "重点监督", "行政执法机关", "乱罚款", "东区市场监督管理局", "东区司法局", None, "待答复整改",
         "行政执法监督通知书")
    ]  # fmt: skip
    client.force_login(supervisor)  # 东区 only
    assert [i.pk for i, _ in rows()] == [item.pk]


def test_overdue_items_on_both_sides_workbench(client, item, notice, supervisor, head, today):
    today(date(2026, 3, 23))
    client.force_login(supervisor)
    assert "乱罚款问题重点监督（逾期未答复或未整改，可升级）" in html(client.get("/"))
    client.force_login(head)
    assert "乱罚款问题重点监督（逾期未答复或未整改）" in html(client.get("/"))


def test_escalation_through_the_page(client, item, notice, supervisor, today):
    today(date(2026, 3, 23))
    client.force_login(supervisor)
    assert "逾期升级" in html(client.get(f"{BASE}/{item.pk}/"))
    response = client.post(f"{BASE}/{item.pk}/escalate/", {"step": "interview", "note": "约谈"})
    assert response.context["form"].errors["step"] == ["升级须逐级进行：当前可采取的措施为限期整改"]
    response = client.post(f"{BASE}/{item.pk}/escalate/", {"step": "deadline", "note": "限期整改"})
    assert response.status_code == 302
    assert "限期整改：限期整改（整改期限2026-04-07）" in html(client.get(f"{BASE}/{item.pk}/"))


def test_the_flow_chart_reads_the_table(client, head):
    client.force_login(head)
    page = html(client.get(f"{BASE}/flow/"))
    assert "<td>核查中</td><td>制发监督文书</td><td>待答复整改</td>" in page
    assert "逾期升级（待答复整改）" in page


def test_a_finding_page_links_records_by_their_number_in_the_agencys_chain(client, item, supervisor, writes):
    from zhifa.core.models import Record

    record = Record.objects.get(agency=item.agency, action="supervision_item.open")
    client.force_login(supervisor)
    before = writes()
    response = client.post(f"{BASE}/{item.pk}/find/", {"text": "问题", "cases": "东市监立〔2026〕99号"})
    assert response.context["form"].errors["cases"] == [
        "东区市场监督管理局没有案件编号：东市监立〔2026〕99号"
    ]
    assert before.none
    response = client.post(f"{BASE}/{item.pk}/find/", {"text": "问题", "records": str(record.seq)})
    assert response.status_code == 302
    assert list(item.findings.get().records.all()) == [record]
    assert f"第{record.seq}条（立项监督" in html(client.get(f"{BASE}/{item.pk}/"))
