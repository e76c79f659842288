from datetime import date

import pytest

from tests.catalog.conftest import FOOD_BASIS, item_fields
from tests.factories import AgencyFactory, CertificateFactory, OfficerFactory
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import services as catalog
from zhifa.core.validators import credit_code_with_check
from zhifa.inspections import services
from zhifa.inspections.choices import SubjectKind

TODAY = date(2026, 3, 2)


def random_item(draft, code, name, field_code="market", category="inspection"):
    from tests.factories import field

    return catalog.item_create(
        actor=None,
        draft=draft,
        code=code,
        legal_bases=[FOOD_BASIS],
        **item_fields(
            name=name,
            category=category,
            field=field(field_code),
            is_random_inspection=True,
            inspection_object="食品经营者",
            inspection_method="现场检查",
        ),
    )


def publish_catalogue(agency, items):
    draft = catalog.draft_open(actor=None, agency=agency)
    for args in items:
        random_item(draft, *args)
    return catalog.version_publish(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Plans, certificates and reports are dated in 2026: pin "today" so the suite does not age."""
    from django.utils import timezone

    real = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, tz=None: TODAY if value is None else real(value, tz)
    )


@pytest.fixture
def health(city):
    return AgencyFactory(name="东区卫生健康局", region=city["east"])


@pytest.fixture
def catalogues(agencies, health):
    return {
        "market": publish_catalogue(
            agencies["east_market"],
            [
                ("SCJG-JC-001", "食品经营监督检查"),
                ("SCJG-CF-001", "销售不符合食品安全标准的食品", "market", "penalty"),
            ],
        ),
        "health": publish_catalogue(health, [("WSJK-JC-001", "公共场所卫生监督检查", "health")]),
    }


def certified(agency, name, field_code="market", **kwargs):
    officer = OfficerFactory(agency=agency, name=name, fields=[field_code], **kwargs)
    CertificateFactory(
        officer=officer, fields=[field_code], issued_on=date(2025, 1, 1), expires_on=date(2030, 1, 1)
    )
    return officer


@pytest.fixture
def inspectors(agencies, make_user):
    """Four certified officers of 东区市场监督管理局; the first is the signed-in inspector."""
    user = make_user(agencies["east_market"], RoleCode.OFFICER, username="inspector")
    names = ["张伟", "李娜", "王强", "赵敏"]
    officers = [certified(agencies["east_market"], name) for name in names]
    officers[0].user = user
    officers[0].save(update_fields=["user"])
    return officers


@pytest.fixture
def inspector_user(inspectors):
    return inspectors[0].user


@pytest.fixture
def lead(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.UNIT_HEAD, username="east_lead")


@pytest.fixture
def west_lead(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.UNIT_HEAD, username="west_lead")


def enterprise(n: int) -> str:
    return credit_code_with_check(f"9197010200{n:07d}")


@pytest.fixture
def subjects(agencies, city):
    levels = ["A", "B", "C", "D"]
    return [
        services.subject_create(
            actor=None,
            agency=agencies["east_market"],
            data=services.SubjectInput(
                kind=SubjectKind.ORGANISATION,
                name=f"东区第{n}食品店",
                credit_code=enterprise(n),
                region_code=city["east"].code,
                address=f"东区人民路{n}号",
                risk_level=levels[n % 4],
            ),
        )
        for n in range(1, 41)
    ]


@pytest.fixture
def plan(agencies, catalogues, lead, subjects, inspectors):
    data = services.PlanInput(
        title="2026年食品经营双随机抽查",
        year=2026,
        items=[(agencies["east_market"], "SCJG-JC-001")],
        ends_on=date(2026, 11, 30),
        ratios={"A": "10", "B": "10", "C": "20", "D": "50"},
        frequency=3,
    )
    plan = services.plan_create(actor=lead, agency=agencies["east_market"], data=data)
    return services.plan_publish(actor=lead, plan=plan)


@pytest.fixture
def drawn(plan, lead):
    draw = services.draw_commit(actor=lead, plan=plan)
    return services.draw_run(actor=lead, draw=draw)


@pytest.fixture
def revealed(drawn, lead):
    return services.draw_reveal(actor=lead, draw=drawn)


@pytest.fixture
def task(drawn):
    return drawn.tasks.order_by("id").first()


def file_report(actor, agency, subject, on=TODAY, codes=("SCJG-JC-001",)):
    """事前报备 of an unplanned inspection (pending approval)."""
    return services.prior_report_file(
        actor=actor,
        agency=agency,
        subject=subject,
        reason="群众投诉反映",
        item_codes=list(codes),
        planned_on=on,
    )


@pytest.fixture
def inspection(agencies, drawn, inspector_user):
    """A finished inspection (未发现问题) of the first drawn task."""
    from zhifa.inspections.choices import InspectionResult

    started = services.inspection_start(
        actor=inspector_user, agency=agencies["east_market"], task=drawn.tasks.first(), on=TODAY, via_qr=True
    )
    return services.inspection_finish(
        actor=inspector_user,
        inspection=started,
        result=InspectionResult.NO_PROBLEM,
        summary="未见异常",
        on=TODAY,
    )
