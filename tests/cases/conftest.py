from datetime import date
from decimal import Decimal

import pytest

from tests.catalog.conftest import FIRST_OFFENCE, FOOD_BASIS, LEVELS, item_fields
from tests.factories import CertificateFactory, OfficerFactory
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services
from zhifa.cases.choices import HandlerRole
from zhifa.catalog import services as catalog
from zhifa.catalog.services import BasisInput, LevelInput

ON = date(2026, 3, 2)


STALL_BASIS = BasisInput(
    law_name="江州市食品摊贩管理条例",
    rank="local_regulation",
    article="第二十条",
    text="食品摊贩未按规定公示登记卡的，由县级市场监督管理部门责令改正，给予警告；拒不改正的，处五十元以上五百元以下罚款。",
    fine_basis="amount",
    statutory_min=Decimal(50),
    statutory_max=Decimal(500),
)
STALL_LEVELS = [
    LevelInput("minor", "首次发现，当场改正的", warning=True),
    LevelInput("ordinary", "拒不改正的", fine_basis="amount", fine_min=Decimal(50), fine_max=Decimal(200)),
]
DISPLAY_BASIS = BasisInput(
    law_name="中华人民共和国市场主体登记管理条例",
    rank="admin_regulation",
    article="第四十八条第一款",
    text="未将营业执照置于住所或者主要经营场所醒目位置的，由登记机关责令改正；拒不改正的，处3万元以下的罚款。",
    fine_basis="amount",
    statutory_max=Decimal(30000),
)
LICENCE_BASIS = BasisInput(
    law_name="中华人民共和国食品安全法",
    rank="law",
    article="第三十五条第一款",
    text="国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。……",
)
SIMPLE_CODES = ["SCJG-CF-003", "SCJG-CF-004"]  # the items the simple procedure may decide


def simple_items(draft) -> None:
    """A warning-or-fine item (SCJG-CF-003, with its benchmark) and a fine-only one (SCJG-CF-004)."""
    stall = catalog.item_create(
        actor=None,
        draft=draft,
        code="SCJG-CF-003",
        legal_bases=[STALL_BASIS],
        **item_fields(name="食品摊贩未按规定公示登记卡"),
    )
    catalog.benchmark_set(actor=None, item=stall, legal_basis=stall.legal_bases.get(), levels=STALL_LEVELS)
    catalog.item_create(
        actor=None,
        draft=draft,
        code="SCJG-CF-004",
        legal_bases=[DISPLAY_BASIS],
        **item_fields(name="未将营业执照置于住所或者主要经营场所醒目位置"),
    )


@pytest.fixture
def catalogue(agencies):
    """东区市场监督管理局's published list (in force from 2026-01-01): a penalty item with a benchmark
    (SCJG-CF-001, fines from 50000 yuan), two items the simple procedure may decide (SIMPLE_CODES), a
    coercive one and a licence."""
    draft = catalog.draft_open(actor=None, agency=agencies["east_market"])
    simple_items(draft)
    item = catalog.item_create(
        actor=None, draft=draft, code="SCJG-CF-001", legal_bases=[FOOD_BASIS], **item_fields()
    )
    catalog.benchmark_set(
        actor=None,
        item=item,
        legal_basis=item.legal_bases.get(),
        levels=LEVELS,
        exemptions=[FIRST_OFFENCE],
        fact_label="货值金额（元）",
    )
    catalog.item_create(
        actor=None,
        draft=draft,
        code="SCJG-QZ-001",
        legal_bases=[FOOD_BASIS],
        **item_fields(
            name="查封、扣押不符合食品安全标准的食品", category="coercion", av_steps=["seizure", "on_site"]
        ),
    )
    catalog.item_create(
        actor=None,
        draft=draft,
        code="SCJG-XK-001",
        legal_bases=[LICENCE_BASIS],
        **item_fields(name="食品经营许可", category="license"),
    )
    return catalog.version_publish(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))


@pytest.fixture
def officers(agencies):
    return [certified(agencies["east_market"], name) for name in ("张伟", "李娜")]


def link(user, officer):
    """The user's account is the officer's (Officer.user): they act as that officer."""
    officer.user = user
    officer.save(update_fields=["user"])
    return user


def certified(agency, name, **kwargs):
    officer = OfficerFactory(agency=agency, name=name, **kwargs)
    CertificateFactory(officer=officer, issued_on=date(2025, 1, 1), expires_on=date(2030, 1, 1))
    return officer


def hearing_host(agency):
    """陈静: a certified officer of the agency who handles none of the test cases — the 听证主持人
    (行政处罚法 第六十四条（四）: 非本案调查人员)."""
    from zhifa.registry.models import Officer

    return Officer.objects.filter(agency=agency, name="陈静").first() or certified(agency, "陈静")


@pytest.fixture
def handler_user(agencies, make_user, officers):
    """张伟's account: a certified officer handling the case."""
    return link(make_user(agencies["east_market"], RoleCode.OFFICER), officers[0])


@pytest.fixture
def leader(agencies, make_user):
    """刘洋's account: the certified head of the unit, who approves and decides."""
    return link(
        make_user(agencies["east_market"], RoleCode.UNIT_HEAD), certified(agencies["east_market"], "刘洋")
    )


def party(**overrides):
    return services.PartyInput(
        **{
            "kind": "organisation",
            "name": "东区味美餐饮有限公司",
            "credit_code": "91110000MA00000000"[:17] + "0",
            **overrides,
        }
    )


def intake(codes=("SCJG-CF-001",), **overrides):
    from zhifa.core.validators import credit_code_with_check

    data = {
        "source": "inspection",
        "summary": "销售不符合食品安全标准的食品",
        "discovered_on": date(2026, 3, 1),
        "place": "东区人民路1号",
        "item_codes": codes,
        "party": services.PartyInput(
            kind="organisation",
            name="东区味美餐饮有限公司",
            credit_code=credit_code_with_check("91110101MA0000001"),
        ),
        **overrides,
    }
    return services.IntakeInput(**data)


@pytest.fixture
def new_case(agencies, catalogue, handler_user, officers):
    case = services.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake())
    return services.case_assign(
        actor=handler_user,
        case=case,
        handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)],
    )


@pytest.fixture
def registered(new_case, leader):
    return services.case_register(actor=leader, case=new_case, on=ON)


# what a major penalty on the enterprise party of these tests states (cases.rules.require_economic_impact)
ECONOMIC_IMPACT = "罚款占企业年营业额约百分之二，不影响正常经营和职工就业；允许分期缴纳"


def penalty(fine="70000", decided_on=date(2026, 3, 20), **overrides):
    return services.DecisionInput(
        kind="penalty",
        decided_on=decided_on,
        reasoning="经查，当事人销售不符合食品安全标准的食品……依据《食品安全法》第一百二十四条，综合裁量……",
        fine=Decimal(fine) if fine is not None else None,
        facts={"fact_value": 3000},
        **{"economic_impact": ECONOMIC_IMPACT, **overrides},
    )
