"""/api/registry/: each endpoint's success path, 422 field errors in Chinese, another agency's object is a
404, a role without the permission a 403, and the full ID number never leaves the server."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests import helpers
from tests.factories import CertificateFactory, OfficerFactory, TrainingFactory, field, valid_id_number
from tests.helpers import errors, has_chinese
from zhifa.accounts.choices import RoleCode
from zhifa.core.choices import AgencyKind
from zhifa.registry import services
from zhifa.registry.choices import BodyStatus, CaseRole, CertificateStatus, PersonKind
from zhifa.registry.models import Assessment, Certificate, EnforcementBody, Officer, TrainingRecord

pytestmark = pytest.mark.django_db

BASE = "/api/registry"
TODAY = timezone.localdate()


class Api(helpers.Api):
    """The test client, speaking JSON, checking that no response carries a full ID number."""

    def check(self, method, url, response):
        body = response.content.decode()
        for number in Officer.objects.values_list("id_number", flat=True):
            assert number not in body, f"{method.upper()} {url} exposed an ID number"


@pytest.fixture
def api(client):
    return Api(client, BASE)


@pytest.fixture
def head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def supervisor(agencies, make_user):
    """执法监督人员 of 东区司法局: certificates and bodies in 东区 (not 西县)."""
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def east(agencies):
    officer = OfficerFactory(agency=agencies["east_market"], name="张伟")
    CertificateFactory(
        officer=officer, number="JZ20250001", issued_on=date(2025, 1, 1), expires_on=date(2030, 12, 31)
    )
    return officer


@pytest.fixture
def west(agencies):
    officer = OfficerFactory(agency=agencies["west_market"], name="李强")
    CertificateFactory(officer=officer, number="JZ20250002")
    return officer


@pytest.fixture
def west_body(agencies):
    return services.body_register(actor=None, agency=agencies["west_market"], standing="statutory")


@pytest.fixture
def east_body(agencies):
    return services.body_register(actor=None, agency=agencies["east_market"], standing="statutory")


def officer_payload(agency, **overrides):
    return {
        "agency_id": agency.pk,
        "name": "王小明",
        "id_number": valid_id_number(777),
        "post": "执法一队",
        "fields": ["market"],
        **overrides,
    }


def certificate_payload(**overrides):
    return {
        "number": "JZ20269999",
        "issuer": "测试市司法局",
        "issued_on": "2026-01-01",
        "expires_on": "2031-12-31",
        "fields": ["market"],
        **overrides,
    }


def confirm_payload(**overrides):
    return {"document": "东政函〔2026〕1号", "confirmed_by": "东区人民政府", "on": "2026-03-01", **overrides}


# ---- officers -------------------------------------------------------------------------------------------


class TestOfficers:
    def test_list_is_scoped_and_filtered(self, api, head, east, west, agencies):
        OfficerFactory(
            agency=agencies["east_market"], name="赵六", kind=PersonKind.AUXILIARY, fields=["ecology"]
        )
        api.login(head)
        listed = api.get("/officers").json()
        assert listed["count"] == 2 and {o["name"] for o in listed["items"]} == {"张伟", "赵六"}
        assert [o["name"] for o in api.get("/officers", q="zw").json()["items"]] == ["张伟"]
        assert [o["name"] for o in api.get("/officers", q="JZ20250001").json()["items"]] == ["张伟"]
        assert [o["name"] for o in api.get("/officers", kind="auxiliary").json()["items"]] == ["赵六"]
        assert [o["name"] for o in api.get("/officers", field="ecology").json()["items"]] == ["赵六"]
        assert [o["name"] for o in api.get("/officers", certificate="valid").json()["items"]] == ["张伟"]
        assert api.get("/officers", agency_id=agencies["west_market"].pk).json()["count"] == 0

    def test_supervisor_sees_the_region(self, api, supervisor, east, west):
        assert [o["name"] for o in api.login(supervisor).get("/officers").json()["items"]] == ["张伟"]

    def test_detail(self, api, head, east):
        data = api.login(head).get(f"/officers/{east.pk}").json()
        assert data["name"] == "张伟" and data["fields"] == ["market"]
        assert data["id_number_masked"] == "*" * 14 + east.id_number[-4:]
        assert [c["number"] for c in data["certificates"]] == ["JZ20250001"]
        assert data["certificates"][0]["effective_status"] == "valid"
        assert set(data["allowed_case_roles"]) == set(CaseRole)

    def test_create(self, api, head, agencies, make_user):
        user = make_user(agencies["east_market"], RoleCode.OFFICER, username="new_officer")
        response = api.login(head).post(
            "/officers",
            officer_payload(agencies["east_market"], user_id=user.pk, fields=["market", "ecology"]),
        )
        assert response.status_code == 201, response.content
        data = response.json()
        assert data["name_initials"] == "wxm" and data["fields"] == ["ecology", "market"]
        assert data["user_id"] == user.pk and data["username"] == "new_officer"
        assert data["allowed_case_roles"] == sorted(data["allowed_case_roles"], key=list(CaseRole).index)
        assert Officer.objects.get(pk=data["id"]).user == user

    def test_create_with_a_bad_id_number(self, api, head, agencies):
        response = api.login(head).post(
            "/officers", officer_payload(agencies["east_market"], id_number="110101199001011234")
        )
        message = errors(response)["id_number"]
        assert "身份证号码无效" in message

    def test_create_with_a_duplicate_id_number_or_unknown_field(self, api, head, agencies, east):
        api.login(head)
        response = api.post("/officers", officer_payload(agencies["east_market"], id_number=east.id_number))
        assert has_chinese(errors(response)["id_number"])
        response = api.post("/officers", officer_payload(agencies["east_market"], fields=["nonsense"]))
        assert "执法领域" in errors(response)["fields"]

    def test_create_linking_another_agencys_user(self, api, head, agencies, other_officer):
        response = api.login(head).post(
            "/officers", officer_payload(agencies["east_market"], user_id=other_officer.pk)
        )
        assert has_chinese(errors(response)["user"])

    def test_create_with_a_wrong_type_is_422(self, api, head, agencies):
        response = api.login(head).post(
            "/officers", officer_payload(agencies["east_market"], is_key_post="maybe")
        )
        assert response.status_code == 422

    def test_create_in_another_agency_is_404(self, api, head, agencies):
        response = api.login(head).post("/officers", officer_payload(agencies["west_market"]))
        assert response.status_code == 404
        assert not Officer.objects.exists()

    def test_create_without_the_permission_is_403(self, api, officer, supervisor, agencies):
        assert (
            api.login(officer).post("/officers", officer_payload(agencies["east_market"])).status_code == 403
        )
        assert (
            api.login(supervisor).post("/officers", officer_payload(agencies["east_market"])).status_code
            == 403
        )
        assert not Officer.objects.exists()

    def test_unit_head_manages_officers(self, api, agencies, make_user, east):
        unit_head = make_user(agencies["east_market"], RoleCode.UNIT_HEAD)
        response = api.login(unit_head).patch(f"/officers/{east.pk}", {"post": "执法二队"})
        assert response.status_code == 200 and response.json()["post"] == "执法二队"

    def test_update(self, api, head, east):
        response = api.login(head).patch(
            f"/officers/{east.pk}",
            {"name": "张小伟", "is_key_post": True, "post_since": "2019-05-01", "fields": ["ecology"]},
        )
        assert response.status_code == 200, response.content
        data = response.json()
        assert (data["name"], data["name_initials"], data["is_key_post"], data["fields"]) == (
            "张小伟",
            "zxw",
            True,
            ["ecology"],
        )
        east.refresh_from_db()
        assert east.post_since == date(2019, 5, 1)

    def test_update_with_a_bad_id_number(self, api, head, east):
        response = api.login(head).patch(f"/officers/{east.pk}", {"id_number": "12345"})
        assert "身份证号码无效" in errors(response)["id_number"]

    def test_update_another_agencys_officer_is_404(self, api, head, west):
        assert api.login(head).patch(f"/officers/{west.pk}", {"post": "x"}).status_code == 404
        assert api.get(f"/officers/{west.pk}").status_code == 404
        assert api.get("/officers/999999").status_code == 404

    def test_update_without_the_permission_is_403(self, api, officer, east):
        assert api.login(officer).patch(f"/officers/{east.pk}", {"post": "x"}).status_code == 403

    def test_anonymous_is_401(self, api, east):
        assert api.get("/officers").status_code == 401


class TestCanEnforce:
    def test_certified_officer(self, api, officer, east):
        data = (
            api.login(officer).get(f"/officers/{east.pk}/can-enforce", field="market", on="2026-11-25").json()
        )
        assert data == {"can_enforce": True, "allowed_case_roles": [r.value for r in CaseRole]}

    def test_other_field_or_after_expiry(self, api, officer, east):
        api.login(officer)
        field("ecology")
        for params in ({"field": "ecology"}, {"field": "market", "on": "2031-01-01"}):
            data = api.get(f"/officers/{east.pk}/can-enforce", **params).json()
            assert data["can_enforce"] is False
            assert CaseRole.INVESTIGATE not in data["allowed_case_roles"]
            assert CaseRole.SERVE in data["allowed_case_roles"]

    def test_bad_input(self, api, officer, east):
        api.login(officer)
        assert "执法领域" in errors(api.get(f"/officers/{east.pk}/can-enforce", field="nonsense"))["field"]
        assert api.get(f"/officers/{east.pk}/can-enforce").status_code == 422
        assert api.get(f"/officers/{east.pk}/can-enforce", field="market", on="2026-13-01").status_code == 422

    def test_another_agencys_officer_is_404(self, api, officer, west):
        assert api.login(officer).get(f"/officers/{west.pk}/can-enforce", field="market").status_code == 404


# ---- certificates -----------------------------------------------------------------------------------------


class TestCertificates:
    def test_issue(self, api, supervisor, east):
        response = api.login(supervisor).post(
            f"/officers/{east.pk}/certificates", certificate_payload(number="jz20269999")
        )
        assert response.status_code == 201, response.content
        data = response.json()
        assert (
            data["number"] == "JZ20269999" and data["officer_id"] == east.pk and data["fields"] == ["market"]
        )
        assert data["status"] == data["effective_status"] == "valid"

    def test_malformed_and_duplicate_numbers(self, api, supervisor, east):
        api.login(supervisor)
        assert (
            "执法证号"
            in errors(api.post(f"/officers/{east.pk}/certificates", certificate_payload(number="JZ-1")))[
                "number"
            ]
        )
        response = api.post(f"/officers/{east.pk}/certificates", certificate_payload(number="JZ20250001"))
        assert has_chinese(errors(response)["number"])

    def test_expiry_before_issue(self, api, supervisor, east):
        response = api.login(supervisor).post(
            f"/officers/{east.pk}/certificates",
            certificate_payload(issued_on="2026-01-01", expires_on="2025-01-01"),
        )
        assert errors(response)["expires_on"] == "有效期至应晚于发证日期"
        assert not Certificate.objects.filter(number="JZ20269999").exists()

    def test_no_field_or_bad_date(self, api, supervisor, east):
        api.login(supervisor)
        assert (
            "执法领域"
            in errors(api.post(f"/officers/{east.pk}/certificates", certificate_payload(fields=[])))["fields"]
        )
        response = api.post(f"/officers/{east.pk}/certificates", certificate_payload(issued_on="not-a-date"))
        assert response.status_code == 422

    def test_auxiliary_staff_get_no_certificate(self, api, supervisor, agencies):
        helper = OfficerFactory(agency=agencies["east_market"], kind=PersonKind.AUXILIARY)
        response = api.login(supervisor).post(f"/officers/{helper.pk}/certificates", certificate_payload())
        assert errors(response)["officer"] == "行政执法辅助人员不能申领行政执法证件"

    def test_issue_without_the_permission_or_outside_the_region(self, api, head, supervisor, east, west):
        assert (
            api.login(head).post(f"/officers/{east.pk}/certificates", certificate_payload()).status_code
            == 403
        )
        assert (
            api.login(supervisor).post(f"/officers/{west.pk}/certificates", certificate_payload()).status_code
            == 404
        )
        assert not Certificate.objects.filter(number="JZ20269999").exists()

    def test_city_supervisor_covers_every_county(self, api, agencies, make_user, west):
        city = make_user(agencies["city_justice"], RoleCode.SUPERVISOR)
        assert (
            api.login(city).post(f"/officers/{west.pk}/certificates", certificate_payload()).status_code
            == 201
        )

    def test_suspend_and_restore(self, api, supervisor, east):
        certificate = east.certificates.get()
        api.login(supervisor)
        response = api.post(
            f"/certificates/{certificate.pk}/status", {"status": "suspended", "reason": "涉嫌违法执法"}
        )
        assert response.status_code == 200 and response.json()["status"] == "suspended"
        follow = api.get(f"/officers/{east.pk}/can-enforce", field="market")
        assert follow.json()["can_enforce"] is False
        response = api.post(
            f"/certificates/{certificate.pk}/status", {"status": "valid", "reason": "调查结束"}
        )
        assert response.json()["status"] == CertificateStatus.VALID

    def test_status_bad_input(self, api, supervisor, east):
        certificate = east.certificates.get()
        api.login(supervisor)
        assert has_chinese(
            errors(api.post(f"/certificates/{certificate.pk}/status", {"status": "suspended"}))[
                "status_reason"
            ]
        )
        assert has_chinese(
            errors(api.post(f"/certificates/{certificate.pk}/status", {"status": "lost", "reason": "x"}))[
                "status"
            ]
        )
        api.post(f"/certificates/{certificate.pk}/status", {"status": "revoked", "reason": "违法执法"})
        response = api.post(f"/certificates/{certificate.pk}/status", {"status": "valid", "reason": "x"})
        assert errors(response)["status"] == "已吊销的证件不能再变更状态"

    def test_check(self, api, supervisor, east):
        certificate = east.certificates.get()
        api.login(supervisor)
        response = api.post(f"/certificates/{certificate.pk}/check", {"on": str(TODAY)})
        assert response.status_code == 200 and response.json()["last_checked_on"] == str(TODAY)
        future = str(TODAY + timedelta(days=3))
        assert has_chinese(
            errors(api.post(f"/certificates/{certificate.pk}/check", {"on": future}))["last_checked_on"]
        )

    def test_another_agencys_certificate_is_404(self, api, supervisor, head, west):
        certificate = west.certificates.get()
        for user in (supervisor, head):
            api.login(user)
            assert api.get(f"/certificates/{certificate.pk}").status_code == 404
            assert (
                api.post(
                    f"/certificates/{certificate.pk}/status", {"status": "suspended", "reason": "x"}
                ).status_code
                == 404
            )
            assert api.post(f"/certificates/{certificate.pk}/check", {"on": "2026-01-02"}).status_code == 404
        assert Certificate.objects.get(pk=certificate.pk).status == CertificateStatus.VALID

    def test_change_without_the_permission_is_403(self, api, head, east):
        certificate = east.certificates.get()
        api.login(head)
        assert api.get(f"/certificates/{certificate.pk}").status_code == 200
        assert (
            api.post(
                f"/certificates/{certificate.pk}/status", {"status": "suspended", "reason": "x"}
            ).status_code
            == 403
        )
        assert api.post(f"/certificates/{certificate.pk}/check", {"on": "2026-01-02"}).status_code == 403

    def test_list_by_state(self, api, agencies, make_user, east, west):
        city = make_user(agencies["city_justice"], RoleCode.SUPERVISOR)
        CertificateFactory(
            officer=east,
            number="JZEXPIRING",
            issued_on=date(2021, 1, 1),
            expires_on=TODAY + timedelta(days=10),
        )
        CertificateFactory(
            officer=OfficerFactory(agency=east.agency),  # no newer valid certificate: really expired
            number="JZEXPIRED1",
            issued_on=date(2020, 1, 1),
            expires_on=TODAY - timedelta(days=1),
        )
        CertificateFactory(
            officer=west,
            number="JZRECHECK1",
            issued_on=TODAY - timedelta(days=3 * 366),
            expires_on=date(2035, 1, 1),
        )
        api.login(city)

        def numbers(**params):
            return sorted(c["number"] for c in api.get("/certificates", **params).json()["items"])

        assert numbers() == sorted(["JZ20250001", "JZ20250002", "JZEXPIRING", "JZEXPIRED1", "JZRECHECK1"])
        assert numbers(state="expiring") == ["JZEXPIRING"]
        assert numbers(state="expired") == ["JZEXPIRED1"]
        assert "JZRECHECK1" in numbers(state="recheck")
        assert numbers(agency_id=agencies["west_market"].pk) == ["JZ20250002", "JZRECHECK1"]
        assert api.get("/certificates", state="lost").status_code == 422
        expired = api.get("/certificates", state="expired").json()["items"][0]
        assert (expired["status"], expired["effective_status"]) == ("valid", "expired")

    def test_list_is_scoped(self, api, officer, east, west):
        assert [c["number"] for c in api.login(officer).get("/certificates").json()["items"]] == [
            "JZ20250001"
        ]


# ---- training and assessment ------------------------------------------------------------------------------


class TestTraining:
    def test_add_and_list(self, api, head, east):
        api.login(head)
        payload = {"on": "2026-04-01", "hours": "7.5", "kind": "public_law", "title": "行政处罚法专题培训"}
        response = api.post(f"/officers/{east.pk}/trainings", payload)
        assert response.status_code == 201, response.content
        assert response.json()["hours"] == 7.5
        TrainingFactory(officer=east, on=date(2025, 6, 1))
        assert len(api.get(f"/officers/{east.pk}/trainings").json()) == 2
        assert [t["title"] for t in api.get(f"/officers/{east.pk}/trainings", year=2026).json()] == [
            "行政处罚法专题培训"
        ]

    def test_bad_input(self, api, head, east):
        api.login(head)
        payload = {"on": "2026-04-01", "hours": "0.2", "kind": "public_law", "title": "x"}
        assert has_chinese(errors(api.post(f"/officers/{east.pk}/trainings", payload))["hours"])
        assert has_chinese(
            errors(api.post(f"/officers/{east.pk}/trainings", {**payload, "hours": 8, "kind": "party"}))[
                "kind"
            ]
        )
        assert api.post(f"/officers/{east.pk}/trainings", {**payload, "hours": "many"}).status_code == 422
        assert not TrainingRecord.objects.exists()

    def test_assessment_is_set_once_per_year(self, api, head, east):
        api.login(head)
        assert api.put(f"/officers/{east.pk}/assessments/2025", {"grade": "competent"}).status_code == 200
        response = api.put(
            f"/officers/{east.pk}/assessments/2025", {"grade": "excellent", "note": "表现突出"}
        )
        assert response.json() == {
            "officer_id": east.pk,
            "year": 2025,
            "grade": "excellent",
            "note": "表现突出",
        }
        assert Assessment.objects.get().grade == "excellent"
        assert has_chinese(
            errors(api.put(f"/officers/{east.pk}/assessments/2025", {"grade": "great"}))["grade"]
        )
        assert "year" in errors(api.put(f"/officers/{east.pk}/assessments/1900", {"grade": "competent"}))

    def test_another_agencys_officer_is_404(self, api, head, west):
        api.login(head)
        assert api.get(f"/officers/{west.pk}/trainings").status_code == 404
        payload = {"on": "2026-04-01", "hours": 8, "kind": "business", "title": "x"}
        assert api.post(f"/officers/{west.pk}/trainings", payload).status_code == 404
        assert api.put(f"/officers/{west.pk}/assessments/2025", {"grade": "competent"}).status_code == 404

    def test_without_the_permission_is_403(self, api, officer, east):
        api.login(officer)
        assert api.get(f"/officers/{east.pk}/trainings").status_code == 200
        payload = {"on": "2026-04-01", "hours": 8, "kind": "business", "title": "x"}
        assert api.post(f"/officers/{east.pk}/trainings", payload).status_code == 403
        assert api.put(f"/officers/{east.pk}/assessments/2025", {"grade": "competent"}).status_code == 403


# ---- bodies -----------------------------------------------------------------------------------------------


class TestBodies:
    def test_register_confirm_announce(self, api, supervisor, agencies):
        api.login(supervisor)
        payload = {"agency_id": agencies["east_market"].pk, "standing": "statutory", "on": "2026-02-01"}
        response = api.post("/bodies", payload)
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["name"] == "东区市场监督管理局" and body["status"] == "pending"
        response = api.post(f"/bodies/{body['id']}/confirm", confirm_payload())
        assert response.status_code == 200 and response.json()["status"] == "confirmed"
        response = api.post(
            f"/bodies/{body['id']}/announce", {"text": "经确认，特此公告。", "on": "2026-03-05"}
        )
        data = response.json()
        assert data["is_public"] is True and data["announced_on"] == "2026-03-05"
        detail = api.get(f"/bodies/{body['id']}").json()
        assert [c["kind"] for c in detail["changes"]] == ["establish", "confirm", "announce"]
        assert [b["name"] for b in api.get("/bodies", status="confirmed").json()["items"]] == [
            "东区市场监督管理局"
        ]

    def test_register_twice_or_with_bad_input(self, api, supervisor, agencies, east_body):
        api.login(supervisor)
        response = api.post("/bodies", {"agency_id": agencies["east_market"].pk, "standing": "statutory"})
        assert "已登记为执法主体" in errors(response)["agency"]
        response = api.post("/bodies", {"agency_id": agencies["east_justice"].pk, "standing": "authorized"})
        assert errors(response)["legal_basis"] == "法律法规授权组织须写明授权的法律法规条款"
        response = api.post("/bodies", {"agency_id": agencies["east_justice"].pk, "standing": "entrusted"})
        assert {"entrusting_agency", "entrusted_scope", "entrusted_until"} <= set(errors(response))
        response = api.post("/bodies", {"agency_id": agencies["east_justice"].pk, "standing": "self-made"})
        assert has_chinese(errors(response)["standing"])

    def test_a_comprehensive_enforcement_team_is_refused(self, api, supervisor, city):
        from tests.factories import AgencyFactory

        team = AgencyFactory(name="东区综合行政执法大队", region=city["east"], kind=AgencyKind.COMPREHENSIVE)
        response = api.login(supervisor).post("/bodies", {"agency_id": team.pk, "standing": "statutory"})
        assert "以主管部门名义执法" in errors(response)["agency"]

    def test_confirmed_twice(self, api, supervisor, east_body):
        api.login(supervisor)
        assert api.post(f"/bodies/{east_body.pk}/confirm", confirm_payload()).status_code == 200
        message = errors(api.post(f"/bodies/{east_body.pk}/confirm", confirm_payload()))[
            "confirmation_document"
        ]
        assert "不能重复确认" in message

    def test_announce_before_confirmation(self, api, supervisor, east_body):
        response = api.login(supervisor).post(f"/bodies/{east_body.pk}/announce", {"text": "公告"})
        assert errors(response)["announcement"] == "只有经确认的执法主体才能公告"

    def test_rename_needs_confirmation_again(self, api, supervisor, east_body):
        api.login(supervisor)
        api.post(f"/bodies/{east_body.pk}/confirm", confirm_payload())
        response = api.post(
            f"/bodies/{east_body.pk}/rename", {"new_name": "东区市场监管局", "document": "东编〔2026〕3号"}
        )
        assert response.json()["name"] == "东区市场监管局" and response.json()["status"] == "pending"
        assert has_chinese(errors(api.post(f"/bodies/{east_body.pk}/rename", {"new_name": "  "}))["name"])

    def test_revoke(self, api, supervisor, east_body):
        api.login(supervisor)
        assert has_chinese(errors(api.post(f"/bodies/{east_body.pk}/revoke", {"reason": " "}))["reason"])
        response = api.post(
            f"/bodies/{east_body.pk}/revoke", {"reason": "机构撤并", "document": "东政〔2026〕9号"}
        )
        assert response.json()["status"] == BodyStatus.REVOKED
        assert (
            errors(api.post(f"/bodies/{east_body.pk}/revoke", {"reason": "again"}))["status"]
            == "该主体已撤销"
        )

    def test_merge(self, api, supervisor, agencies, east_body):
        other = services.body_register(actor=None, agency=agencies["east_justice"], standing="statutory")
        api.login(supervisor)
        response = api.post(
            f"/bodies/{east_body.pk}/merge", {"body_ids": [other.pk], "document": "东政〔2026〕2号"}
        )
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "pending"
        other.refresh_from_db()
        assert (other.status, other.merged_into_id) == (BodyStatus.MERGED, east_body.pk)
        assert has_chinese(errors(api.post(f"/bodies/{east_body.pk}/merge", {"body_ids": []}))["bodies"])

    def test_another_agencys_body_is_404(self, api, supervisor, east_body, west_body, agencies):
        api.login(supervisor)
        assert api.get(f"/bodies/{west_body.pk}").status_code == 404
        for action, payload in [
            ("confirm", confirm_payload()),
            ("announce", {"text": "公告"}),
            ("rename", {"new_name": "新名称"}),
            ("revoke", {"reason": "撤销"}),
            ("merge", {"body_ids": [east_body.pk]}),
        ]:
            assert api.post(f"/bodies/{west_body.pk}/{action}", payload).status_code == 404, action
        assert api.post(f"/bodies/{east_body.pk}/merge", {"body_ids": [west_body.pk]}).status_code == 404
        assert (
            api.post(
                "/bodies", {"agency_id": agencies["west_market"].pk, "standing": "statutory"}
            ).status_code
            == 404
        )
        assert [b["id"] for b in api.get("/bodies").json()["items"]] == [east_body.pk]
        assert EnforcementBody.objects.get(pk=west_body.pk).status == BodyStatus.PENDING

    def test_without_the_permission_is_403(self, api, head, east_body, agencies):
        api.login(head)
        assert api.get(f"/bodies/{east_body.pk}").status_code == 200
        assert api.post(f"/bodies/{east_body.pk}/confirm", confirm_payload()).status_code == 403
        assert api.post(f"/bodies/{east_body.pk}/announce", {"text": "公告"}).status_code == 403
        assert api.post(f"/bodies/{east_body.pk}/rename", {"new_name": "新名称"}).status_code == 403
        assert api.post(f"/bodies/{east_body.pk}/revoke", {"reason": "x"}).status_code == 403
        assert api.post(f"/bodies/{east_body.pk}/merge", {"body_ids": [east_body.pk]}).status_code == 403
        response = api.post("/bodies", {"agency_id": agencies["east_market"].pk, "standing": "statutory"})
        assert response.status_code == 403
        assert EnforcementBody.objects.get().status == BodyStatus.PENDING


# ---- agency figures ---------------------------------------------------------------------------------------


class TestAgencyFigures:
    def test_ratios(self, api, head, agencies, make_user, east):
        for _ in range(20):
            OfficerFactory(agency=agencies["east_market"])
        make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER)
        data = api.login(head).get(f"/agencies/{agencies['east_market'].pk}/ratios").json()
        assert data == {
            "agency_id": agencies["east_market"].pk,
            "officers": 21,
            "reviewers": 1,
            "required": 2,
            "shortfall": 1,
            "reviewer_ratio": pytest.approx(1 / 21),
            "certified": 1,
            "coverage": pytest.approx(1 / 21),
            "qualified": 0,
            "qualified_share": 0.0,
        }

    def test_training(self, api, head, agencies, east):
        other = OfficerFactory(agency=agencies["east_market"], name="李四")
        TrainingFactory(officer=east, on=date(2026, 3, 1), hours=60)
        TrainingFactory(officer=other, on=date(2026, 3, 1), hours=20)
        TrainingFactory(officer=other, on=date(2025, 3, 1), hours=60)
        data = api.login(head).get(f"/agencies/{agencies['east_market'].pk}/training", year=2026).json()
        assert (data["year"], data["officers"], data["short"]) == (2026, 2, 1)
        standings = {s["name"]: s for s in data["standings"]}
        assert standings["张伟"]["is_short"] is False and standings["张伟"]["shortfall"] == 0
        assert standings["李四"]["is_short"] is True and standings["李四"]["shortfall"] == 40

    def test_another_agency_is_404(self, api, head, agencies):
        api.login(head)
        assert api.get(f"/agencies/{agencies['west_market'].pk}/ratios").status_code == 404
        assert api.get(f"/agencies/{agencies['west_market'].pk}/training").status_code == 404


def test_no_response_carries_a_full_id_number(api, agencies, make_user, east):
    """Every read that shows a person, for the widest-seeing user; Api checks each response."""
    city = make_user(agencies["city_justice"], RoleCode.SUPERVISOR)
    api.login(city)
    certificate = east.certificates.get()
    for url in [
        "/officers",
        f"/officers/{east.pk}",
        f"/officers/{east.pk}/trainings",
        "/certificates",
        f"/certificates/{certificate.pk}",
        f"/agencies/{agencies['east_market'].pk}/training",
    ]:
        response = api.get(url)
        assert response.status_code == 200, url
        assert east.id_number[:14] not in response.content.decode(), url
