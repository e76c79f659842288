"""Page and API refuse the same ill-formed input of the catalogue's writes alike (tests/parity.py)."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.catalog.conftest import FOOD_BASIS
from tests.factories import AgencyFactory, RegionFactory
from tests.parity import Door, check_door
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import services
from zhifa.catalog.models import (
    CatalogVersion,
    Delegation,
    DelegationEvaluation,
    EnforcementItem,
    VersionReview,
)
from zhifa.registry.models import EnforcementField

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)
COUNTED = (CatalogVersion, EnforcementItem, VersionReview, Delegation, DelegationEvaluation)
REASON = "请选择调整原因（立、改、废、释或改革）"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


BASIS = {
    "law_name": FOOD_BASIS.law_name,
    "rank": FOOD_BASIS.rank,
    "article": FOOD_BASIS.article,
    "text": FOOD_BASIS.text,
    "fine_basis": "amount",
    "statutory_min": "50000",
    "statutory_max": "100000",
}


def item_door(draft, field) -> Door:
    return Door(
        "草稿新增事项",
        "zhifa_catalog_api_create_item",
        page=f"/catalog/versions/{draft.pk}/items/new/",
        api=f"/api/catalog/drafts/{draft.pk}/items",
        good={
            "code": "SCJG-CF-009",
            "name": "销售过期食品",
            "category": "penalty",
            "field": field.pk,
            "level": "county",
            "duties": "依法查处",
            "accountability": "不依法履职的，依法追责",
            "inspection_object": "",
            "inspection_method": "",
            "service_guide": "",
            "bases-TOTAL_FORMS": "1",
            "bases-INITIAL_FORMS": "0",
            **{f"bases-0-{name}": value for name, value in BASIS.items()},
        },
        text_fields={
            "name": "事项名称",
            "duties": "责任事项",
            "accountability": "追责情形",
            "inspection_object": "抽查对象",
            "inspection_method": "抽查方式",
            "service_guide": "服务指南",
        },
        bad=[("name", "", "这个字段是必填项。")],
        to_api=lambda data: {
            **{k: v for k, v in data.items() if not k.startswith("bases-") and k != "field"},
            "field": field.code,
            "legal_bases": [BASIS],
        },
    )


def submit_door(draft) -> Door:
    return Door(
        "报送清单版本审核",
        "zhifa_catalog_api_submit",
        page=f"/catalog/versions/{draft.pk}/submit/",
        api=f"/api/catalog/drafts/{draft.pk}/submit",
        good={"reason": "initial", "reason_note": "首次编制清单", "effective_from": "2026-04-01"},
        text_fields={"reason_note": "调整说明"},
        bad=[("reason", "", REASON), ("reason", "whim", "“whim”不是有效的调整原因")],
        to_api=lambda data: {
            "reason": data["reason"],
            "note": data["reason_note"],
            "effective_from": data["effective_from"],
        },
    )


def return_door(review) -> Door:
    return Door(
        "清单退回修改",
        "zhifa_catalog_api_return_review",
        page=f"/catalog/reviews/{review.pk}/",
        api=f"/api/catalog/reviews/{review.pk}/return",
        good={"action": "return", "reason": "缺少划转文件"},
        text_fields={"reason": "退回理由"},
        bad=[("reason", "", "请填写退回理由"), ("reason", " \n", "请填写退回理由")],
        to_api=lambda data: {"reason": data["reason"]},
    )


def delegation_doors(item, township, delegation) -> list[Door]:
    return [
        Door(
            "赋权乡镇（街道）",
            "zhifa_catalog_api_create_delegation",
            page="/catalog/delegations/new/",
            api="/api/catalog/delegations",
            good={
                "from_agency": item.version.agency.pk,
                "item": item.pk,
                "to_agency": township.pk,
                "form": "decision",
                "document": "东政发〔2025〕10号",
                "on": "2025-09-30",
                "staff_transferred": "2",
                "staff_note": "随事项下沉2人",
                "training_note": "已组织业务培训",
            },
            text_fields={
                "document": "赋权文件",
                "staff_note": "人员下沉情况",
                "training_note": "业务培训情况",
            },
            bad=[
                ("document", "", "这个字段是必填项。"),
                ("staff_transferred", "-1", "确保该值大于或等于0。"),
            ],
            to_api=lambda data: {
                **{k: v for k, v in data.items() if k not in ("from_agency", "item", "to_agency")},
                "item_id": data["item"],
                "to_agency_id": data["to_agency"],
            },
        ),
        Door(
            "赋权事项评估",
            "zhifa_catalog_api_evaluate_delegation",
            page=f"/catalog/delegations/{delegation.pk}/evaluate/",
            api=f"/api/catalog/delegations/{delegation.pk}/evaluate",
            good={"on": "2026-03-02", "outcome": "keep", "findings": "承接良好"},
            text_fields={"findings": "评估意见"},
            bad=[
                ("findings", "", "请填写评估意见"),
                ("on", "2025-09-29", "评估日期不能早于赋权日期"),
            ],
        ),
    ]


def _stand_ins():
    zero = SimpleNamespace(pk=0, code="", version=SimpleNamespace(agency=SimpleNamespace(pk=0)))
    item_door(zero, zero), submit_door(zero), return_door(zero), delegation_doors(zero, zero, zero)


_stand_ins()  # the table, for tests/test_parity_table.py


@pytest.fixture
def head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def justice(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_sv")


def test_items_and_submission(client, head, draft, food_item):
    field = EnforcementField.objects.get(code="market")
    check_door(client, head, item_door(draft, field), counted=COUNTED)
    check_door(client, head, submit_door(draft), counted=COUNTED)


def test_return(client, head, justice, draft, food_item):
    version = services.version_submit(
        actor=head, draft=draft, reason="initial", reason_note="首次编制", effective_from=date(2026, 4, 1)
    )
    review = version.reviews.get(list_name="catalog")
    check_door(client, justice, return_door(review), counted=COUNTED)


def test_delegations(client, head, justice, published, city):
    region = RegionFactory(code="970102001", name="东区街道", level="township", parent=city["east"])
    township = AgencyFactory(name="东区街道办事处", kind="township", region=region)
    item = published.items.get()
    other = AgencyFactory(name="东区西街道办事处", kind="township", region=region)
    delegation = services.delegation_create(
        actor=None,
        from_agency=published.agency,
        to_agency=other,
        item=item,
        form="decision",
        document="东政发〔2025〕9号",
        on=date(2025, 9, 30),
    )
    create, evaluate = delegation_doors(item, township, delegation)
    check_door(client, head, create, counted=COUNTED)
    check_door(client, justice, evaluate, counted=COUNTED)
