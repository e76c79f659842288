"""/api/equipment/: the same services as the pages — register, issue, return, ratios, standard, survey,
the device of a recording; another agency: 404; refusals a 422 by field with nothing written."""

import pytest

from tests.equipment.conftest import EquipmentWrites, evidence
from tests.helpers import Api, errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    return Api(client, "/api/equipment")


def test_register_issue_and_return(api, head, market, staff):
    api.login(head)
    made = api.post(
        "/devices", {"agency_id": market.pk, "kind": "body_camera", "model": "K7", "number": "A-1"}
    )
    assert made.status_code == 201
    device = made.json()
    assert (device["kind_label"], device["status_label"], device["holder_id"]) == ("执法记录仪", "在用", None)
    issued = api.post(f"/devices/{device['id']}/issue", {"officer_id": staff[0].pk})
    assert (issued.status_code, issued.json()["holder_name"]) == (200, "张伟")
    returned = api.post(f"/devices/{device['id']}/return")
    assert (returned.status_code, returned.json()["holder_id"]) == (200, None)
    listed = api.get("/devices", q="A-1").json()
    assert [d["number"] for d in listed["items"]] == ["A-1"]


def test_refusals_are_422_by_field_with_nothing_written(api, head, market, device, staff):
    api.login(head)
    writes = EquipmentWrites()
    duplicate = api.post(
        "/devices", {"agency_id": market.pk, "kind": "body_camera", "model": "K7", "number": "ZFJLY-01"}
    )
    assert errors(duplicate) == {
        "number": "设备编号“ZFJLY-01”在东区市场监督管理局已登记，同一机关的设备编号不能重复"
    }
    assert errors(api.post(f"/devices/{device.pk}/return")) == {"holder": "设备未被领用，无需归还"}
    assert writes.none


def test_another_agency_gets_404(api, west_head, device, staff):
    api.login(west_head)
    writes = EquipmentWrites()
    assert api.get(f"/devices/{device.pk}").status_code == 404
    assert api.post(f"/devices/{device.pk}/issue", {"officer_id": staff[0].pk}).status_code == 404
    assert writes.none


def test_ratios_standard_and_survey(api, supervisor, market, staff, device):
    api.login(supervisor)
    below = api.get("/ratios", below="true").json()["items"]
    assert [(r["agency_name"], r["officers"], r["devices"], r["shortfall"]) for r in below] == [
        ("东区市场监督管理局", 3, 1, 2)
    ]
    writes = EquipmentWrites()
    assert errors(api.post(f"/agencies/{market.pk}/standard", {"ratio": "-1"})) == {
        "ratio": "配备标准应大于0且不超过10（台/人）"
    }
    assert writes.none
    set_ = api.post(f"/agencies/{market.pk}/standard", {"ratio": "0.25"}).json()
    assert (set_["ratio"], set_["required"], set_["below"]) == ("0.25", 1, False)
    survey = {r["agency_name"]: r for r in api.get("/survey").json()["items"]}
    assert (survey["东区市场监督管理局"]["officers"], survey["东区市场监督管理局"]["devices"]) == (3, 1)


def test_a_recording_names_its_device(api, head, case, device):
    video = evidence(case, "video", "现场.mp4")
    api.login(head)
    assert api.get(f"/evidence/{video.pk}/device").json() == {
        "evidence_id": video.pk,
        "device_id": None,
        "device_number": "",
    }
    made = api.post(f"/evidence/{video.pk}/device", {"device_id": device.pk})
    assert made.status_code == 201 and made.json()["device_number"] == "ZFJLY-01"
    writes = EquipmentWrites()
    assert errors(api.post(f"/evidence/{video.pk}/device", {"device_id": device.pk})) == {
        "device": "该证据已标注记录设备，不能更改"
    }
    assert writes.none
