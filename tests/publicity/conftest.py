from datetime import date
from decimal import Decimal

import pytest

from tests.cases.conftest import catalogue, handler_user, intake, officers  # noqa: F401
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services as cases
from zhifa.core.validators import credit_code_with_check, id_number_with_check
from zhifa.publicity import services
from zhifa.publicity.choices import SubjectKind

DECIDED_ON = date(2026, 3, 2)  # a Monday
PERSON_ID = id_number_with_check("11010119900101123")
CREDIT_CODE = credit_code_with_check("91110101MA0000001")


@pytest.fixture
def reviewer(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER)


@pytest.fixture
def west_reviewer(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.LEGAL_REVIEWER)


@pytest.fixture
def simple_decision(agencies, catalogue, handler_user, officers):  # noqa: F811
    """Decide a 简易程序 penalty on a natural person whose facts quote his ID number and phone."""

    def decide(name="王小明", fine="200", facts=None):
        party = cases.PartyInput(
            kind="person", name=name, id_number=PERSON_ID, address="东区幸福路8号", phone="13912345678"
        )
        facts = (
            facts
            if facts is not None
            else f"{name}（身份证{PERSON_ID}，电话13912345678）在东区幸福路8号销售过期食品"
        )
        return cases.case_simple(
            actor=handler_user,
            agency=agencies["east_market"],
            data=intake(codes=("SCJG-CF-004",), party=party, facts=facts),
            handlers=[(officers[0], "lead"), (officers[1], "co")],
            decision=cases.DecisionInput(
                kind="penalty", decided_on=DECIDED_ON, reasoning="", fine=Decimal(fine)
            ),
            recipient=name,
        )

    return decide


def register(agency, actor=None, **overrides):
    data = {
        "kind": "licence",
        "number": "东市监许〔2026〕1号",
        "subject_kind": SubjectKind.ORGANISATION,
        "subject_name": "东区味美餐饮有限公司",
        "credit_code": CREDIT_CODE,
        "items": "食品经营许可",
        "conclusion": "准予许可",
        "summary": "申请材料齐全，符合法定形式，准予食品经营许可。",
        "decided_on": DECIDED_ON,
        **overrides,
    }
    return services.disclosure_register(actor=actor, agency=agency, data=services.RegisterInput(**data))


def published(agency, actor=None, **overrides):
    return services.disclosure_publish(actor=actor, disclosure=register(agency, actor, **overrides))


@pytest.fixture
def entry(agencies):
    return published(agencies["east_market"])
