"""表彰奖励: recorded by the agency or the justice bureau within its region, refused outside it (404) and
with every field named; corrected with the reason; shown on the officer's 执法档案; page, API, Excel."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.factories import OfficerFactory
from tests.helpers import xlsx_rows
from zhifa.core.models import Record
from zhifa.recognition import selectors, services
from zhifa.recognition.models import Award

from .conftest import TODAY, award_input

pytestmark = pytest.mark.django_db


def _none_written(call, exc=ValidationError):
    before = (Award.objects.count(), Record.objects.count())
    with pytest.raises(exc) as caught:
        call()
    assert (Award.objects.count(), Record.objects.count()) == before
    return caught.value


def test_an_award_is_recorded_with_its_record(award, li_na, market):
    assert (award.agency, award.officer, award.get_kind_display()) == (market, li_na, "嘉奖")
    record = Record.objects.get(subject_type="recognition.award", subject_id=str(award.pk))
    assert record.action == "recognition_award.record"


def test_the_bureau_records_for_its_region_and_an_agency_award(supervisor, market, li_na):
    made = services.award_record(
        actor=supervisor, data=award_input(awardee_kind="agency", agency=market, kind="notice", level="city"),
        today=TODAY,
    )  # fmt: skip
    assert (made.officer, made.awardee_name) == (None, "东区市场监督管理局")
    assert [a.pk for a in selectors.awards_visible_to(supervisor)] == [made.pk]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [({"kind": ""}, "kind", "请选择表彰种类"), ({"level": "x"}, "level", "“表彰级别”的取值无效"),
     ({"granted_by": " "}, "granted_by", "请填写授予机关"), ({"reason": ""}, "reason", "请填写表彰事由"),
     ({"granted_on": None}, "granted_on", "请填写授予日期"),
     ({"granted_on": date(2026, 6, 11)}, "granted_on", "授予日期（2026-06-11）不能晚于今天（2026-06-10）"),
     ({"awardee_kind": ""}, "awardee_kind", "请选择表彰对象类别"), ({"officer": None}, "officer", "请选择受表彰人员")],
)  # fmt: skip
def test_refusals_name_the_field(head, li_na, overrides, field, message):
    data = award_input(**{"officer": li_na, **overrides})
    error = _none_written(lambda: services.award_record(actor=head, data=data, today=TODAY))
    assert error.message_dict == {field: [message]}


def test_another_countys_officer_is_refused(west_head, li_na):
    _none_written(
        lambda: services.award_record(actor=west_head, data=award_input(officer=li_na), today=TODAY),
        PermissionDenied,
    )


def test_an_officer_without_the_permission_is_refused(clerk, li_na):
    _none_written(lambda: services.award_record(actor=clerk, data=award_input(officer=li_na), today=TODAY),
                  PermissionDenied)  # fmt: skip


def test_a_correction_keeps_the_awardee_and_records_the_reason(head, award):
    data = award_input(officer=award.officer, kind="merit3")
    services.award_correct(actor=head, award=award, data=data, reason="文件核对", today=TODAY)
    award.refresh_from_db()
    assert award.kind == "merit3"
    error = _none_written(
        lambda: services.award_correct(actor=head, award=award, data=data, reason="再次", today=TODAY)
    )
    assert error.message_dict == {"__all__": ["没有需要更正的内容"]}


def test_another_agency_cannot_correct(west_head, award):
    _none_written(
        lambda: services.award_correct(
            actor=west_head, award=award, data=award_input(), reason="x", today=TODAY
        ),
        Http404,
    )


def test_the_officer_file_shows_the_awards_next_to_accountability(client, head, award, li_na):
    client.force_login(head)
    page = client.get(f"/registry/officers/{li_na.pk}/").content.decode()
    assert "表彰奖励（1项）" in page
    assert "东政发〔2026〕3号" in page
    assert page.index("责任追究") < page.index("表彰奖励（1项）")


def test_pages_api_and_export(client, head, west_head, award):
    client.force_login(head)
    assert "李娜" in client.get("/recognition/awards/", {"q": "过期食品"}).content.decode()
    assert client.get(f"/recognition/awards/{award.pk}/").status_code == 200
    rows = xlsx_rows(client.get("/recognition/awards/export.xlsx"))
    assert rows[1][:8] == (
        "李娜",
        "个人",
        "东区市场监督管理局",
        "嘉奖",
        "县级",
        "东区人民政府",
        rows[1][6],
        "东政发〔2026〕3号",
    )
    api = client.get(f"/api/recognition/awards/{award.pk}").json()
    assert (api["awardee_name"], api["kind_label"], api["level_label"]) == ("李娜", "嘉奖", "县级")
    client.force_login(west_head)
    assert client.get(f"/recognition/awards/{award.pk}/").status_code == 404
    assert client.get(f"/api/recognition/awards/{award.pk}").status_code == 404
    assert client.get("/api/recognition/awards").json()["items"] == []


def test_api_refuses_with_the_fields_name_and_writes_nothing(client, head, market):
    officer = OfficerFactory(agency=market, name="徐丽")
    client.force_login(head)
    before = Award.objects.count()
    body = {"awardee_kind": "officer", "officer_id": officer.pk, "kind": "excellent", "level": "",
            "granted_by": "东区司法局", "granted_on": "2026-01-10", "reason": "考核优秀"}  # fmt: skip
    response = client.post("/api/recognition/awards", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["body", "level"], "msg": "请选择表彰级别"}]
    assert Award.objects.count() == before
    body["level"] = "county"
    assert client.post("/api/recognition/awards", body, content_type="application/json").status_code == 201
