"""有案不立 only for penalty items, and 关联已立案件: a case the handling agency opened by other means for the
same facts is linked back (service, page with its search, API), recorded, and stops the signal; a case of
another agency or an already linked complaint is refused with nothing written."""

import json
from datetime import date
from itertools import count

import pytest
from django.core.exceptions import ValidationError

from tests.factories import field
from tests.helpers import Api, errors, html
from zhifa.cases.models import Case
from zhifa.catalog.procedures import Procedure
from zhifa.complaints import selectors, services
from zhifa.core.models import Record

from .conftest import ComplaintWrites, data

pytestmark = pytest.mark.django_db
LATER = date(2026, 3, 30)  # past the 有案不立 period (15 working days from 2026-03-06)
_serial = count(1)


def refusal(exc) -> dict:
    return {k: v[0] for k, v in exc.value.message_dict.items()}


@pytest.fixture
def make_case(catalogue, agencies):
    def make(agency=None, *, party_name="东区味美餐饮有限公司", number=None):
        return Case.objects.create(
            agency=agency or agencies["east_market"],
            number=number or f"东市监罚〔2026〕{next(_serial)}号",
            procedure=Procedure.ORDINARY,
            source="inspection",
            status="investigating",
            summary="经营不符合食品安全标准的食品",
            discovered_on=date(2026, 3, 2),
            registered_on=date(2026, 3, 3),
            place="东区人民路1号",
            catalog_version=catalogue,
            field=field("market"),
            party_kind="organisation",
            party_name=party_name,
        )

    return make


@pytest.fixture
def accepted(city, catalogue, clerk):
    complaint, _ = services.complaint_submit(data=data(city))
    return services.complaint_accept(actor=clerk, complaint=complaint)


def test_only_a_complaint_about_a_penalty_item_is_an_unfiled_signal(city, catalogue):
    numbers = {}
    for code in ("SCJG-CF-001", "SCJG-QZ-001", "SCJG-XK-001", ""):  # 行政处罚, 行政强制, 行政许可, none
        complaint, _ = services.complaint_submit(data=data(city, item_code=code, title=f"事项{code}"))
        numbers[code] = services.complaint_accept(actor=None, complaint=complaint).number
    assert [c.number for c in selectors.unfiled(on=LATER)] == [numbers["SCJG-CF-001"]]
    # the statistics page counts the same one
    assert [c.item.category for c in selectors.unfiled(on=LATER)] == ["penalty"]


def test_a_case_opened_by_other_means_is_linked_back_and_stops_the_signal(accepted, clerk, make_case):
    case = make_case()
    assert list(selectors.unfiled(on=LATER)) == [accepted]
    complaint = services.complaint_link_case(
        actor=clerk, complaint=accepted, case_number=f" {case.number} ", note="日常检查中已立案查处"
    )
    assert complaint.case == case
    assert list(selectors.unfiled(on=LATER)) == []
    record = Record.objects.filter(action="complaint.link_case").get()
    assert json.loads(record.payload) == {"status": "accepted", "case": case.pk, "case_number": case.number,
                              "note": "日常检查中已立案查处"}  # fmt: skip


def test_a_case_of_another_agency_an_unknown_number_and_a_linked_complaint_are_refused(
    accepted, clerk, make_case, agencies
):
    west = make_case(agencies["west_market"], number="西市监罚〔2026〕1号")
    writes = ComplaintWrites()
    for number in (west.number, "东市监罚〔2026〕999号"):
        with pytest.raises(ValidationError) as exc:
            services.complaint_link_case(actor=clerk, complaint=accepted, case_number=number, note="同一事实")
        assert refusal(exc) == {"case_number": f"东区市场监督管理局没有案件编号为“{number}”的案件"}
    with pytest.raises(ValidationError) as exc:
        services.complaint_link_case(actor=clerk, complaint=accepted, case_number="", note="同一事实")
    assert refusal(exc) == {"case_number": "请填写案件编号"}
    assert writes.none and Case.objects.get(pk=west.pk) and accepted.case_id is None
    mine = make_case()
    services.complaint_link_case(actor=clerk, complaint=accepted, case_number=mine.number, note="同一事实")
    writes = ComplaintWrites()
    with pytest.raises(ValidationError) as exc:
        services.complaint_link_case(actor=clerk, complaint=accepted, case_number=mine.number, note="再次")
    assert refusal(exc) == {"status": "该投诉举报已关联案件，不能重复"}
    assert writes.none


def test_a_pending_complaint_cannot_be_linked(city, catalogue, clerk, make_case):
    complaint, _ = services.complaint_submit(data=data(city))
    with pytest.raises(ValidationError) as exc:
        services.complaint_link_case(
            actor=clerk, complaint=complaint, case_number=make_case().number, note="同一事实"
        )
    assert refusal(exc) == {"status": "投诉举报受理后才能关联案件"}


def test_the_page_searches_the_agencys_cases_and_links_one(client, accepted, clerk, make_case, agencies):
    case = make_case(party_name="东区味美餐饮有限公司")
    make_case(party_name="东区另一家饭店")
    make_case(agencies["west_market"], party_name="西县味美餐饮有限公司", number="西市监罚〔2026〕7号")
    client.force_login(clerk)
    assert "关联已立案件" in html(client.get(f"/complaints/{accepted.pk}/"))
    url = f"/complaints/{accepted.pk}/link_case/"
    assert 'data-testid="case-search-results"' not in html(client.get(url))  # nothing until searched
    page = html(client.get(url, {"q": "味美"}))
    assert case.number in page and "东区另一家饭店" not in page and "西市监罚" not in page
    page = html(client.post(url, {"case_number": "西市监罚〔2026〕7号", "note": "同一事实"}))
    assert "东区市场监督管理局没有案件编号为“西市监罚〔2026〕7号”的案件" in page
    response = client.post(url, {"case_number": case.number, "note": "同一事实"})
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.case == case
    assert "关联已立案件" in html(client.get(f"/complaints/{accepted.pk}/"))  # the record's label


def test_the_api_searches_and_links_and_refuses_alike(client, accepted, clerk, make_case, agencies):
    case = make_case()
    west = make_case(agencies["west_market"], number="西市监罚〔2026〕8号")
    api = Api(client, "/api/complaints").login(clerk)
    found = api.get(f"/complaints/{accepted.pk}/cases", q="东市监罚").json()
    assert [(c["id"], c["number"]) for c in found] == [(case.pk, case.number)]
    assert api.get(f"/complaints/{accepted.pk}/cases").json() == []
    writes = ComplaintWrites()
    refused = api.post(
        f"/complaints/{accepted.pk}/link_case", {"case_number": west.number, "note": "同一事实"}
    )
    assert errors(refused) == {"case_number": f"东区市场监督管理局没有案件编号为“{west.number}”的案件"}
    assert writes.none
    done = api.post(f"/complaints/{accepted.pk}/link_case", {"case_number": case.number, "note": "同一事实"})
    assert done.status_code == 200 and done.json()["case_id"] == case.pk


def test_another_agency_cannot_search_or_link(client, accepted, west_clerk, make_case):
    api = Api(client, "/api/complaints").login(west_clerk)
    assert api.get(f"/complaints/{accepted.pk}/cases", q="东").status_code == 404
    number = make_case().number
    assert (
        api.post(f"/complaints/{accepted.pk}/link_case", {"case_number": number, "note": "x"}).status_code
        == 404
    )
