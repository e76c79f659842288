"""Page and API refuse the same ill-formed input of the registry's writes alike (tests/parity.py)."""

from types import SimpleNamespace

import pytest

from tests.factories import CertificateFactory, OfficerFactory, valid_id_number
from tests.parity import Door, check_door, check_parity
from zhifa.accounts.choices import RoleCode
from zhifa.audit.models import AuditEntry
from zhifa.registry import services
from zhifa.registry.models import (
    Assessment,
    Certificate,
    EnforcementBody,
    EnforcementField,
    Officer,
    TrainingRecord,
)

pytestmark = pytest.mark.django_db

YEAR = "“年度”应为2000至2100之间的整数"
REQUIRED = "这个字段是必填项。"


def doors(officer) -> list[Door]:
    return [
        Door(
            "培训记录",
            "zhifa_registry_api_add_training",
            page=f"/registry/officers/{officer.pk}/trainings/new/",
            api=f"/api/registry/officers/{officer.pk}/trainings",
            good={
                "on": "2026-03-02",
                "hours": "8",
                "kind": "business",
                "title": "行政执法规范",
                "provider": "市司法局",
            },
            text_fields={"title": "培训名称", "provider": "组织单位"},
            bad=[
                ("title", "", REQUIRED),
                ("hours", "0", "确保该值大于或等于0.5。"),
                ("hours", "200.5", "确保该值小于或等于200。"),
            ],
        ),
        Door(
            "年度考核",
            "zhifa_registry_api_set_assessment",
            page=f"/registry/officers/{officer.pk}/assessments/new/",
            api=f"/api/registry/officers/{officer.pk}/assessments/{{year}}",
            method="put",
            good={"year": "2025", "grade": "excellent", "note": "全年无差错"},
            text_fields={"note": "评语"},
            bad=[("year", "1999", YEAR), ("year", "2101", YEAR), ("year", "-210", YEAR)],
        ),
    ]


def cases():
    sample = doors(SimpleNamespace(pk=0))  # the table only, at collection
    return [
        pytest.param(i, name, value, message, id=f"{d.name}:{vid}")
        for i, d in enumerate(sample)
        for vid, name, value, message in d.variants()
    ]


@pytest.mark.parametrize(("index", "field_name", "value", "message"), cases())
def test_page_and_api_refuse_alike(client, agencies, make_user, index, field_name, value, message):
    head = make_user(agencies["east_market"], RoleCode.UNIT_HEAD)
    officer = OfficerFactory(agency=agencies["east_market"], name="张伟")
    door = doors(officer)[index]
    check_parity(client, head, door, field_name, value, message, counted=(TrainingRecord, Assessment))


# ---- officers, certificates, bodies: one test per door, every variant in it ---------------------------


def officer_door(agency, field) -> Door:
    return Door(
        "新增执法人员",
        "zhifa_registry_api_create_officer",
        page="/registry/officers/new/",
        api="/api/registry/officers",
        good={
            "agency": agency.pk,
            "name": "王小明",
            "id_number": valid_id_number(777),
            "kind": "officer",
            "status": "active",
            "post": "执法一队",
            "enforcement_fields": [field.pk],
        },
        text_fields={"name": "姓名", "post": "岗位"},
        bad=[("name", "", REQUIRED)],
        to_api=lambda data: {
            **{k: v for k, v in data.items() if k not in ("agency", "enforcement_fields")},
            "agency_id": data["agency"],
            "fields": [field.code],
        },
    )


def test_officer_create(client, agencies, make_user):
    head = make_user(agencies["east_market"], RoleCode.UNIT_HEAD)
    field = EnforcementField.objects.order_by("code").first()
    check_door(client, head, officer_door(agencies["east_market"], field), counted=(Officer,))


def certificate_doors(officer, certificate, field) -> list[Door]:
    return [
        Door(
            "核发执法证件",
            "zhifa_registry_api_issue_certificate",
            page=f"/registry/officers/{officer.pk}/certificates/new/",
            api=f"/api/registry/officers/{officer.pk}/certificates",
            good={
                "number": "JZ20260009",
                "kind": "enforcement",
                "issuer": "江州市人民政府",
                "issued_on": "2026-01-05",
                "expires_on": "2031-01-04",
                "certificate_fields": [field.pk],
            },
            text_fields={"issuer": "发证机关"},
            bad=[("issuer", "", REQUIRED)],
            to_api=lambda data: {
                **{k: v for k, v in data.items() if k != "certificate_fields"},
                "fields": [field.code],
            },
        ),
        Door(
            "暂扣证件",
            "zhifa_registry_api_set_certificate_status",
            page=f"/registry/certificates/{certificate.pk}/status/",
            api=f"/api/registry/certificates/{certificate.pk}/status",
            good={"status": "suspended", "reason": "涉嫌违法违纪，暂停执法"},
            text_fields={"reason": "原因"},
        ),
    ]


def test_certificates(client, agencies, make_user):
    supervisor = make_user(agencies["east_justice"], RoleCode.SUPERVISOR)
    officer = OfficerFactory(agency=agencies["east_market"], name="张伟")
    certificate = CertificateFactory(officer=officer, number="JZ20250001")
    field = EnforcementField.objects.order_by("code").first()
    for door in certificate_doors(officer, certificate, field):
        check_door(client, supervisor, door, counted=(Certificate,))


def body_doors(agency, body) -> list[Door]:
    return [
        Door(
            "登记执法主体",
            "zhifa_registry_api_register_body",
            page="/registry/bodies/new/",
            api="/api/registry/bodies",
            good={"agency": agency.pk, "standing": "statutory", "name": "东区综合执法队", "on": "2026-03-02"},
            text_fields={"name": "主体名称"},
            to_api=lambda data: {
                **{k: v for k, v in data.items() if k != "agency"},
                "agency_id": data["agency"],
            },
        ),
        Door(
            "确认执法主体",
            "zhifa_registry_api_confirm_body",
            page=f"/registry/bodies/{body.pk}/confirm/",
            api=f"/api/registry/bodies/{body.pk}/confirm",
            good={
                "confirmed_by": "东区人民政府",
                "confirmation_document": "东政发〔2026〕1号",
                "confirmed_on": "2026-03-02",
            },
            text_fields={"confirmed_by": "确认机关", "confirmation_document": "确认文号"},
            to_api=lambda data: {
                "confirmed_by": data["confirmed_by"],
                "document": data["confirmation_document"],
                "on": data["confirmed_on"],
            },
            api_field=lambda name: {"confirmation_document": "document", "confirmed_on": "on"}.get(
                name, name
            ),
        ),
        Door(
            "执法主体更名",
            "zhifa_registry_api_rename_body",
            page=f"/registry/bodies/{body.pk}/rename/",
            api=f"/api/registry/bodies/{body.pk}/rename",
            good={"name": "东区市场监管综合执法队", "document": "东政发〔2026〕2号", "on": "2026-03-02"},
            text_fields={"name": "新名称", "document": "文号"},
            to_api=lambda data: {"new_name": data["name"], "document": data["document"], "on": data["on"]},
        ),
        Door(
            "撤销执法主体",
            "zhifa_registry_api_revoke_body",
            page=f"/registry/bodies/{body.pk}/revoke/",
            api=f"/api/registry/bodies/{body.pk}/revoke",
            good={"reason": "机构改革，职能划转", "document": "东政发〔2026〕3号", "on": "2026-03-02"},
            text_fields={"reason": "撤销原因", "document": "文号"},
        ),
    ]


def test_bodies(client, agencies, make_user):
    supervisor = make_user(agencies["east_justice"], RoleCode.SUPERVISOR)
    body = services.body_register(actor=None, agency=agencies["east_market"], standing="statutory")
    for door in body_doors(agencies["east_market"], body):
        check_door(client, supervisor, door, counted=(EnforcementBody,))


body_doors(SimpleNamespace(pk=0), SimpleNamespace(pk=0))  # the table, for tests/test_parity_table.py
certificate_doors(SimpleNamespace(pk=0), SimpleNamespace(pk=0), SimpleNamespace(pk=0, code=""))
officer_door(SimpleNamespace(pk=0), SimpleNamespace(pk=0, code=""))


FIELD_DOOR = Door(
    "新增执法领域",
    "zhifa_registry_api_create_field",
    page="/registry/fields/new/",
    api="/api/registry/fields",
    good={"name": "税务", "ordering": 15},
    text_fields={"name": "名称"},
    bad=[("name", "", "请填写名称"), ("ordering", 10000, "“排序”应为0至9999的整数")],
)


def test_enforcement_fields(client, agencies, make_user):
    keeper = make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="city_sys")
    check_door(client, keeper, FIELD_DOOR, counted=(EnforcementField, AuditEntry))
