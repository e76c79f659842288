"""registry.selectors.officer_refusal / acting_refusal: the one rule behind every enforcement act (issue 20
item 1) — each certificate problem in words, on the day asked."""

from datetime import date

import pytest

from tests.factories import CertificateFactory, OfficerFactory, UserFactory
from zhifa.accounts.choices import RoleCode
from zhifa.registry import selectors
from zhifa.registry.choices import CertificateStatus, PersonKind, PersonStatus

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 2)


@pytest.fixture
def officer(agencies):
    return OfficerFactory(agency=agencies["east_market"], name="张伟")


def refusal(officer, fields=("market",), on=ON):
    return selectors.officer_refusal(officer, "", list(fields), on=on)


def test_a_valid_certificate_of_the_field(officer):
    CertificateFactory(officer=officer, issued_on=date(2025, 1, 1), expires_on=date(2030, 1, 1))
    assert refusal(officer) is None
    assert refusal(officer, fields=()) is None  # any field
    assert refusal(officer, fields=("market", "ecology")) == "张伟没有有效的行政执法证件（生态环境领域）"


def test_the_first_and_last_day_of_the_term(officer):
    CertificateFactory(officer=officer, number="JZ20250001", issued_on=ON, expires_on=date(2031, 3, 2))
    assert refusal(officer, on=ON) is None and refusal(officer, on=date(2031, 3, 2)) is None
    assert refusal(officer, on=date(2026, 3, 1)) == (
        "张伟的行政执法证件JZ20250001（市场监管领域）于2026年3月2日核发，2026年3月1日尚未取得"
    )
    assert refusal(officer, on=date(2031, 3, 3)) == (
        "张伟的行政执法证件JZ20250001（市场监管领域）已于2031年3月2日过期，2031年3月3日无效"
    )


def test_revoked_and_none(officer):
    assert refusal(officer) == "张伟没有有效的行政执法证件（市场监管领域）"
    assert refusal(officer, fields=()) == "张伟没有有效的行政执法证件"
    CertificateFactory(officer=officer, number="JZ20250002", status=CertificateStatus.REVOKED)
    assert refusal(officer) == "张伟的行政执法证件JZ20250002（市场监管领域）已被吊销"


def test_suspended_person_and_auxiliary(agencies, officer):
    CertificateFactory(officer=officer)
    officer.status = PersonStatus.SUSPENDED
    officer.save(update_fields=["status"])
    assert refusal(officer) == "张伟当前为“暂停执法”，不得从事执法活动"
    helper = OfficerFactory(agency=agencies["east_market"], name="王芳", kind=PersonKind.AUXILIARY)
    assert refusal(helper) == "王芳是行政执法辅助人员，没有有效的行政执法证件（市场监管领域）"


def test_acting_refusal_reads_the_account(agencies, officer):
    user = UserFactory(agency=agencies["east_market"], roles=[RoleCode.OFFICER], real_name="张三")
    assert selectors.acting_refusal(user, ["market"], on=ON, act="作出决定") == (
        "张三没有有效的行政执法证件（市场监管领域），不能作出决定"
    )
    officer.user = user
    officer.save(update_fields=["user"])
    CertificateFactory(officer=officer, issued_on=date(2025, 1, 1), expires_on=date(2030, 1, 1))
    assert selectors.acting_refusal(user, ["market"], on=ON, act="作出决定") is None
    assert selectors.acting_refusal(None, ["market"], on=ON) is None  # the system
