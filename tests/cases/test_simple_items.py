"""简易程序 only for 行政处罚 items whose measures include 警告 or 罚款 within the limits of 行政处罚法 第五十一条
(issue 20, item 4). Reproduction: a 食品经营许可 item produced a 当场处罚 decision, and 检查 and 强制 items
were offered in the picker. Each refusal is checked at the service, the page and the API, with nothing
written; the picker (page and API) lists exactly the eligible items."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.cases.conftest import SIMPLE_CODES, intake
from tests.cases.test_api import Api, errors
from tests.catalog.conftest import item_fields
from tests.helpers import Writes
from zhifa.cases import rules, services
from zhifa.cases.models import Case, CaseHandler, Decision, Service
from zhifa.catalog import services as catalog
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.catalog.services import BasisInput, LevelInput
from zhifa.core.models import NumberSequence
from zhifa.core.validators import credit_code_with_check

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 2)
LICENCE = "事项SCJG-XK-001（食品经营许可）属于行政许可事项，不是行政处罚事项，不能适用简易程序当场处罚"
COERCION = (
    "事项SCJG-QZ-001（查封、扣押不符合食品安全标准的食品）属于行政强制事项，不是行政处罚事项，"
    "不能适用简易程序当场处罚"
)
FOOD = "事项SCJG-CF-001（销售不符合食品安全标准的食品）的法定罚款下限为¥50,000.00，超过简易程序对{who}的限额，且不能给予警告，请适用普通程序"
NO_WARNING = (
    "事项SCJG-CF-004（未将营业执照置于住所或者主要经营场所醒目位置）的处罚种类不含警告，不能当场给予警告"
)
BELOW_FLOOR = (
    "罚款¥20.00低于事项SCJG-CF-003（食品摊贩未按规定公示登记卡）的法定罚款下限¥50.00，请适用普通程序"
)


class Nothing(Writes):
    counted = (Case, Decision, Service, CaseHandler, NumberSequence)


def simple(agencies, actor, officers, code, *, warning=False, fine=None, kind="organisation"):
    party = (
        services.PartyInput(kind="person", name="王某", id_number="11010519491231002X")
        if kind == "person"
        else intake().party
    )
    return services.case_simple(
        actor=actor,
        agency=agencies["east_market"],
        data=intake(codes=(code,), party=party),
        handlers=[(officers[0], "lead"), (officers[1], "co")],
        decision=services.DecisionInput(
            kind="penalty",
            decided_on=ON,
            reasoning="",
            measures=(PenaltyMeasure.WARNING,) if warning else (),
            fine=None if fine is None else Decimal(fine),
        ),
        recipient="王某",
    )


# ---- the service -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "options", "expected"),
    [
        pytest.param("SCJG-XK-001", {"fine": "200"}, {"item_codes": [LICENCE]}, id="licence"),
        pytest.param("SCJG-QZ-001", {"warning": True}, {"item_codes": [COERCION]}, id="coercion"),
        pytest.param(
            "SCJG-CF-001",
            {"fine": "200", "kind": "person"},
            {"item_codes": [FOOD.format(who="自然人¥200.00")]},
            id="fine-floor-person",
        ),
        pytest.param(
            "SCJG-CF-001",
            {"fine": "3000"},
            {"item_codes": [FOOD.format(who="法人或其他组织¥3,000.00")]},
            id="fine-floor-organisation",
        ),
        pytest.param("SCJG-CF-004", {"warning": True}, {"warning": [NO_WARNING]}, id="no-warning"),
        pytest.param("SCJG-CF-003", {"fine": "20"}, {"fine": [BELOW_FLOOR]}, id="below-floor"),
    ],
)
def test_the_service_refuses_items_the_simple_procedure_may_not_decide(
    agencies, catalogue, handler_user, officers, code, options, expected
):
    writes = Nothing()
    with pytest.raises(ValidationError) as exc:
        simple(agencies, handler_user, officers, code, **options)
    assert exc.value.message_dict == expected
    assert writes.none


@pytest.mark.parametrize(
    ("code", "options", "warning", "fine"),
    [
        ("SCJG-CF-003", {"warning": True}, True, None),
        ("SCJG-CF-003", {"fine": "50", "kind": "person"}, False, Decimal(50)),
        ("SCJG-CF-004", {"fine": "3000"}, False, Decimal(3000)),
        ("SCJG-CF-004", {"fine": "1", "kind": "person"}, False, Decimal(1)),
    ],
)
def test_the_service_decides_eligible_items_on_the_spot(
    agencies, catalogue, handler_user, officers, code, options, warning, fine
):
    case = simple(agencies, handler_user, officers, code, **options)
    assert [item.code for item in case.items.all()] == [code]
    assert (case.status, PenaltyMeasure.WARNING in case.decision.measures, case.decision.fine) == (
        "served",
        warning,
        fine,
    )


# ---- the rule on items of a draft: measures read from the legal bases and the benchmark ---------------

REVOKE_ONLY = BasisInput(
    law_name="中华人民共和国食品安全法",
    rank="law",
    article="第一百三十五条第一款",
    text="被吊销许可证的食品生产经营者及其法定代表人……五年内不得申请食品生产经营许可……",
)
FLOOR_1000 = BasisInput(
    law_name="江州市集贸市场管理条例",
    rank="local_regulation",
    article="第三十条",
    text="违反本条例第十二条规定的，由市场监督管理部门责令改正，处一千元以上一万元以下罚款。",
    fine_basis="amount",
    statutory_min=Decimal(1000),
    statutory_max=Decimal(10000),
)


def test_the_rule_reads_the_measures_and_the_limit_per_party(agencies):
    draft = catalog.draft_open(actor=None, agency=agencies["east_market"])
    revoke = catalog.item_create(
        actor=None, draft=draft, code="SCJG-CF-101", legal_bases=[REVOKE_ONLY], **item_fields(name="吊销")
    )
    catalog.benchmark_set(
        actor=None,
        item=revoke,
        legal_basis=revoke.legal_bases.get(),
        levels=[LevelInput("grave", "情节严重的", revoke=True)],
    )
    floor = catalog.item_create(
        actor=None, draft=draft, code="SCJG-CF-102", legal_bases=[FLOOR_1000], **item_fields(name="集贸")
    )
    assert (
        rules.simple_item_refusal(revoke)
        == "事项SCJG-CF-101（吊销）的处罚种类不含警告或罚款，不能适用简易程序当场处罚"
    )
    # a fine from 1000 yuan fits the 3000 yuan of an organisation, not the 200 of a person
    assert rules.simple_item_refusal(floor) == ""
    assert rules.simple_item_refusal(floor, "organisation") == ""
    assert rules.simple_item_refusal(floor, "person") == (
        "事项SCJG-CF-102（集贸）的法定罚款下限为¥1,000.00，超过简易程序对自然人¥200.00的限额，且不能给予警告，请适用普通程序"
    )


def test_a_fine_on_an_item_that_provides_only_a_warning_is_refused(agencies):
    draft = catalog.draft_open(actor=None, agency=agencies["east_market"])
    warn = catalog.item_create(
        actor=None, draft=draft, code="SCJG-CF-103", legal_bases=[REVOKE_ONLY], **item_fields(name="警告")
    )
    catalog.benchmark_set(
        actor=None,
        item=warn,
        legal_basis=warn.legal_bases.get(),
        levels=[LevelInput("minor", "情节轻微的", warning=True)],
    )
    assert rules.simple_item_refusal(warn, "person") == ""
    rules.require_simple_items([warn], "person", True, None)
    with pytest.raises(ValidationError) as exc:
        rules.require_simple_items([warn], "person", False, Decimal(100))
    assert exc.value.message_dict == {"fine": ["事项SCJG-CF-103（警告）的处罚种类不含罚款，不能当场处以罚款"]}


# ---- the picker --------------------------------------------------------------------------------------


def test_the_picker_lists_exactly_the_eligible_items_on_page_and_api(client, catalogue, handler_user):
    assert sorted(catalogue.items.values_list("code", flat=True)) == [
        "SCJG-CF-001",
        "SCJG-CF-003",
        "SCJG-CF-004",
        "SCJG-QZ-001",
        "SCJG-XK-001",
    ]
    client.force_login(handler_user)
    form = client.get("/cases/simple/new/").context["form"]
    assert [code for code, _ in form.fields["item_code"].choices] == ["", *SIMPLE_CODES]
    response = Api(client).get("/simple/items", on="2026-03-02")
    assert response.status_code == 200
    assert response.json() == [
        {"code": "SCJG-CF-003", "name": "食品摊贩未按规定公示登记卡"},
        {"code": "SCJG-CF-004", "name": "未将营业执照置于住所或者主要经营场所醒目位置"},
    ]
    assert Api(client).get("/simple/items", on="2025-12-31").json() == []  # no list in force yet


def test_the_picker_api_of_another_agency_is_a_404(client, catalogue, agencies, make_user):
    from zhifa.accounts.choices import RoleCode

    west = make_user(agencies["west_market"], RoleCode.OFFICER)
    response = Api(client).login(west).get("/simple/items", agency_id=agencies["east_market"].pk)
    assert response.status_code == 404


# ---- a forged post through the page and the API --------------------------------------------------------

PAGE = {
    "summary": "未经许可经营",
    "place": "东区人民路5号",
    "decided_on": "2026-03-02",
    "party_kind": "organisation",
    "party_name": "东区味美餐饮有限公司",
    "party_credit_code": credit_code_with_check("91110101MA0000001"),
    "recipient": "王某",
}


@pytest.mark.parametrize(
    ("code", "options", "field", "message"),
    [
        ("SCJG-XK-001", {"fine": "200"}, "item_codes", LICENCE),
        ("SCJG-QZ-001", {"warning": True}, "item_codes", COERCION),
        ("SCJG-CF-001", {"fine": "3000"}, "item_codes", FOOD.format(who="法人或其他组织¥3,000.00")),
        ("SCJG-CF-004", {"warning": True}, "warning", NO_WARNING),
    ],
)
def test_a_forged_item_is_refused_on_page_and_api(
    client, catalogue, handler_user, officers, code, options, field, message
):
    client.force_login(handler_user)
    writes = Nothing()
    page = client.post(
        "/cases/simple/new/",
        {**PAGE, "item_code": code, "lead": officers[0].pk, "co": officers[1].pk, **options},
    )
    page_field = {"item_codes": "item_code"}.get(field, field)
    assert page.status_code == 200
    assert page.context["form"].errors[page_field] == [message]
    api = Api(client).post(
        "/simple",
        {
            "summary": PAGE["summary"],
            "place": PAGE["place"],
            "item_code": code,
            "party": {
                "kind": "organisation",
                "name": PAGE["party_name"],
                "credit_code": PAGE["party_credit_code"],
            },
            "handler_ids": [officers[0].pk, officers[1].pk],
            "decided_on": "2026-03-02",
            **options,
        },
    )
    assert errors(api) == {field: message}
    assert writes.none
