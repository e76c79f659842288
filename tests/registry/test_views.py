"""The registry pages: every page renders for a permitted user; another agency's object is a 404 and
absent from lists; a role without the permission gets 403 on writes; each form's success path writes
and appends a record, its error path shows the Chinese field error and writes nothing."""

from datetime import date, timedelta
from functools import partial

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import helpers
from tests.factories import AgencyFactory, CertificateFactory, OfficerFactory, TrainingFactory
from tests.helpers import Writes, html, xlsx_rows
from zhifa.accounts.choices import RoleCode
from zhifa.core.choices import AgencyKind
from zhifa.core.exports import XLSX_TYPE
from zhifa.core.models import Record
from zhifa.core.validators import id_number_with_check
from zhifa.registry import excel, services
from zhifa.registry.choices import BodyChangeKind, BodyStatus, CertificateStatus
from zhifa.registry.models import (
    Assessment,
    BodyChange,
    Certificate,
    EnforcementBody,
    Officer,
    TrainingRecord,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
REQUIRED = "这个字段是必填项。"
NEW_ID = id_number_with_check("11010519900101123")


# ---- fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def head(agencies, make_user):
    """机关负责人 of 东区市场监督管理局: keeps its officers, trainings and assessments."""
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def supervisor(agencies, make_user):
    """执法监督人员 of 东区司法局: certificates and bodies of 东区."""
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def outsider(city, make_user):
    """A 西县 user holding every registry permission — for 西县 only."""
    west_justice = AgencyFactory(name="西县司法局", region=city["west"], kind=AgencyKind.JUSTICE)
    return make_user(west_justice, RoleCode.AGENCY_HEAD, RoleCode.SUPERVISOR, username="west_all")


@pytest.fixture
def east(agencies):
    """张伟 of 东区市场监督管理局 with a valid certificate and a training this year."""
    officer = OfficerFactory(agency=agencies["east_market"], name="张伟", post="一中队")
    CertificateFactory(officer=officer, number="JZ20250001", expires_on=TODAY + timedelta(days=900))
    TrainingFactory(officer=officer, on=date(TODAY.year, 1, 2), hours=8, title="行政处罚法培训")
    return officer


@pytest.fixture
def east_certificate(east):
    return east.certificates.get()


@pytest.fixture
def west(agencies):
    officer = OfficerFactory(agency=agencies["west_market"], name="李强")
    CertificateFactory(officer=officer, number="JZ20250002", expires_on=TODAY + timedelta(days=900))
    return officer


@pytest.fixture
def east_body(agencies):
    return services.body_register(actor=None, agency=agencies["east_market"], standing="statutory")


@pytest.fixture
def confirmed_body(east_body):
    return services.body_confirm(
        actor=None, body=east_body, document="东政函〔2026〕1号", on=TODAY, confirmed_by="东区人民政府"
    )


def officer_form(agency=None, **overrides):
    data = {
        "name": "李娜",
        "id_number": NEW_ID,
        "kind": "officer",
        "status": "active",
        "post": "二中队",
        "post_since": "",
        "enforcing_since": "",
        "enforcement_fields": ["market"],
        "user": "",
    }
    if agency is not None:
        data["agency"] = agency.pk
    return {**data, **overrides}


# ---- pages render, scoped ---------------------------------------------------------------------------


class TestPagesRender:
    @pytest.mark.parametrize(
        "url",
        [
            "/registry/officers/",
            "/registry/certificates/",
            "/registry/certificates/?state=expiring",
            "/registry/certificates/?state=expired",
            "/registry/certificates/?state=recheck",
            "/registry/bodies/",
            "/registry/compliance/",
        ],
    )
    def test_lists_render_for_business_roles(self, client, officer, east, east_body, url):
        client.force_login(officer)
        response = client.get(url)
        assert response.status_code == 200
        assert "执法主体与人员" in html(response)  # the menu module

    def test_every_page_of_one_object_renders_for_its_managers(
        self, client, head, supervisor, east, east_certificate, east_body
    ):
        client.force_login(head)
        for url in [
            f"/registry/officers/{east.pk}/",
            "/registry/officers/new/",
            f"/registry/officers/{east.pk}/edit/",
            f"/registry/officers/{east.pk}/trainings/new/",
            f"/registry/officers/{east.pk}/assessments/new/",
            f"/registry/compliance/{east.agency_id}/training/",
            "/registry/import/",
        ]:
            assert client.get(url).status_code == 200, url
        client.force_login(supervisor)
        for url in [
            f"/registry/officers/{east.pk}/certificates/new/",
            f"/registry/certificates/{east_certificate.pk}/status/?status=suspended",
            f"/registry/certificates/{east_certificate.pk}/check/",
            f"/registry/bodies/{east_body.pk}/",
            "/registry/bodies/new/",
            f"/registry/bodies/{east_body.pk}/confirm/",
            f"/registry/bodies/{east_body.pk}/rename/",
            f"/registry/bodies/{east_body.pk}/merge/",
            f"/registry/bodies/{east_body.pk}/revoke/",
        ]:
            assert client.get(url).status_code == 200, url

    def test_login_is_required(self, client, east):
        for url in ["/registry/officers/", f"/registry/officers/{east.pk}/", "/registry/import/"]:
            response = client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_menu_lists_the_module_pages_the_user_may_open(self, client, officer, head):
        client.force_login(officer)
        menu = html(client.get("/"))
        assert "执法人员" in menu and "执法证件" in menu and "执法主体" in menu and "达标情况" in menu
        assert "Excel导入" not in menu
        client.force_login(head)
        assert "Excel导入" in html(client.get("/"))

    def test_audit_admin_sees_no_registry_page(self, client, agencies, make_user, east):
        client.force_login(make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN))
        for url in [
            "/registry/officers/",
            "/registry/certificates/",
            "/registry/bodies/",
            "/registry/compliance/",
        ]:
            assert client.get(url).status_code == 403, url


class TestOtherAgency:
    """A user of 西县 — even one holding every registry permission there — never reaches 东区's objects."""

    def object_urls(self, east, certificate, body, training):
        return [
            f"/registry/officers/{east.pk}/",
            f"/registry/officers/{east.pk}/edit/",
            f"/registry/officers/{east.pk}/certificates/new/",
            f"/registry/officers/{east.pk}/trainings/new/",
            f"/registry/officers/{east.pk}/assessments/new/",
            f"/registry/trainings/{training.pk}/file/",
            f"/registry/certificates/{certificate.pk}/status/",
            f"/registry/certificates/{certificate.pk}/check/",
            f"/registry/bodies/{body.pk}/",
            f"/registry/bodies/{body.pk}/confirm/",
            f"/registry/bodies/{body.pk}/announce/",
            f"/registry/bodies/{body.pk}/rename/",
            f"/registry/bodies/{body.pk}/merge/",
            f"/registry/bodies/{body.pk}/revoke/",
            f"/registry/compliance/{east.agency_id}/training/",
            f"/registry/compliance/{east.agency_id}/training/export.xlsx",
        ]

    def test_every_object_url_is_404(self, client, outsider, east, east_certificate, east_body):
        client.force_login(outsider)
        writes = Writes()
        for url in self.object_urls(east, east_certificate, east_body, east.trainings.get()):
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"reason": "x", "status": "suspended"}).status_code == 404, url
        assert writes.new_records == 0

    def test_objects_are_absent_from_lists_and_exports(self, client, outsider, east, west, east_body):
        client.force_login(outsider)
        assert "张伟" not in html(client.get("/registry/officers/"))
        assert "李强" in html(client.get("/registry/officers/"))
        assert "JZ20250001" not in html(client.get("/registry/certificates/"))
        assert "东区市场监督管理局" not in html(client.get("/registry/bodies/"))
        assert "东区市场监督管理局" not in html(client.get("/registry/compliance/"))
        names = [row[0] for row in xlsx_rows(client.get("/registry/officers/export.xlsx"))[1:]]
        assert names == ["李强"]
        numbers = [row[3] for row in xlsx_rows(client.get("/registry/certificates/export.xlsx"))[1:]]
        assert numbers == ["JZ20250002"]

    def test_unknown_ids_are_404(self, client, head):
        client.force_login(head)
        assert client.get("/registry/officers/999999/").status_code == 404
        assert client.get("/registry/bodies/999999/").status_code == 404


class TestWithoutPermission:
    """Business roles may look but not change: every write is a 403 and writes nothing."""

    def test_officer_role_gets_403_on_every_write(self, client, officer, east, east_certificate, east_body):
        client.force_login(officer)
        writes = Writes()
        urls = [
            "/registry/officers/new/",
            f"/registry/officers/{east.pk}/edit/",
            f"/registry/officers/{east.pk}/certificates/new/",
            f"/registry/officers/{east.pk}/trainings/new/",
            f"/registry/officers/{east.pk}/assessments/new/",
            f"/registry/certificates/{east_certificate.pk}/status/",
            f"/registry/certificates/{east_certificate.pk}/check/",
            "/registry/bodies/new/",
            f"/registry/bodies/{east_body.pk}/confirm/",
            f"/registry/bodies/{east_body.pk}/rename/",
            f"/registry/bodies/{east_body.pk}/merge/",
            f"/registry/bodies/{east_body.pk}/revoke/",
            "/registry/import/",
        ]
        for url in urls:
            assert client.get(url).status_code == 403, url
            assert client.post(url, officer_form(name="改名")).status_code == 403, url
        assert writes.new_records == 0
        assert Officer.objects.filter(name="改名").count() == 0

    def test_agency_head_may_not_issue_certificates_nor_manage_bodies(
        self, client, head, east, east_certificate, east_body
    ):
        client.force_login(head)
        assert client.post(f"/registry/officers/{east.pk}/certificates/new/").status_code == 403
        assert client.post(f"/registry/certificates/{east_certificate.pk}/status/").status_code == 403
        assert client.post(f"/registry/bodies/{east_body.pk}/confirm/").status_code == 403

    def test_supervisor_may_not_edit_officers(self, client, supervisor, east):
        client.force_login(supervisor)
        assert client.post(f"/registry/officers/{east.pk}/edit/", officer_form()).status_code == 403
        assert client.post(f"/registry/officers/{east.pk}/trainings/new/").status_code == 403

    def test_get_never_writes(self, client, head, east):
        client.force_login(head)
        writes = Writes()
        client.get(f"/registry/officers/{east.pk}/edit/", officer_form(name="改名"))
        assert writes.new_records == 0 and Officer.objects.get(pk=east.pk).name == "张伟"


# ---- officer list -----------------------------------------------------------------------------------


class TestOfficerList:
    def test_columns(self, client, officer, east):
        client.force_login(officer)
        body = html(client.get("/registry/officers/"))
        for text in ["张伟", "东区市场监督管理局", "行政执法人员", "一中队", "JZ20250001", "有效"]:
            assert text in body
        assert east.id_number not in body

    @pytest.mark.parametrize("q", ["zw", "ZW", "张", "JZ20250001", "jz20250001"])
    def test_search_by_name_initials_and_certificate_number(self, client, officer, east, agencies, q):
        OfficerFactory(agency=agencies["east_market"], name="李娜")
        client.force_login(officer)
        body = html(client.get("/registry/officers/", {"q": q}))
        assert "张伟" in body and "李娜" not in body

    def test_filters(self, client, officer, east, agencies):
        OfficerFactory(agency=agencies["east_market"], name="李娜", kind="auxiliary", fields=["urban"])
        client.force_login(officer)

        def names(**params):
            body = html(client.get("/registry/officers/", params))
            return [name for name in ("张伟", "李娜") if name in body]

        assert names(kind="auxiliary") == ["李娜"]
        assert names(certificate="none") == ["李娜"]
        assert names(certificate="valid") == ["张伟"]
        assert names(field="urban") == ["李娜"]
        assert names(agency=str(agencies["east_market"].pk)) == ["张伟", "李娜"]
        assert names(agency="not-a-number") == ["张伟", "李娜"]
        assert names(status="left") == []

    def test_rotation_filter(self, client, officer, east, agencies):
        OfficerFactory(
            agency=agencies["east_market"], name="李娜", is_key_post=True, post_since=date(2015, 1, 1)
        )
        client.force_login(officer)
        body = html(client.get("/registry/officers/", {"rotation": "1"}))
        assert "李娜" in body and "张伟" not in body

    def test_pagination_keeps_filters(self, client, officer, agencies, settings):
        settings.ZHIFA_PAGE_SIZE = 2
        for n in range(5):
            OfficerFactory(agency=agencies["east_market"], name=f"赵{n}")
        client.force_login(officer)
        body = html(client.get("/registry/officers/", {"q": "赵"}))
        assert "共 5 条，第 1/3 页" in body and "?q=%E8%B5%B5&page=2" in body
        assert "赵4" in html(client.get("/registry/officers/", {"q": "赵", "page": 3}))
        assert client.get("/registry/officers/?page=999").status_code == 200

    def test_query_count_does_not_grow_with_the_page(
        self, client, officer, agencies, django_assert_max_num_queries
    ):
        def add(n):
            for _ in range(n):
                person = OfficerFactory(agency=agencies["east_market"], fields=["market", "urban"])
                CertificateFactory(officer=person)
                CertificateFactory(officer=person, status=CertificateStatus.SUSPENDED)

        add(2)
        client.force_login(officer)
        client.get("/registry/officers/")  # warm the session
        # 15: the agency filter counts its choices once to choose a plain select or a search box (core.pickers)
        with django_assert_max_num_queries(16) as few:  # 15, and the top bar's unread-message count
            client.get("/registry/officers/")
        add(18)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get("/registry/officers/")
        assert html(response).count("暂扣") >= 18

    def test_export_keeps_the_filters(self, client, officer, east, agencies):
        OfficerFactory(agency=agencies["east_market"], name="李娜")
        client.force_login(officer)
        body = html(client.get("/registry/officers/", {"q": "zw"}))
        assert "/registry/officers/export.xlsx?q=zw" in body
        rows = xlsx_rows(client.get("/registry/officers/export.xlsx", {"q": "zw"}))
        assert rows[0][0] == "姓名" and [row[0] for row in rows[1:]] == ["张伟"]


# ---- 执法档案 ----------------------------------------------------------------------------------------


class TestOfficerDetail:
    def test_archive(self, client, officer, east):
        Assessment.objects.create(officer=east, year=TODAY.year - 1, grade="excellent")
        client.force_login(officer)
        body = html(client.get(f"/registry/officers/{east.pk}/"))
        assert east.id_number not in body
        assert "*" * 14 + east.id_number[-4:] in body
        for text in [
            "张伟",
            "JZ20250001",
            "行政处罚法培训",
            "尚差52</span>",  # 8 of 60 hours this year
            "优秀",
            "承办（案件经办人）",
            "承办案件（0件）",
            "法制审核意见（0份）",
        ]:
            assert text in body, text

    def test_certificate_history_with_reason(self, client, supervisor, east_certificate):
        services.certificate_set_status(
            actor=supervisor, certificate=east_certificate, status="suspended", reason="涉嫌违法违纪"
        )
        client.force_login(supervisor)
        body = html(client.get(f"/registry/officers/{east_certificate.officer_id}/"))
        assert "涉嫌违法违纪" in body and "暂扣" in body and "状态变更" in body

    def test_auxiliary_staff_only_assist(self, client, officer, agencies):
        helper = OfficerFactory(agency=agencies["east_market"], kind="auxiliary")
        client.force_login(officer)
        body = html(client.get(f"/registry/officers/{helper.pk}/"))
        assert "送达文书" in body and "只能从事事务性工作" in body

    def test_rotation_flag(self, client, officer, agencies):
        person = OfficerFactory(
            agency=agencies["east_market"], is_key_post=True, post_since=date(TODAY.year - 6, 1, 1)
        )
        client.force_login(officer)
        assert "应当轮岗" in html(client.get(f"/registry/officers/{person.pk}/"))

    def test_only_the_buttons_the_user_may_use(self, client, officer, head, supervisor, east):
        url = f"/registry/officers/{east.pk}/"
        client.force_login(officer)
        body = html(client.get(url))
        assert (
            "修改信息" not in body
            and "核发证件" not in body
            and "登记培训" not in body
            and "暂扣" not in body
        )
        client.force_login(head)
        body = html(client.get(url))
        assert "修改信息" in body and "登记培训" in body and "登记考核" in body
        assert "核发证件" not in body and "记录审验" not in body
        client.force_login(supervisor)
        body = html(client.get(url))
        assert "核发证件" in body and "记录审验" in body and "暂扣" in body and "修改信息" not in body


# ---- officer forms ----------------------------------------------------------------------------------


class TestOfficerForms:
    def test_create(self, client, head, agencies):
        client.force_login(head)
        writes = Writes()
        response = client.post("/registry/officers/new/", officer_form(agencies["east_market"]))
        officer = Officer.objects.get(id_number=NEW_ID)
        assert response.status_code == 302 and response["Location"] == f"/registry/officers/{officer.pk}/"
        assert officer.agency == agencies["east_market"] and officer.name_initials == "ln"
        assert list(officer.fields.values_list("code", flat=True)) == ["market"]
        assert writes.new_records == 1
        assert Record.objects.for_subject(officer).get().action == "officer.create"

    def test_create_offers_only_the_agencies_the_user_manages(self, client, head, agencies):
        client.force_login(head)
        body = html(client.get("/registry/officers/new/"))
        assert "东区市场监督管理局" in body and "西县市场监督管理局" not in body
        response = client.post("/registry/officers/new/", officer_form(agencies["west_market"]))
        assert "选择一个有效的选项" in html(response)
        assert not Officer.objects.exists()

    def test_create_errors_keep_the_input(self, client, head, agencies):
        client.force_login(head)
        writes = Writes()
        response = client.post(
            "/registry/officers/new/", officer_form(agencies["east_market"], id_number="110105199001011234")
        )
        body = html(response)
        assert response.status_code == 200
        assert "身份证号码无效：校验位不正确" in body
        assert 'value="李娜"' in body and 'value="二中队"' in body and 'value="110105199001011234"' in body
        assert not Officer.objects.exists() and writes.new_records == 0

        body = html(
            client.post(
                "/registry/officers/new/", officer_form(agencies["east_market"], name="", id_number="123")
            )
        )
        assert REQUIRED in body and "身份证号码无效：长度不正确" in body  # every error at once
        assert not Officer.objects.exists()

    def test_duplicate_id_number(self, client, head, east, agencies):
        client.force_login(head)
        body = html(
            client.post(
                "/registry/officers/new/", officer_form(agencies["east_market"], id_number=east.id_number)
            )
        )
        assert "身份证号码" in body and "已存在" in body
        assert Officer.objects.count() == 1

    def test_link_a_login_account_of_the_same_agency(self, client, head, officer, other_officer, agencies):
        client.force_login(head)
        response = client.post(
            "/registry/officers/new/", officer_form(agencies["east_market"], user=str(other_officer.pk))
        )
        assert "所选登录账号不在您管理的范围内，或已关联其他执法人员" in html(response)  # 西县's account
        client.post("/registry/officers/new/", officer_form(agencies["east_market"], user=str(officer.pk)))
        assert Officer.objects.get(id_number=NEW_ID).user == officer

    def test_edit(self, client, head, east):
        client.force_login(head)
        writes = Writes()
        form = officer_form(name="张伟", id_number=east.id_number, post="法制科", is_key_post="on")
        response = client.post(f"/registry/officers/{east.pk}/edit/", form)
        assert response.status_code == 302
        east.refresh_from_db()
        assert east.post == "法制科" and east.is_key_post
        assert writes.new_records == 1

    def test_edit_form_shows_the_current_values(self, client, head, east):
        client.force_login(head)
        body = html(client.get(f"/registry/officers/{east.pk}/edit/"))
        assert 'value="张伟"' in body and 'value="一中队"' in body
        assert 'name="agency"' not in body  # the agency is not changed here

    def test_edit_error(self, client, head, east, agencies):
        other = OfficerFactory(agency=agencies["east_market"])
        client.force_login(head)
        writes = Writes()
        response = client.post(
            f"/registry/officers/{east.pk}/edit/",
            officer_form(name="张伟", id_number=other.id_number, post="法制科"),
        )
        body = html(response)
        assert response.status_code == 200 and "已存在" in body and 'value="法制科"' in body
        east.refresh_from_db()
        assert east.post == "一中队" and writes.new_records == 0


# ---- certificate forms ------------------------------------------------------------------------------


def certificate_form(**overrides):
    return {
        "number": "JZ20260099",
        "kind": "enforcement",
        "issuer": "东区司法局",
        "issued_on": "2026-01-01",
        "expires_on": "2031-01-01",
        "certificate_fields": ["market", "urban"],
        **overrides,
    }


class TestCertificateForms:
    def test_issue(self, client, supervisor, east):
        client.force_login(supervisor)
        writes = Writes()
        response = client.post(
            f"/registry/officers/{east.pk}/certificates/new/", certificate_form(number="jz20260099")
        )
        assert response.status_code == 302
        certificate = Certificate.objects.get(number="JZ20260099")
        assert certificate.officer == east and set(certificate.fields.values_list("code", flat=True)) == {
            "market",
            "urban",
        }
        assert writes.new_records == 1

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"expires_on": "2025-01-01"}, "有效期至应晚于发证日期"),
            ({"number": "JZ-1"}, "执法证号应为8至20位数字或大写字母"),
            ({"number": "JZ20250001"}, "已存在"),
            ({"certificate_fields": []}, "请选择执法领域"),
            ({"issued_on": ""}, REQUIRED),
        ],
    )
    def test_issue_errors(self, client, supervisor, east, overrides, message):
        client.force_login(supervisor)
        writes = Writes()
        response = client.post(
            f"/registry/officers/{east.pk}/certificates/new/", certificate_form(**overrides)
        )
        body = html(response)
        assert response.status_code == 200 and message in body
        assert 'value="东区司法局"' in body
        assert Certificate.objects.count() == 1 and writes.new_records == 0

    def test_auxiliary_staff_get_no_certificate(self, client, supervisor, agencies):
        helper = OfficerFactory(agency=agencies["east_market"], kind="auxiliary")
        client.force_login(supervisor)
        body = html(client.post(f"/registry/officers/{helper.pk}/certificates/new/", certificate_form()))
        assert "行政执法辅助人员不能申领行政执法证件" in body
        assert not helper.certificates.exists()

    def test_suspend_restore_revoke(self, client, supervisor, east_certificate):
        client.force_login(supervisor)
        url = f"/registry/certificates/{east_certificate.pk}/status/"
        writes = Writes()
        for status in ("suspended", "valid", "revoked"):
            response = client.post(url, {"status": status, "reason": f"原因{status}"})
            assert response.status_code == 302
            east_certificate.refresh_from_db()
            assert east_certificate.status == status and east_certificate.status_reason == f"原因{status}"
        assert writes.new_records == 3

    def test_status_errors(self, client, supervisor, east_certificate):
        client.force_login(supervisor)
        url = f"/registry/certificates/{east_certificate.pk}/status/"
        body = html(client.post(url, {"status": "suspended", "reason": ""}))
        assert REQUIRED in body
        Certificate.objects.filter(pk=east_certificate.pk).update(status="revoked")
        writes = Writes()
        body = html(client.post(url, {"status": "valid", "reason": "误操作"}))
        assert "已吊销的证件不能再变更状态" in body and "误操作" in body
        east_certificate.refresh_from_db()
        assert east_certificate.status == "revoked" and writes.new_records == 0

    def test_record_check(self, client, supervisor, east_certificate):
        client.force_login(supervisor)
        writes = Writes()
        url = f"/registry/certificates/{east_certificate.pk}/check/"
        assert client.post(url, {"last_checked_on": TODAY.isoformat()}).status_code == 302
        east_certificate.refresh_from_db()
        assert east_certificate.last_checked_on == TODAY and writes.new_records == 1

    def test_record_check_error(self, client, supervisor, east_certificate):
        client.force_login(supervisor)
        writes = Writes()
        url = f"/registry/certificates/{east_certificate.pk}/check/"
        future = (TODAY + timedelta(days=3)).isoformat()
        body = html(client.post(url, {"last_checked_on": future}))
        assert "审验日期应在发证日期之后且不晚于今天" in body and future in body
        assert html(client.post(url, {"last_checked_on": "not a date"})).count("输入一个有效的日期") == 1
        east_certificate.refresh_from_db()
        assert east_certificate.last_checked_on is None and writes.new_records == 0


# ---- training and assessment ------------------------------------------------------------------------


class TestTrainingAndAssessment:
    def test_add_training_with_a_file(self, client, head, east, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        client.force_login(head)
        writes = Writes()
        upload = SimpleUploadedFile("结业证书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
        data = {
            "on": f"{TODAY.year}-02-01",
            "hours": "12.5",
            "kind": "public_law",
            "title": "公共法律知识",
            "provider": "市司法局",
        }
        response = client.post(
            f"/registry/officers/{east.pk}/trainings/new/", {**data, "certificate_file": upload}
        )
        assert response.status_code == 302
        training = TrainingRecord.objects.get(title="公共法律知识")
        assert str(training.hours) == "12.5" and training.certificate_file
        assert writes.new_records == 1
        download = client.get(f"/registry/trainings/{training.pk}/file/")
        assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"
        assert "尚差39.5</span>" in html(client.get(f"/registry/officers/{east.pk}/"))  # 8 + 12.5 of 60

    def test_add_training_errors(self, client, head, east, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        client.force_login(head)
        writes = Writes()
        url = f"/registry/officers/{east.pk}/trainings/new/"
        data = {"on": f"{TODAY.year}-02-01", "hours": "0", "kind": "business", "title": "执法技能"}
        body = html(client.post(url, data))
        assert "确保该值大于或等于" in body and 'value="执法技能"' in body
        body = html(client.post(url, {**data, "hours": "4", "title": ""}))
        assert REQUIRED in body
        exe = SimpleUploadedFile("a.exe", b"MZ", content_type="application/octet-stream")
        body = html(client.post(url, {**data, "hours": "4", "certificate_file": exe}))
        assert "结业证明只接受PDF或JPG/PNG图片" in body
        assert east.trainings.count() == 1 and writes.new_records == 0

    def test_set_assessment_twice_keeps_the_last(self, client, head, east):
        client.force_login(head)
        writes = Writes()
        url = f"/registry/officers/{east.pk}/assessments/new/"
        assert client.post(url, {"year": "2025", "grade": "competent", "note": ""}).status_code == 302
        assert client.post(url, {"year": "2025", "grade": "excellent", "note": "表现突出"}).status_code == 302
        assessment = Assessment.objects.get(officer=east, year=2025)
        assert assessment.grade == "excellent" and assessment.note == "表现突出"
        assert writes.new_records == 2

    def test_assessment_error(self, client, head, east):
        client.force_login(head)
        body = html(
            client.post(f"/registry/officers/{east.pk}/assessments/new/", {"year": "2025", "note": "缺等次"})
        )
        assert REQUIRED in body and "缺等次" in body
        assert not Assessment.objects.exists()


# ---- certificates list ------------------------------------------------------------------------------


class TestCertificateList:
    @pytest.fixture
    def certificates(self, agencies):
        def holder(name):
            return OfficerFactory(agency=agencies["east_market"], name=name)

        return {
            "expiring": CertificateFactory(
                officer=holder("甲"), number="EXPIRING01", expires_on=TODAY + timedelta(days=10)
            ),
            "expired": CertificateFactory(
                officer=holder("乙"),
                number="EXPIRED001",
                issued_on=date(2019, 1, 1),
                expires_on=TODAY - timedelta(days=1),
            ),
            "recheck": CertificateFactory(
                officer=holder("丙"),
                number="RECHECK001",
                issued_on=TODAY - timedelta(days=3 * 365),
                expires_on=TODAY + timedelta(days=700),
            ),
            "fine": CertificateFactory(
                officer=holder("丁"),
                number="FINE000001",
                issued_on=TODAY - timedelta(days=30),
                expires_on=TODAY + timedelta(days=1000),
            ),
        }

    @pytest.mark.parametrize("state", ["expiring", "expired", "recheck"])
    def test_state_filters_and_export(self, client, officer, certificates, state):
        client.force_login(officer)
        body = html(client.get("/registry/certificates/", {"state": state}))
        shown = {key for key, c in certificates.items() if c.number in body}
        assert shown == {state}
        rows = xlsx_rows(client.get("/registry/certificates/export.xlsx", {"state": state}))
        assert [row[3] for row in rows[1:]] == [certificates[state].number]

    def test_all_and_search(self, client, officer, certificates):
        client.force_login(officer)
        body = html(client.get("/registry/certificates/"))
        assert all(c.number in body for c in certificates.values()) and "过期" in body
        body = html(client.get("/registry/certificates/", {"q": "fine000001"}))
        assert "FINE000001" in body and "EXPIRED001" not in body


# ---- bodies -----------------------------------------------------------------------------------------


class TestBodies:
    def test_list_detail_history_and_export(self, client, officer, confirmed_body):
        client.force_login(officer)
        body = html(client.get("/registry/bodies/"))
        assert "东区市场监督管理局" in body and "已确认" in body
        body = html(client.get(f"/registry/bodies/{confirmed_body.pk}/"))
        assert "新设" in body and "确认" in body and "东政函〔2026〕1号" in body
        assert "body-actions" not in body  # no buttons for an officer
        rows = xlsx_rows(client.get("/registry/bodies/export.xlsx"))
        assert rows[1][0] == "东区市场监督管理局" and rows[1][5] == "已确认"

    def test_register(self, client, supervisor, agencies):
        client.force_login(supervisor)
        body = html(client.get("/registry/bodies/new/"))
        assert "东区市场监督管理局" in body and "西县市场监督管理局" not in body
        writes = Writes()
        response = client.post(
            "/registry/bodies/new/",
            {"agency": agencies["east_market"].pk, "standing": "statutory", "on": TODAY.isoformat()},
        )
        created = EnforcementBody.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/registry/bodies/{created.pk}/"
        assert created.name == "东区市场监督管理局" and created.status == BodyStatus.PENDING
        assert created.changes.get().kind == BodyChangeKind.ESTABLISH
        assert writes.new_records == 1

    def test_register_errors_from_the_rules(self, client, supervisor, agencies):
        zone_team = AgencyFactory(
            name="东区综合行政执法队", region=agencies["east_market"].region, kind="comprehensive"
        )
        client.force_login(supervisor)
        writes = Writes()
        body = html(
            client.post(
                "/registry/bodies/new/",
                {
                    "agency": agencies["east_market"].pk,
                    "standing": "authorized",
                    "name": "东区某中心",
                    "on": "2026-01-01",
                },
            )
        )
        assert "法律法规授权组织须写明授权的法律法规条款" in body and 'value="东区某中心"' in body
        body = html(
            client.post(
                "/registry/bodies/new/", {"agency": zone_team.pk, "standing": "statutory", "on": "2026-01-01"}
            )
        )
        assert "不能确认为行政执法主体" in body
        body = html(client.post("/registry/bodies/new/", {"standing": "statutory", "on": "2026-01-01"}))
        assert REQUIRED in body
        assert not EnforcementBody.objects.exists() and writes.new_records == 0

    def test_confirm_announce_rename(self, client, supervisor, east_body):
        client.force_login(supervisor)
        writes = Writes()
        response = client.post(
            f"/registry/bodies/{east_body.pk}/confirm/",
            {
                "confirmed_by": "东区人民政府",
                "confirmation_document": "东政函〔2026〕9号",
                "confirmed_on": TODAY.isoformat(),
            },
        )
        assert response.status_code == 302
        east_body.refresh_from_db()
        assert (
            east_body.status == BodyStatus.CONFIRMED
            and east_body.confirmation_document == "东政函〔2026〕9号"
        )
        response = client.post(
            f"/registry/bodies/{east_body.pk}/announce/",
            {"announcement": "现予公告。", "announced_on": TODAY.isoformat()},
        )
        assert response.status_code == 302
        east_body.refresh_from_db()
        assert east_body.is_public
        response = client.post(
            f"/registry/bodies/{east_body.pk}/rename/",
            {"name": "东区市场监管局", "document": "", "on": TODAY.isoformat()},
        )
        east_body.refresh_from_db()
        assert response.status_code == 302 and east_body.name == "东区市场监管局"
        assert east_body.status == BodyStatus.PENDING
        assert writes.new_records == 3
        assert list(east_body.changes.values_list("kind", flat=True)) == [
            "establish",
            "confirm",
            "announce",
            "rename",
        ]

    def test_action_errors_next_to_the_fields(self, client, supervisor, east_body):
        client.force_login(supervisor)
        writes = Writes()
        body = html(
            client.post(
                f"/registry/bodies/{east_body.pk}/confirm/",
                {
                    "confirmed_by": "东区人民政府",
                    "confirmation_document": "",
                    "confirmed_on": TODAY.isoformat(),
                },
            )
        )
        assert REQUIRED in body and 'value="东区人民政府"' in body
        body = html(
            client.post(
                f"/registry/bodies/{east_body.pk}/announce/",
                {"announcement": "提前公告", "announced_on": TODAY.isoformat()},
            )
        )
        assert "只有经确认的执法主体才能公告" in body and "提前公告" in body
        body = html(
            client.post(
                f"/registry/bodies/{east_body.pk}/rename/", {"name": east_body.name, "on": TODAY.isoformat()}
            )
        )
        assert "请填写新的主体名称" in body
        body = html(
            client.post(f"/registry/bodies/{east_body.pk}/merge/", {"document": "x", "on": TODAY.isoformat()})
        )
        assert "请选择要并入的执法主体" in body
        body = html(
            client.post(
                f"/registry/bodies/{east_body.pk}/revoke/",
                {"document": "东政〔2026〕2号", "on": TODAY.isoformat()},
            )
        )
        assert REQUIRED in body and "东政〔2026〕2号" in body
        east_body.refresh_from_db()
        assert east_body.status == BodyStatus.PENDING and writes.new_records == 0
        assert BodyChange.objects.filter(body=east_body).count() == 1

    def test_merge_and_revoke(self, client, supervisor, east_body, agencies):
        other = services.body_register(actor=None, agency=agencies["east_justice"], standing="statutory")
        client.force_login(supervisor)
        body = html(client.get(f"/registry/bodies/{east_body.pk}/merge/"))
        assert "东区司法局" in body
        writes = Writes()
        response = client.post(
            f"/registry/bodies/{east_body.pk}/merge/",
            {"bodies": [other.pk], "document": "东编〔2026〕1号", "on": TODAY.isoformat()},
        )
        assert response.status_code == 302
        other.refresh_from_db()
        assert other.status == BodyStatus.MERGED and other.merged_into == east_body
        response = client.post(
            f"/registry/bodies/{east_body.pk}/revoke/",
            {"reason": "机构撤销", "document": "", "on": TODAY.isoformat()},
        )
        east_body.refresh_from_db()
        assert response.status_code == 302 and east_body.status == BodyStatus.REVOKED
        assert writes.new_records == 3  # merged body, receiving body, revoke
        assert "body-actions" not in html(client.get(f"/registry/bodies/{east_body.pk}/"))

    def test_actions_shown_by_status(self, client, supervisor, head, east_body, confirmed_body):
        client.force_login(head)
        assert "body-actions" not in html(client.get(f"/registry/bodies/{east_body.pk}/"))
        client.force_login(supervisor)
        body = html(client.get(f"/registry/bodies/{confirmed_body.pk}/"))
        assert "/announce/" in body and "/confirm/" not in body and "/revoke/" in body


# ---- compliance -------------------------------------------------------------------------------------


class TestCompliance:
    def test_ratios_and_training(self, client, agencies, make_user):
        market = agencies["east_market"]
        for n in range(21):
            OfficerFactory(agency=market, name=f"员{n:02d}")
        make_user(market, RoleCode.LEGAL_REVIEWER)
        done = OfficerFactory(agency=market, name="达标者")
        TrainingFactory(officer=done, on=date(2026, 3, 1), hours=60)
        client.force_login(make_user(market, RoleCode.OFFICER))
        body = html(client.get("/registry/compliance/", {"year": 2026}))
        # 22 officers: 2 reviewers required (5%, rounded up), 1 present → 1 short; 21 short of training
        assert "东区市场监督管理局" in body and "21人" in body
        cells = body.split('data-testid="compliance-table"', 1)[1].split("</tr>", 2)[1]
        assert "<td>22</td><td>1</td><td>2</td>" in cells

    def test_training_shortfall_per_agency(self, client, officer, agencies):
        market = agencies["east_market"]
        done = OfficerFactory(agency=market, name="达标者")
        TrainingFactory(officer=done, on=date(2026, 3, 1), hours=60)
        short = OfficerFactory(agency=market, name="欠学时者")
        TrainingFactory(officer=short, on=date(2026, 3, 1), hours=10)
        client.force_login(officer)
        url = f"/registry/compliance/{market.pk}/training/"
        body = html(client.get(url, {"year": 2026}))
        assert "欠学时者" in body and "尚差50</span>" in body and "达标者" not in body
        assert "达标者" in html(client.get(url, {"year": 2026, "all": "1"}))
        rows = xlsx_rows(client.get(f"{url}export.xlsx", {"year": 2026}))
        assert rows[1][0] == "欠学时者" and rows[1][5] == 50
        refused = client.get(url, {"year": "abc"})
        assert refused.status_code == 400 and "“年度”应为2000至2100之间的整数" in html(refused)


# ---- Excel import -----------------------------------------------------------------------------------


filled = partial(helpers.upload, excel)  # the registry's template with rows typed in, as an upload


class TestImport:
    def test_page_states_all_or_nothing_and_offers_templates(self, client, head):
        client.force_login(head)
        body = html(client.get("/registry/import/"))
        assert "文件中任何一行有误时，整个文件都不会导入；请修改后重新上传。" in body
        assert (
            "/registry/import/template/officers/" in body
            and "/registry/import/template/certificates/" not in body
        )
        response = client.get("/registry/import/template/officers/")
        assert response.status_code == 200 and response["Content-Type"] == XLSX_TYPE
        assert client.get("/registry/import/template/certificates/").status_code == 403
        assert client.get("/registry/import/template/cases/").status_code == 404

    def test_upload_imports(self, client, head, agencies):
        client.force_login(head)
        writes = Writes()
        upload = filled("officers", ["王五", NEW_ID, "行政执法人员", "三中队", "否", None, None, "市场监管"])
        body = html(
            client.post(
                "/registry/import/",
                {"kind": "officers", "agency": agencies["east_market"].pk, "file": upload},
            )
        )
        assert "导入成功" in body and "共1条" in body
        assert Officer.objects.get().name == "王五" and writes.new_records == 1

    def test_bad_rows_are_listed_and_nothing_is_imported(self, client, head, agencies):
        client.force_login(head)
        upload = filled(
            "officers",
            ["王五", NEW_ID, "行政执法人员", "", "", None, None, ""],
            ["赵六", "110105199001011234", "临时工", "", "", None, None, ""],
        )
        body = html(
            client.post(
                "/registry/import/",
                {"kind": "officers", "agency": agencies["east_market"].pk, "file": upload},
            )
        )
        assert "整个文件未导入" in body and "<th>行号</th><th>列</th><th>原因</th>" in body
        assert "<td>3</td><td>身份证号码</td>" in body and "<td>3</td><td>人员类别</td>" in body
        assert not Officer.objects.exists()

    def test_form_errors(self, client, head, agencies):
        client.force_login(head)
        body = html(
            client.post("/registry/import/", {"kind": "officers", "agency": agencies["west_market"].pk})
        )
        assert REQUIRED in body and "选择一个有效的选项" in body
        txt = SimpleUploadedFile("a.csv", b"x", content_type="text/csv")
        body = html(
            client.post(
                "/registry/import/", {"kind": "officers", "agency": agencies["east_market"].pk, "file": txt}
            )
        )
        assert "请上传.xlsx格式的Excel文件" in body

    def test_supervisor_imports_certificates(self, client, supervisor, east, agencies):
        client.force_login(supervisor)
        body = html(client.get("/registry/import/"))
        assert (
            "/registry/import/template/certificates/" in body
            and "/registry/import/template/officers/" not in body
        )
        upload = filled(
            "certificates",
            [
                east.id_number,
                "JZ20260777",
                "行政执法证",
                "东区司法局",
                "2026-01-01",
                "2031-01-01",
                "市场监管",
            ],
        )
        body = html(
            client.post(
                "/registry/import/",
                {"kind": "certificates", "agency": agencies["east_market"].pk, "file": upload},
            )
        )
        assert "导入成功" in body
        assert east.certificates.filter(number="JZ20260777").exists()
        body = html(
            client.post("/registry/import/", {"kind": "officers", "agency": agencies["east_market"].pk})
        )
        assert "选择一个有效的选项" in body


# ---- public pages -----------------------------------------------------------------------------------


class TestPublic:
    def test_officers_of_an_agency_without_login(self, client, east, agencies):
        OfficerFactory(agency=agencies["east_market"], name="无证者")
        suspended = OfficerFactory(agency=agencies["east_market"], name="停证者")
        CertificateFactory(officer=suspended, status=CertificateStatus.SUSPENDED)
        response = client.get(f"/gs/agencies/{agencies['east_market'].pk}/officers/")
        body = html(response)
        assert response.status_code == 200
        assert "张伟" in body and "JZ20250001" in body and "市场监管" in body and "东区市场监督管理局" in body
        assert "无证者" not in body and "停证者" not in body
        assert east.id_number not in body and east.id_number[-6:] not in body
        assert "主菜单" not in body and "退出" not in body
        assert client.get("/gs/agencies/999999/officers/").status_code == 404

    def test_announced_bodies_without_login(self, client, confirmed_body, agencies, east):
        services.body_announce(
            actor=None, body=confirmed_body, text="东区市场监督管理局为行政执法主体。", on=TODAY
        )
        services.body_register(
            actor=None, agency=agencies["east_justice"], standing="statutory"
        )  # not announced
        body = html(client.get("/gs/bodies/"))
        assert "东区市场监督管理局为行政执法主体。" in body and "东区司法局" not in body
        assert f"/gs/agencies/{agencies['east_market'].pk}/officers/" in body
        assert east.id_number not in body

    def test_public_pages_show_the_same_when_signed_in(self, client, officer, east, agencies):
        client.force_login(officer)
        body = html(client.get(f"/gs/agencies/{agencies['east_market'].pk}/officers/"))
        assert "张伟" in body and "主菜单" not in body


class TestPersonalDataByNeed:
    """Full ID numbers only for the agency's personnel managers and the person themself (个人信息保护法
    第六条); everyone else gets **************1234 in the page, the export and the API."""

    def masked(self, officer):
        return "*" * 14 + officer.id_number[-4:]

    def test_a_fellow_officer_sees_masked_numbers_everywhere(self, client, officer, east):
        client.force_login(officer)
        assert self.masked(east) in html(client.get(f"/registry/officers/{east.pk}/"))
        assert east.id_number not in html(client.get(f"/registry/officers/{east.pk}/"))
        rows = xlsx_rows(client.get("/registry/officers/export.xlsx"))
        assert [row[:2] for row in rows[1:]] == [("张伟", self.masked(east))]
        assert client.get(f"/api/registry/officers/{east.pk}").json()["id_number_masked"] == self.masked(east)

    def test_the_personnel_manager_sees_them_in_full(self, client, head, east):
        client.force_login(head)
        assert east.id_number in html(client.get(f"/registry/officers/{east.pk}/"))
        rows = xlsx_rows(client.get("/registry/officers/export.xlsx"))
        assert [row[:2] for row in rows[1:]] == [("张伟", east.id_number)]
        # The API never carries a full ID number, whoever asks (tests/registry/test_api.py checks every call).
        assert client.get(f"/api/registry/officers/{east.pk}").json()["id_number_masked"] == self.masked(east)

    def test_the_person_sees_their_own(self, client, officer, east):
        type(east).objects.filter(pk=east.pk).update(user=officer)
        client.force_login(officer)
        assert east.id_number in html(client.get(f"/registry/officers/{east.pk}/"))

    def test_the_justice_bureau_issuing_certificates_sees_them_masked(self, client, supervisor, east):
        client.force_login(supervisor)
        rows = xlsx_rows(client.get("/registry/certificates/export.xlsx"))
        assert [row[:2] for row in rows[1:]] == [("张伟", self.masked(east))]
