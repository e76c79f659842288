"""数据交换 fixtures: a province (980000) with one county (980100); in the county a 市场监督管理局 registered as a
执法主体 with two officers (one certified), and the county's 司法局 with its supervisor; a neighbour county's
司法局 supervisor (the outsider); all made through the services, so the record log holds their history."""

from datetime import date

import pytest

from tests.factories import AgencyFactory, RegionFactory, UserFactory, field, valid_id_number
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.core.choices import AgencyKind, RegionLevel
from zhifa.core.validators import credit_code_with_check
from zhifa.exchange.models import Batch, ChainHead, Collected, Conflict
from zhifa.registry import services as registry
from zhifa.registry.choices import CertificateKind, LegalStanding

MARKET = credit_code_with_check("11980100MB0000011")
BUREAU = credit_code_with_check("11980100MB0000021")
PROVINCE = credit_code_with_check("11980000MB0000031")
NEIGHBOUR = credit_code_with_check("11980200MB0000041")


class ExchangeWrites(Writes):
    counted = (Batch, Collected, Conflict, ChainHead)


@pytest.fixture
def world(db, settings):
    settings.ZHIFA_EXCHANGE_INSTANCE = "ZF980000"
    province = RegionFactory(code="980000", name="测试省", level=RegionLevel.PROVINCE)
    county = RegionFactory(code="980100", name="东区", parent=province)
    other = RegionFactory(code="980200", name="西区", parent=province)
    top = AgencyFactory(name="测试省司法厅", credit_code=PROVINCE, kind=AgencyKind.JUSTICE, region=province)
    market = AgencyFactory(name="东区市场监督管理局", credit_code=MARKET, region=county)
    bureau = AgencyFactory(name="东区司法局", credit_code=BUREAU, kind=AgencyKind.JUSTICE, region=county)
    neighbour = AgencyFactory(name="西区司法局", credit_code=NEIGHBOUR, kind=AgencyKind.JUSTICE, region=other)
    registry.body_register(actor=None, agency=market, standing=LegalStanding.STATUTORY, on=date(2026, 1, 5))
    zhang = registry.officer_create(
        actor=None, agency=market, name="张伟", id_number=valid_id_number(1), post="执法岗", fields=[field()]
    )
    wang = registry.officer_create(
        actor=None, agency=market, name="王芳", id_number=valid_id_number(2), kind="auxiliary"
    )
    registry.certificate_issue(
        actor=None, officer=zhang, number="JZ00000001", kind=CertificateKind.ENFORCEMENT, issuer="东区司法局",
        issued_on=date(2026, 1, 6), expires_on=date(2031, 1, 5), fields=[field()],
    )  # fmt: skip
    return {
        "top": top,
        "market": market,
        "wang": f"{MARKET}:RY{wang.pk}",  # 执法辅助人员 hold no 执法证: keyed on the agency and our number
        "bureau": bureau,
        "admin": UserFactory(username="sysadmin", agency=top, roles=[RoleCode.SYSTEM_ADMIN]),
        "supervisor": UserFactory(username="dq_jd", agency=bureau, roles=[RoleCode.SUPERVISOR]),
        "outsider": UserFactory(username="xq_jd", agency=neighbour, roles=[RoleCode.SUPERVISOR]),
        "officer": UserFactory(username="dq_zf", agency=market, roles=[RoleCode.OFFICER]),
    }
