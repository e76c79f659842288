"""The Excel exports of 抄告 and 协助 (core.exports kit): the list the user filtered, streamed, with the
Chinese headers, labels not codes, dates as dates; another county's agency sees none of the rows."""

from datetime import datetime

import pytest
from django.utils import timezone

from tests.collaboration.assistance.test_services import ask
from tests.collaboration.notices.test_services import approval
from tests.helpers import exported_rows
from zhifa.collaboration.models import AssistanceRequest, Notice
from zhifa.collaboration.notices import services as notices

pytestmark = pytest.mark.django_db
SENT = datetime(2026, 3, 2, 9, 30)
NOTICE_HEADER = ("抄告类别", "抄告机关", "接收机关", "决定事项", "决定文号", "当事人", "决定日期", "状态", "抄告期限",
                 "抄告时间", "签收期限", "签收时间")  # fmt: skip
ASSISTANCE_HEADER = ("协助函文号", "协助事项", "请求机关", "协助机关", "异地协助", "协助事项名称", "状态", "发函时间",
                     "答复期限", "答复日期")  # fmt: skip


def notice_row(number: str, party: str) -> tuple:
    return ("审批决定抄告综合执法部门", "东区市场监督管理局", "东区综合行政执法局", "准予食品经营许可", number, party,
            datetime(2026, 3, 2), "已抄告待签收", datetime(2026, 3, 16), SENT, datetime(2026, 3, 11), None)  # fmt: skip


def test_the_notice_list_as_excel(client, agencies, urban, clerk, urban_officer, west_officer):
    notices.notice_enter_approval(actor=clerk, agency=agencies["east_market"], data=approval())
    second = approval(party="东区好味道小吃店", number="东市监许〔2026〕2号")
    notices.notice_enter_approval(actor=clerk, agency=agencies["east_market"], data=second)
    Notice.objects.update(sent_at=timezone.make_aware(SENT))
    client.force_login(urban_officer)
    assert exported_rows(client, "/collaboration/notices/export.xlsx") == [
        NOTICE_HEADER,
        notice_row("东市监许〔2026〕2号", "东区好味道小吃店"),  # newest first, as the list
        notice_row("东市监许〔2026〕1号", "东区百味轩餐饮店"),
    ]
    assert exported_rows(client, "/collaboration/notices/export.xlsx", {"q": "好味道"}) == [
        NOTICE_HEADER,
        notice_row("东市监许〔2026〕2号", "东区好味道小吃店"),
    ]
    client.force_login(west_officer)
    assert exported_rows(client, "/collaboration/notices/export.xlsx") == [NOTICE_HEADER]


def test_the_assistance_list_as_excel(client, agencies, urban, urban_officer, clerk, west_officer):
    first = ask(urban_officer, urban, agencies["east_market"])
    second = ask(urban_officer, urban, agencies["east_market"], kind="consult", subject="餐饮油烟的咨询")
    AssistanceRequest.objects.update(sent_at=timezone.make_aware(SENT))
    consult = (second.number, "咨询意见", "东区综合行政执法局", "东区市场监督管理局", "否", "餐饮油烟的咨询", "待签收",
               SENT, None, None)  # fmt: skip
    identify = (first.number, "认定", "东区综合行政执法局", "东区市场监督管理局", "否", "无证经营食品的认定", "待签收",
                SENT, None, None)  # fmt: skip
    client.force_login(clerk)
    assert exported_rows(client, "/collaboration/assistance/export.xlsx") == [
        ASSISTANCE_HEADER,
        consult,
        identify,
    ]
    assert exported_rows(client, "/collaboration/assistance/export.xlsx", {"kind": "consult"}) == [
        ASSISTANCE_HEADER,
        consult,
    ]
    client.force_login(west_officer)
    assert exported_rows(client, "/collaboration/assistance/export.xlsx") == [ASSISTANCE_HEADER]
