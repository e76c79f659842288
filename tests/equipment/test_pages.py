"""The equipment pages: the register (search, filters, sort, paging, Excel), 登记 with a refusal shown by
its field and nothing written, 领用 with the officer picker and 归还, the ratio page (only those below the
standard), the standard form, the 摸底统计 and its Excel, the device of a recording and the case card."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.equipment.conftest import EquipmentWrites, device_input, evidence
from tests.helpers import xlsx_rows
from zhifa.accounts.choices import RoleCode
from zhifa.equipment import services
from zhifa.equipment.models import Device, EquipmentStandard

pytestmark = pytest.mark.django_db


def test_the_register_lists_searches_and_exports(client, head, market, staff, device):
    services.device_register(
        actor=head, agency=market, data=device_input("ZXJ-01", kind="camera", model="EOS R8")
    )
    services.device_issue(actor=head, device=device, officer=staff[1])
    client.force_login(head)
    page = client.get(reverse("equipment:device_list"), {"q": "李娜"})
    text = page.content.decode()
    assert page.status_code == 200 and "ZFJLY-01" in text and "ZXJ-01" not in text and "李娜" in text
    held = client.get(reverse("equipment:device_list"), {"held": "0", "sort": "number"}).content.decode()
    assert "ZXJ-01" in held and "ZFJLY-01" not in held
    export = client.get(reverse("equipment:device_export"), {"kind": "camera"})
    rows = xlsx_rows(export)
    assert rows[0][:5] == ("所属机关", "设备种类", "品牌型号", "设备编号", "状态")
    assert [row[:5] for row in rows[1:]] == [("东区市场监督管理局", "照相机", "EOS R8", "ZXJ-01", "在用")]


def test_register_shows_the_refusal_by_its_field_and_writes_nothing(client, head, market, device):
    client.force_login(head)
    writes = EquipmentWrites()
    page = client.post(
        reverse("equipment:device_new"),
        {"agency": market.pk, "kind": "body_camera", "model": "K7", "number": "ZFJLY-01", "status": "in_use"},
    )
    assert page.status_code == 200
    assert page.context["form"].errors["number"] == [
        "设备编号“ZFJLY-01”在东区市场监督管理局已登记，同一机关的设备编号不能重复"
    ]
    assert writes.none
    made = client.post(
        reverse("equipment:device_new"),
        {"agency": market.pk, "kind": "body_camera", "model": "K7", "number": "ZFJLY-02", "status": "in_use"},
    )
    new = Device.objects.get(number="ZFJLY-02")
    assert made.status_code == 302 and made["Location"] == reverse("equipment:device_detail", args=[new.pk])


def test_issue_and_return_from_the_device_page(client, head, device, staff):
    client.force_login(head)
    detail = client.get(reverse("equipment:device_detail", args=[device.pk])).content.decode()
    assert "办理领用" in detail and "办理归还" not in detail
    issued = client.post(reverse("equipment:device_issue", args=[device.pk]), {"officer": staff[2].pk})
    assert issued.status_code == 302
    detail = client.get(reverse("equipment:device_detail", args=[device.pk])).content.decode()
    assert "刘洋" in detail and "领用音像记录设备（刘洋）" in detail and "办理归还" in detail
    client.post(reverse("equipment:device_return", args=[device.pk]))
    device.refresh_from_db()
    assert device.holder is None
    detail = client.get(reverse("equipment:device_detail", args=[device.pk])).content.decode()
    assert "归还音像记录设备（刘洋）" in detail


def test_issue_without_an_officer_is_refused_by_the_field(client, head, device):
    client.force_login(head)
    writes = EquipmentWrites()
    page = client.post(reverse("equipment:device_issue", args=[device.pk]), {"officer": ""})
    assert page.context["form"].errors["officer"] == ["请选择领用人"]
    assert writes.none


def test_an_officer_reads_but_does_not_keep_the_register(client, market, make_user, device):
    officer = make_user(market, RoleCode.OFFICER, username="east_zf")
    client.force_login(officer)
    assert "办理领用" not in client.get(reverse("equipment:device_detail", args=[device.pk])).content.decode()
    writes = EquipmentWrites()
    assert client.post(reverse("equipment:device_edit", args=[device.pk]), {}).status_code == 403
    assert writes.none


def test_another_agency_gets_404(client, west_head, device):
    client.force_login(west_head)
    assert client.get(reverse("equipment:device_detail", args=[device.pk])).status_code == 404
    writes = EquipmentWrites()
    assert client.post(reverse("equipment:device_issue", args=[device.pk]), {}).status_code == 404
    assert writes.none


def test_the_bureau_sees_agencies_below_and_sets_a_standard(
    client, supervisor, market, staff, device, agencies
):
    client.force_login(supervisor)
    below = client.get(reverse("equipment:ratios"), {"below": "1"})
    rows = [(r.agency.name, r.officers, r.devices, r.required, r.shortfall) for r in below.context["rows"]]
    assert rows == [("东区市场监督管理局", 3, 1, 3, 2)]
    writes = EquipmentWrites()
    refused = client.post(reverse("equipment:standard_edit", args=[market.pk]), {"ratio": "abc"})
    assert refused.context["form"].errors["ratio"] == ["配备标准应为数字，例如1或0.5"]
    assert writes.none
    client.post(reverse("equipment:standard_edit", args=[market.pk]), {"ratio": "0.3", "basis": "试点"})
    assert EquipmentStandard.objects.get(agency=market).ratio == Decimal("0.30")
    assert client.get(reverse("equipment:ratios"), {"below": "1"}).context["rows"] == []


def test_the_survey_table_and_its_excel(client, supervisor, market, staff, device):
    client.force_login(supervisor)
    page = client.get(reverse("equipment:survey"))
    row = next(r for r in page.context["rows"] if r.agency == market)
    assert (row.officers, row.reviewers, row.qualified, row.body_cameras, row.devices, row.devices_required) == (
        3, 0, 0, 1, 1, 3
    )  # fmt: skip
    rows = xlsx_rows(client.get(reverse("equipment:survey_export")))
    assert rows[0][0] == "机关" and "法律职业资格占比（%）" in rows[0]
    market_row = next(r for r in rows if r[0] == "东区市场监督管理局")
    assert market_row[2] == 3 and market_row[8] == "—"


def test_the_survey_is_the_justice_bureaus(client, head):
    client.force_login(head)
    assert client.get(reverse("equipment:survey")).status_code == 403


def test_a_recording_names_its_device_from_the_case_card(client, head, case, device):
    video = evidence(case, "video", "现场.mp4")
    client.force_login(head)
    card = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert reverse("equipment:evidence_device", args=[video.pk]) in card
    done = client.post(reverse("equipment:evidence_device", args=[video.pk]), {"device": device.pk})
    assert done.status_code == 302
    card = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "执法记录仪 ZFJLY-01" in card
