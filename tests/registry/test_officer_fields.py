"""A 停用 执法领域 and an officer's own fields: a new officer is given none, nor may an edit add one —
through the service, the page, the API and the Excel import alike, refused by the field's name with
nothing written; an officer who already has it keeps it through its edits, and may drop it
(registry.services.refuse_stopped_fields)."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from tests.factories import OfficerFactory, valid_id_number
from tests.helpers import Api, errors, filled
from tests.registry.test_parity import officer_door
from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record
from zhifa.registry import excel, services
from zhifa.registry.excel import RowError
from zhifa.registry.forms import OfficerForm
from zhifa.registry.models import EnforcementField, Officer

pytestmark = pytest.mark.django_db

STOPPED = "执法领域“城市管理”已停用，不能再分配给执法人员"
OFFICER_ROW = {
    "姓名": "王小明",
    "身份证号码": valid_id_number(901),
    "人员类别": "行政执法人员",
    "岗位": "执法一队",
    "执法领域": "市场监管",
}


@pytest.fixture
def head(agencies, make_user):
    """东区市场监督管理局's unit head: manages its officers."""
    return make_user(agencies["east_market"], RoleCode.UNIT_HEAD, username="east_head")


@pytest.fixture
def veteran(agencies):
    """张伟, on 市场监管 and 城市管理 since before 城市管理 was stopped."""
    return OfficerFactory(agency=agencies["east_market"], name="张伟", fields=["market", "urban"])


@pytest.fixture
def plain(agencies):
    """李娜, on 市场监管 only."""
    return OfficerFactory(agency=agencies["east_market"], name="李娜", fields=["market"])


@pytest.fixture
def stopped(veteran, plain):
    EnforcementField.objects.filter(code="urban").update(active=False)
    return EnforcementField.objects.get(code="urban")


def written() -> tuple[int, int, int]:
    """Officers, the fields they have, records."""
    return Officer.objects.count(), Officer.fields.through.objects.count(), Record.objects.count()


def codes(officer: Officer) -> list[str]:
    return sorted(officer.fields.values_list("code", flat=True))


# ---- the service -------------------------------------------------------------------------------------


def test_a_new_officer_is_given_no_stopped_field(agencies, head, stopped):
    before = written()
    with pytest.raises(ValidationError) as refused:
        services.officer_create(
            actor=head,
            agency=agencies["east_market"],
            name="王小明",
            id_number=valid_id_number(901),
            post="执法一队",
            fields=["market", "urban"],  # codes
        )
    assert refused.value.message_dict == {"fields": [STOPPED]}
    EnforcementField.objects.filter(code="water").update(active=False)
    with pytest.raises(ValidationError) as both:
        services.officer_create(
            actor=head,
            agency=agencies["east_market"],
            name="王小明",
            id_number=valid_id_number(901),
            post="执法一队",
            fields=list(EnforcementField.objects.filter(code__in=["water", "urban"])),
        )
    assert both.value.message_dict == {"fields": ["执法领域“城市管理、水利”已停用，不能再分配给执法人员"]}
    assert written() == before


def test_an_edit_may_not_add_a_stopped_field(head, stopped, plain):
    before = written()
    with pytest.raises(ValidationError) as refused:
        services.officer_update(actor=head, officer=plain, fields=["market", "urban"], post="执法二队")
    assert refused.value.message_dict == {"fields": [STOPPED]}
    assert written() == before
    plain.refresh_from_db()
    assert (plain.post, codes(plain)) == ("执法岗", ["market"])


def test_an_officer_keeps_a_stopped_field_through_an_edit_and_may_drop_it(head, stopped, veteran):
    services.officer_update(actor=head, officer=veteran, fields=["market", "urban"], post="执法二队")
    veteran.refresh_from_db()
    assert (veteran.post, codes(veteran)) == ("执法二队", ["market", "urban"])
    services.officer_update(actor=head, officer=veteran, post="执法三队")  # fields untouched
    assert codes(veteran) == ["market", "urban"]
    services.officer_update(actor=head, officer=veteran, fields=["market"])
    assert codes(veteran) == ["market"]
    with pytest.raises(ValidationError) as back:  # once dropped, it may not come back
        services.officer_update(actor=head, officer=veteran, fields=["market", "urban"])
    assert back.value.message_dict == {"fields": [STOPPED]}


# ---- the pages ---------------------------------------------------------------------------------------


def offered(form: OfficerForm) -> list[str]:
    return [label for _, label in form.fields["enforcement_fields"].widget.choices]


def test_the_officer_form_offers_the_fields_in_use_and_the_officers_own(head, stopped, veteran, plain):
    new = offered(OfficerForm(actor=head))
    assert new[:3] == ["农业农村", "商务", "文化市场"] and "城市管理" not in new
    assert "城市管理" not in offered(OfficerForm(actor=head, officer=plain))
    assert "城市管理" in offered(OfficerForm(actor=head, officer=veteran))


def officer_post(officer: Officer, fields: list[str], **overrides) -> dict:
    """The edit form of `officer` as posted, with `fields`."""
    return {
        "name": officer.name,
        "id_number": officer.id_number,
        "kind": officer.kind,
        "status": officer.status,
        "post": officer.post,
        "enforcement_fields": fields,
        **overrides,
    }


def test_the_pages_refuse_a_stopped_field_and_keep_an_officers_own(client, head, stopped, veteran, plain):
    client.force_login(head)
    blank = client.get("/registry/officers/new/").content.decode()
    assert 'value="market"' in blank and 'value="urban"' not in blank and "城市管理" not in blank
    own = client.get(f"/registry/officers/{veteran.pk}/edit/").content.decode()
    assert 'value="urban"' in own and "城市管理" in own
    before = written()
    door = officer_door(veteran.agency, stopped)  # a page loaded before 城市管理 was stopped
    page = client.post(door.page, {**door.good, "enforcement_fields": ["market", "urban"]})
    assert page.status_code == 200 and page.context["form"].errors == {"enforcement_fields": [STOPPED]}
    added = client.post(f"/registry/officers/{plain.pk}/edit/", officer_post(plain, ["market", "urban"]))
    assert added.status_code == 200 and added.context["form"].errors == {"enforcement_fields": [STOPPED]}
    assert written() == before
    kept = client.post(
        f"/registry/officers/{veteran.pk}/edit/", officer_post(veteran, ["market", "urban"], post="执法二队")
    )
    assert (kept.status_code, kept["Location"]) == (302, f"/registry/officers/{veteran.pk}/")
    veteran.refresh_from_db()
    assert (veteran.post, codes(veteran)) == ("执法二队", ["market", "urban"])


# ---- the API -----------------------------------------------------------------------------------------


def test_the_api_refuses_a_stopped_field_and_keeps_an_officers_own(client, head, stopped, veteran, plain):
    api = Api(client, "/api/registry").login(head)
    before = written()
    created = api.post(
        "/officers",
        {
            "agency_id": veteran.agency_id,
            "name": "王小明",
            "id_number": valid_id_number(901),
            "post": "执法一队",
            "fields": ["urban"],
        },
    )
    assert created.status_code == 422 and created.json()["detail"] == [
        {"loc": ["body", "fields"], "msg": STOPPED}
    ]
    assert errors(api.patch(f"/officers/{plain.pk}", {"fields": ["market", "urban"]})) == {"fields": STOPPED}
    assert written() == before
    kept = api.patch(f"/officers/{veteran.pk}", {"fields": ["urban", "market"], "post": "执法二队"})
    assert kept.status_code == 200 and (kept.json()["post"], sorted(kept.json()["fields"])) == (
        "执法二队",
        ["market", "urban"],
    )


# ---- the Excel import ----------------------------------------------------------------------------------


def test_the_import_reports_the_row_and_column_and_imports_nothing(head, stopped, veteran):
    before = written()
    rows = (
        OFFICER_ROW,
        {**OFFICER_ROW, "姓名": "赵六", "身份证号码": valid_id_number(902), "执法领域": "市场监管、城市管理"},
    )
    file = filled(excel, "officers", *rows)
    result = excel.import_xlsx(actor=head, agency=veteran.agency, kind="officers", file=file)
    assert (result.created, result.errors) == (0, [RowError(3, "执法领域", STOPPED)])
    assert written() == before
    done = excel.import_xlsx(
        actor=head, agency=veteran.agency, kind="officers", file=filled(excel, "officers", rows[0])
    )
    assert (done.created, done.errors) == (1, [])
    assert codes(Officer.objects.get(name="王小明")) == ["market"]


def test_the_officer_template_lists_only_the_fields_in_use(head, stopped, veteran):
    notes = load_workbook(BytesIO(excel.template_bytes("officers")))[excel.INSTRUCTIONS_SHEET]
    (rule,) = [v for row in notes.iter_rows(values_only=True) for v in row if "可选：" in str(v)]
    assert "市场监管" in rule and "城市管理" not in rule  # (the example keeps 城市管理: any officer's)
    row = {**OFFICER_ROW, "执法领域": "城管"}
    result = excel.import_xlsx(
        actor=head, agency=veteran.agency, kind="officers", file=filled(excel, "officers", row)
    )
    (error,) = result.errors
    assert error.message.startswith("没有名为“城管”的执法领域；可填写：农业农村、商务、文化市场")
    assert "城市管理" not in error.message
