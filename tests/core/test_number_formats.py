"""文号格式: a 系统管理员 gives the agencies of their region their own prefix per kind of document — on the page
and through the API, recorded and audited — and the next number uses it; another region's admin gets 404;
a refusal writes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tests.helpers import html
from zhifa.accounts.choices import RoleCode
from zhifa.audit.models import AuditEntry
from zhifa.core import number_formats, numbering
from zhifa.core.choices import NumberKind
from zhifa.core.models import NumberFormat, Record

pytestmark = pytest.mark.django_db


@pytest.fixture
def east_admin(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SYSTEM_ADMIN, username="east_sys", real_name="王五")


@pytest.fixture
def west_admin(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.SYSTEM_ADMIN, username="west_sys", real_name="赵六")


def snapshot():
    return NumberFormat.objects.count(), Record.objects.count(), AuditEntry.objects.count()


def create(actor, agency, kind=NumberKind.PENALTY_DECISION, prefix="东市监罚"):
    return number_formats.number_format_create(actor=actor, agency=agency, kind=kind, prefix=prefix)


def test_the_kinds_offered_are_those_the_product_numbers():
    from zhifa.cases.documents.kinds import KINDS
    from zhifa.collaboration.transfers.services import NUMBER_KIND as TRANSFER
    from zhifa.review.services import OPINION_NUMBER_KIND
    from zhifa.supervision.accountability.document import NUMBER_KIND as ACCOUNTABILITY
    from zhifa.supervision.actions.choices import NUMBER_KINDS

    used = {kind.number_kind for kind in KINDS.values() if kind.number_kind}
    used |= {TRANSFER, OPINION_NUMBER_KIND, ACCOUNTABILITY, *NUMBER_KINDS.values()}
    used |= {
        "立",
        "罚决",
        "不罚决",
        "简罚",
        "协助",
    }  # cases.services and collaboration.assistance, as literals
    assert used == set(NumberKind.values)


def test_a_format_is_saved_recorded_audited_and_numbers_follow_it(agencies, east_admin):
    agency = agencies["east_market"]
    number_format = create(east_admin, agency, prefix=" 东市监罚 ")
    assert (number_format.agency, number_format.kind, number_format.prefix) == (agency, "罚决", "东市监罚")
    record = Record.objects.get()
    assert (record.agency, record.action, record.actor) == (agency, "number_format.create", east_admin)
    assert record.payload == '{"kind":"罚决","prefix":"东市监罚"}'
    assert AuditEntry.objects.get().detail == "新增文号格式：东区市场监督管理局 行政处罚决定书"
    assert numbering.next_number(agency, "罚决", year=2026) == "东市监罚〔2026〕1号"


@pytest.mark.parametrize(
    ("kind", "prefix", "field", "message"),
    [
        ("", "东市监罚", "kind", "请选择文书种类"),
        ("罚款", "东市监罚", "kind", "请选择文书种类"),
        ("罚决", "  ", "prefix", "请填写文号前缀"),
        ("罚决", "罚" * 33, "prefix", "“文号前缀”最多32个字符"),
        ("罚决", "东市\x07监罚", "prefix", "“文号前缀”不能包含控制字符"),
    ],
)
def test_a_bad_format_is_refused_and_nothing_is_written(agencies, east_admin, kind, prefix, field, message):
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        create(east_admin, agencies["east_market"], kind=kind, prefix=prefix)
    assert exc.value.message_dict == {field: [message]}
    assert snapshot() == before


def test_one_format_per_agency_and_kind(agencies, east_admin):
    create(east_admin, agencies["east_market"])
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        create(east_admin, agencies["east_market"], prefix="另一前缀")
    message = "“文书种类”行政处罚决定书在东区市场监督管理局已有文号格式，请修改该条"
    assert exc.value.message_dict == {"kind": [message]}
    assert snapshot() == before


def test_another_regions_admin_neither_sees_nor_changes_a_format(client, agencies, east_admin, west_admin):
    number_format = create(east_admin, agencies["east_market"])
    client.force_login(west_admin)  # the login is an audit entry of its own
    before = snapshot()
    with pytest.raises(Http404):
        create(west_admin, agencies["east_market"], kind=NumberKind.REGISTER)
    with pytest.raises(Http404):
        number_formats.number_format_delete(actor=west_admin, number_format=number_format)
    assert "<td>东区市场监督管理局</td>" not in html(client.get("/org/number-formats/"))
    assert client.get(f"/org/number-formats/{number_format.pk}/edit/").status_code == 404
    assert client.post(f"/org/number-formats/{number_format.pk}/delete/").status_code == 404
    assert client.delete(f"/api/number-formats/{number_format.pk}").status_code == 404
    api = client.put(
        f"/api/number-formats/{number_format.pk}",
        {"kind": "罚决", "prefix": "西"},
        content_type="application/json",
    )
    assert api.status_code == 404
    assert snapshot() == before


def test_the_pages_list_add_edit_and_delete(client, agencies, east_admin, django_assert_max_num_queries):
    agency = agencies["east_market"]
    client.force_login(east_admin)
    form = html(client.get("/org/number-formats/new/"))
    assert '<option value="罚决">行政处罚决定书</option>' in form
    assert "西县市场监督管理局" not in form
    data = {"agency": agency.pk, "kind": "罚决", "prefix": "东市监罚"}
    assert client.post("/org/number-formats/new/", data).status_code == 302
    refused = client.post("/org/number-formats/new/", {**data, "prefix": "另一前缀"})
    message = "“文书种类”行政处罚决定书在东区市场监督管理局已有文号格式，请修改该条"
    assert refused.context["form"].errors == {"kind": [message]}
    number_format = NumberFormat.objects.get()
    create(east_admin, agency, kind=NumberKind.REGISTER, prefix="东市监立")
    with django_assert_max_num_queries(13):  # 12, and the top bar's unread-message count
        page = html(client.get("/org/number-formats/"))
    row = "<td>东区市场监督管理局</td><td>行政处罚决定书</td><td>东市监罚</td><td>东市监罚〔"
    assert row in page and "东市监立" in page
    client.post(f"/org/number-formats/{number_format.pk}/edit/", {"kind": "罚决", "prefix": "东监罚"})
    number_format.refresh_from_db()
    assert number_format.prefix == "东监罚"
    assert "确认删除" in html(client.get(f"/org/number-formats/{number_format.pk}/delete/"))
    assert client.post(f"/org/number-formats/{number_format.pk}/delete/").status_code == 302
    assert list(NumberFormat.objects.values_list("kind", flat=True)) == ["立"]
    actions = list(Record.objects.order_by("seq").values_list("action", flat=True))
    assert actions == [
        "number_format.create",
        "number_format.create",
        "number_format.update",
        "number_format.delete",
    ]


def test_an_officer_has_no_format_pages(client, officer):
    client.force_login(officer)
    assert client.get("/org/number-formats/").status_code == 403
    assert client.get("/org/number-formats/new/").status_code == 403


def test_the_api_creates_lists_updates_and_refuses_alike(client, agencies, east_admin):
    agency = agencies["east_market"]
    client.force_login(east_admin)
    body = {"agency_id": agency.pk, "kind": "罚决", "prefix": "东市监罚"}
    created = client.post("/api/number-formats", body, content_type="application/json")
    assert created.status_code == 201
    assert created.json() == {
        "id": NumberFormat.objects.get().pk,
        "agency_id": agency.pk,
        "agency_name": "东区市场监督管理局",
        "kind": "罚决",
        "prefix": "东市监罚",
    }
    before = snapshot()
    again = client.post("/api/number-formats", body, content_type="application/json")
    assert again.status_code == 422
    assert again.json()["detail"] == [
        {
            "loc": ["body", "kind"],
            "msg": "“文书种类”行政处罚决定书在东区市场监督管理局已有文号格式，请修改该条",
        }
    ]
    assert snapshot() == before
    listed = client.get(f"/api/number-formats?agency_id={agency.pk}").json()
    assert [(item["kind"], item["prefix"]) for item in listed["items"]] == [("罚决", "东市监罚")]
    url = f"/api/number-formats/{created.json()['id']}"
    updated = client.put(url, {"kind": "罚决", "prefix": "东监罚"}, content_type="application/json")
    assert updated.status_code == 200 and updated.json()["prefix"] == "东监罚"
    assert client.delete(url).status_code == 204
    assert not NumberFormat.objects.exists()
