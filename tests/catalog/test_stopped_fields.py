"""A 停用 执法领域 in the catalogue: a new item may not name it, nor may an edit move an item to it — through
the service, the page, the API and the Excel import alike, refused by the field's name with nothing
written; an item that already names it keeps it through its edits (registry.services.refuse_stopped_fields)."""

from functools import partial
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from tests import helpers
from tests.catalog.conftest import FOOD_BASIS, item_fields
from tests.helpers import Api, errors
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import excel, services
from zhifa.catalog.forms.versions import ItemForm
from zhifa.catalog.models import CatalogVersion, EnforcementItem, LegalBasis
from zhifa.core.xlsx_import import RowError
from zhifa.registry.models import EnforcementField

pytestmark = pytest.mark.django_db

STOPPED = "执法领域“城市管理”已停用，不能用于新的执法事项"
URBAN_CODE = "CGZF-CF-001"
ITEM_ROW = {
    "事项编码": "SCJG-CF-002",
    "事项名称": "未按规定公示食品经营许可证",
    "权力类别": "行政处罚",
    "执法领域": "市场监管",
    "行使层级": "县级",
    "法律法规名称": "中华人民共和国食品安全法",
    "位阶": "法律",
    "条款": "第一百二十六条",
    "条文内容": "……处五千元以上五万元以下罚款……",
}

filled = partial(helpers.filled, excel)


class Writes(helpers.Writes):
    counted = (CatalogVersion, EnforcementItem, LegalBasis)


@pytest.fixture
def head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def urban_item(draft):
    """An item on 城市管理, entered before the field was stopped."""
    return services.item_create(
        actor=None,
        draft=draft,
        code=URBAN_CODE,
        legal_bases=[FOOD_BASIS],
        **item_fields(name="占道经营", field=EnforcementField.objects.get(code="urban")),
    )


@pytest.fixture
def stopped(urban_item, food_item):
    EnforcementField.objects.filter(code="urban").update(active=False)
    return EnforcementField.objects.get(code="urban")


def item_form(field: EnforcementField, **overrides) -> dict:
    """A complete POST of the item form with one legal basis."""
    return {
        "code": "CGZF-CF-002",
        "name": "擅自设置户外广告",
        "category": "penalty",
        "field": field.pk,
        "level": "county",
        "implementing_body": "",
        "bases-TOTAL_FORMS": "1",
        "bases-INITIAL_FORMS": "0",
        "bases-0-law_name": FOOD_BASIS.law_name,
        "bases-0-rank": FOOD_BASIS.rank,
        "bases-0-article": FOOD_BASIS.article,
        "bases-0-text": FOOD_BASIS.text,
        **overrides,
    }


def item_json(field: str, **overrides) -> dict:
    basis = {"law_name": FOOD_BASIS.law_name, "rank": "law", "article": "第一条", "text": "……"}
    return {"name": "擅自设置户外广告", "category": "penalty", "field": field, "level": "county"} | {
        "legal_bases": [basis],
        **overrides,
    }


# ---- the service -------------------------------------------------------------------------------------


def test_a_new_item_may_not_name_a_stopped_field(draft, stopped, head):
    writes = Writes()
    with pytest.raises(ValidationError) as refused:
        services.item_create(
            actor=head,
            draft=draft,
            code="CGZF-CF-002",
            legal_bases=[FOOD_BASIS],
            **item_fields(field=stopped),
        )
    assert refused.value.message_dict == {"field": [STOPPED]}
    with pytest.raises(ValidationError) as through_save:  # item_save of a code the draft does not have
        services.item_save(
            actor=head,
            draft=draft,
            code="CGZF-CF-002",
            legal_bases=[FOOD_BASIS],
            **item_fields(field=stopped),
        )
    assert through_save.value.message_dict == {"field": [STOPPED]}
    assert writes.none


def test_an_item_may_not_move_to_a_stopped_field(draft, stopped, head, food_item):
    writes = Writes()
    with pytest.raises(ValidationError) as refused:
        services.item_save(
            actor=head,
            draft=draft,
            code=food_item.code,
            legal_bases=[FOOD_BASIS],
            **item_fields(field=stopped),
        )
    assert refused.value.message_dict == {"field": [STOPPED]}
    assert writes.none
    food_item.refresh_from_db()
    assert food_item.field_id == "market"


def test_an_item_keeps_its_stopped_field_through_an_edit_and_may_leave_it(draft, stopped, head, urban_item):
    kept = services.item_save(
        actor=head,
        draft=draft,
        code=URBAN_CODE,
        legal_bases=[FOOD_BASIS],
        **item_fields(name="占道经营（修订）", field=stopped),
    )
    assert (kept.pk, kept.name, kept.field_id) == (urban_item.pk, "占道经营（修订）", "urban")
    moved = services.item_save(
        actor=head, draft=draft, code=URBAN_CODE, legal_bases=[FOOD_BASIS], **item_fields(name="占道经营")
    )
    assert moved.field_id == "market"
    with pytest.raises(ValidationError) as back:  # once it left, it may not come back
        services.item_save(
            actor=head, draft=draft, code=URBAN_CODE, legal_bases=[FOOD_BASIS], **item_fields(field=stopped)
        )
    assert back.value.message_dict == {"field": [STOPPED]}


# ---- the pages ---------------------------------------------------------------------------------------


def offered(form: ItemForm) -> list[str]:
    return [label for _, label in form.fields["field"].widget.choices]


def test_the_item_form_offers_the_fields_in_use_and_the_items_own(draft, stopped, urban_item, food_item):
    new = offered(ItemForm(agency=draft.agency))
    assert new[:4] == ["请选择", "农业农村", "商务", "文化市场"] and "城市管理" not in new
    assert "城市管理" not in offered(ItemForm(agency=draft.agency, item=food_item))
    assert "城市管理" in offered(ItemForm(agency=draft.agency, item=urban_item))


def test_the_pages_refuse_a_stopped_field_and_keep_an_items_own(client, head, draft, stopped, urban_item):
    client.force_login(head)
    blank = client.get(f"/catalog/versions/{draft.pk}/items/new/").content.decode()
    assert '<option value="market">' in blank and 'value="urban"' not in blank
    own = client.get(f"/catalog/items/{urban_item.pk}/edit/").content.decode()
    assert '<option value="urban" selected>城市管理</option>' in own
    writes = Writes()
    created = client.post(f"/catalog/versions/{draft.pk}/items/new/", item_form(stopped))
    assert created.status_code == 200 and created.context["form"].errors == {"field": [STOPPED]}
    food = EnforcementItem.objects.get(version=draft, code="SCJG-CF-001")
    moved = client.post(f"/catalog/items/{food.pk}/edit/", item_form(stopped, name=food.name))
    assert moved.status_code == 200 and moved.context["form"].errors == {"field": [STOPPED]}
    assert writes.none
    kept = client.post(f"/catalog/items/{urban_item.pk}/edit/", item_form(stopped, name="占道经营（修订）"))
    assert (kept.status_code, kept["Location"]) == (302, f"/catalog/items/{urban_item.pk}/")
    urban_item.refresh_from_db()
    assert (urban_item.name, urban_item.field_id) == ("占道经营（修订）", "urban")


# ---- the API -----------------------------------------------------------------------------------------


def test_the_api_refuses_a_stopped_field_and_keeps_an_items_own(client, head, draft, stopped):
    api = Api(client, "/api/catalog").login(head)
    writes = Writes()
    created = api.post(f"/drafts/{draft.pk}/items", item_json("urban", code="CGZF-CF-002"))
    assert created.status_code == 422 and created.json()["detail"] == [
        {"loc": ["body", "field"], "msg": STOPPED}
    ]
    assert errors(api.put(f"/drafts/{draft.pk}/items/CGZF-CF-002", item_json("urban"))) == {"field": STOPPED}
    assert errors(api.put(f"/drafts/{draft.pk}/items/SCJG-CF-001", item_json("urban"))) == {"field": STOPPED}
    assert writes.none
    kept = api.put(f"/drafts/{draft.pk}/items/{URBAN_CODE}", item_json("urban", name="占道经营（修订）"))
    assert kept.status_code == 200 and (kept.json()["name"], kept.json()["field"]) == (
        "占道经营（修订）",
        "urban",
    )


# ---- the Excel import ----------------------------------------------------------------------------------


def test_the_import_reports_the_row_and_column_and_imports_nothing(head, draft, stopped):
    writes = Writes()
    rows = (ITEM_ROW, {**ITEM_ROW, "事项编码": "CGZF-CF-002", "执法领域": "城市管理"})
    result = excel.import_xlsx(actor=head, agency=draft.agency, kind="items", file=filled("items", *rows))
    assert (result.created, result.errors) == (0, [RowError(3, "执法领域", STOPPED)])
    assert writes.none


def test_the_template_lists_only_the_fields_in_use(head, draft, stopped):
    notes = load_workbook(BytesIO(excel.template_bytes("items")))[excel.INSTRUCTIONS_SHEET]
    text = " ".join(str(value) for row in notes.iter_rows(values_only=True) for value in row if value)
    assert "市场监管" in text and "城市管理" not in text
    result = excel.import_xlsx(
        actor=head, agency=draft.agency, kind="items", file=filled("items", {**ITEM_ROW, "执法领域": "城管"})
    )
    (error,) = result.errors
    assert error.message.startswith("没有名为“城管”的执法领域；可填写：农业农村、商务、文化市场")
    assert "城市管理" not in error.message
