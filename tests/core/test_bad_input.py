"""Bad input is refused with a Chinese message naming the field, and leaves nothing half-written."""

import pytest
from django.core.exceptions import ValidationError

from zhifa.accounts.choices import RoleCode
from zhifa.core import services
from zhifa.core.models import Agency, Record
from zhifa.core.validators import (
    credit_code_with_check,
    id_number_with_check,
    validate_credit_code,
    validate_id_number,
)

pytestmark = pytest.mark.django_db

VALID_CODE = credit_code_with_check("11970102000000077")


@pytest.fixture
def sysadmin(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN)


class TestValidators:
    def test_credit_code_with_a_wrong_check_character(self):
        bad = VALID_CODE[:-1] + ("0" if VALID_CODE[-1] != "0" else "1")
        with pytest.raises(ValidationError, match=r"统一社会信用代码.*校验位不正确"):
            validate_credit_code(bad)

    @pytest.mark.parametrize("value", ["", "123", "91110000MA00A0000!", "91110000MA00A00000000"])
    def test_credit_code_malformed(self, value):
        with pytest.raises(ValidationError, match="统一社会信用代码"):
            validate_credit_code(value)

    def test_valid_id_number_passes_and_a_wrong_check_digit_fails(self):
        good = id_number_with_check("11010519491231002")
        validate_id_number(good)
        bad = good[:-1] + ("0" if good[-1] != "0" else "1")
        with pytest.raises(ValidationError, match="身份证号码无效：校验位不正确"):
            validate_id_number(bad)

    def test_id_number_with_impossible_birth_date(self):
        with pytest.raises(ValidationError, match="身份证号码无效"):
            validate_id_number(id_number_with_check("11010519491331002"))


class TestAgencyCreate:
    def test_invalid_credit_code_is_refused_and_nothing_is_written(self, sysadmin, city):
        before = (Agency.objects.count(), Record.objects.count())
        with pytest.raises(ValidationError) as exc:
            services.agency_create(
                actor=sysadmin,
                name="新设局",
                kind="department",
                region=city["east"],
                credit_code="123456789012345679",
            )
        assert "credit_code" in exc.value.message_dict
        assert (Agency.objects.count(), Record.objects.count()) == before

    def test_created_agency_starts_its_chain(self, sysadmin, city):
        agency = services.agency_create(
            actor=sysadmin, name="新设局", kind="department", region=city["east"], credit_code=VALID_CODE
        )
        record = Record.objects.get(agency=agency)
        assert (record.seq, record.action, record.actor_id) == (1, "agency.create", sysadmin.pk)

    def test_outside_the_admins_region_is_refused(self, agencies, make_user, city):
        county_admin = make_user(agencies["east_justice"], RoleCode.SYSTEM_ADMIN)
        with pytest.raises(Exception, match="本辖区"):
            services.agency_create(
                actor=county_admin,
                name="越权局",
                kind="department",
                region=city["west"],
                credit_code=VALID_CODE,
            )
        assert not Agency.objects.filter(name="越权局").exists()

    def test_api_returns_422_with_field_errors(self, client, sysadmin):
        client.force_login(sysadmin)
        payload = {"name": "新设局", "kind": "department", "region_code": "970102", "credit_code": "BAD"}
        response = client.post("/api/agencies", payload, content_type="application/json")
        assert response.status_code == 422
        detail = response.json()["detail"]
        assert detail[0]["loc"] == ["body", "credit_code"] and "统一社会信用代码" in detail[0]["msg"]
        assert not Agency.objects.filter(name="新设局").exists()

    def test_api_creates_with_a_valid_code(self, client, sysadmin):
        client.force_login(sysadmin)
        payload = {"name": "新设局", "kind": "department", "region_code": "970102", "credit_code": VALID_CODE}
        response = client.post("/api/agencies", payload, content_type="application/json")
        assert response.status_code == 201, response.content
        assert response.json()["region_code"] == "970102"

    def test_api_rejects_a_bad_kind_and_malformed_json(self, client, sysadmin):
        client.force_login(sysadmin)
        payload = {"name": "新设局", "kind": "nonsense", "region_code": "970102", "credit_code": VALID_CODE}
        assert client.post("/api/agencies", payload, content_type="application/json").status_code == 422
        response = client.post("/api/agencies", "{not json", content_type="application/json")
        assert response.status_code in (400, 422)

    def test_officer_may_not_create_agencies(self, client, officer):
        client.force_login(officer)
        payload = {"name": "新设局", "kind": "department", "region_code": "970102", "credit_code": VALID_CODE}
        response = client.post("/api/agencies", payload, content_type="application/json")
        assert response.status_code in (403, 404)
        assert not Agency.objects.filter(name="新设局").exists()
