"""三员分立 and what each role may use."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhifa.accounts import services
from zhifa.accounts.choices import ADMIN_ROLES, BUSINESS_ROLES, RoleCode
from zhifa.accounts.models import User
from zhifa.core.menu import menu_for
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db


def menu_labels(user) -> set[str]:
    return {item["label"] for group in menu_for(user) for item in group["items"]}


@pytest.fixture
def security_admin(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SECURITY_ADMIN)


class TestSeparationOfThreeAdmins:
    @pytest.mark.parametrize("admin", sorted(ADMIN_ROLES))
    @pytest.mark.parametrize("other", sorted(ADMIN_ROLES | BUSINESS_ROLES))
    def test_an_admin_role_excludes_every_other_role(self, security_admin, officer, admin, other):
        if admin == other:
            return
        with pytest.raises(ValidationError, match="三员分立"):
            services.user_set_roles(actor=security_admin, user=officer, roles=[admin, other])
        assert officer.roles.get().code == RoleCode.OFFICER

    def test_business_roles_combine(self, security_admin, officer):
        services.user_set_roles(
            actor=security_admin, user=officer, roles=[RoleCode.OFFICER, RoleCode.UNIT_HEAD]
        )
        assert User.objects.get(pk=officer.pk).role_codes == {RoleCode.OFFICER, RoleCode.UNIT_HEAD}

    def test_role_change_is_recorded_on_the_users_agency_chain(self, security_admin, officer):
        services.user_set_roles(actor=security_admin, user=officer, roles=[RoleCode.LEGAL_REVIEWER])
        record = Record.objects.for_subject(officer).get(action="user.set_roles")
        assert record.actor_id == security_admin.pk and '"legal_reviewer"' in record.payload

    def test_admin_roles_get_staff_and_lose_it(self, security_admin, officer):
        services.user_set_roles(actor=security_admin, user=officer, roles=[RoleCode.AUDIT_ADMIN])
        assert User.objects.get(pk=officer.pk).is_staff
        services.user_set_roles(actor=security_admin, user=officer, roles=[RoleCode.OFFICER])
        assert not User.objects.get(pk=officer.pk).is_staff

    def test_only_the_security_admin_assigns_roles(self, agencies, make_user, officer):
        sysadmin = make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN)
        with pytest.raises(PermissionDenied):
            services.user_set_roles(actor=sysadmin, user=officer, roles=[RoleCode.AGENCY_HEAD])
        assert officer.roles.get().code == RoleCode.OFFICER

    def test_security_admin_cannot_reach_users_outside_the_region(self, make_user, agencies, officer):
        county_security = make_user(agencies["west_market"], RoleCode.SECURITY_ADMIN)
        with pytest.raises(Exception, match="未找到"):
            services.user_set_roles(actor=county_security, user=officer, roles=[RoleCode.AGENCY_HEAD])


class TestWhatEachRoleMayDo:
    def test_system_admin_manages_users_and_settings_but_reads_no_business_data(self, agencies, make_user):
        sysadmin = make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN)
        assert sysadmin.has_perm("accounts.add_user") and sysadmin.has_perm("core.change_holidayoverride")
        assert not sysadmin.has_perm("core.view_record")
        assert not sysadmin.has_perm("accounts.assign_roles")

    def test_audit_admin_only_reads_the_audit_log(self, agencies, make_user):
        auditor = make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN)
        assert auditor.get_all_permissions() == {"core.view_record", "audit.view_auditentry"}

    @pytest.mark.parametrize(
        ("role", "present", "absent"),
        [
            (
                RoleCode.OFFICER,
                {"工作台", "机关/机构", "API令牌"},
                {"安全审计日志", "账号管理", "节假日安排"},
            ),
            (RoleCode.SUPERVISOR, {"工作台", "机关/机构"}, {"安全审计日志", "账号管理"}),
            (
                RoleCode.SYSTEM_ADMIN,
                {
                    "账号管理",
                    "密码重置申请",
                    "节假日安排",
                    "节假日调整",
                    "文号格式",
                    "行政区划",
                    "机关维护",
                    "系统参数",
                },
                {"安全审计日志", "账号解锁", "角色授权", "密码重置审批"},
            ),
            (
                RoleCode.SECURITY_ADMIN,
                {"角色授权", "账号解锁", "密码重置审批"},
                {"安全审计日志", "机关/机构", "节假日安排", "账号管理", "系统参数"},
            ),
            (
                RoleCode.AUDIT_ADMIN,
                {"安全审计日志", "执法记录链"},
                {"机关/机构", "账号管理", "角色授权", "API令牌"},
            ),
        ],
    )
    def test_menu_fits_the_role(self, agencies, make_user, role, present, absent):
        labels = menu_labels(make_user(agencies["city_justice"], role))
        assert present <= labels
        assert not (absent & labels)


@pytest.mark.parametrize("role", sorted(ADMIN_ROLES))
def test_there_is_no_stock_admin_site_for_the_three_admins(client, agencies, make_user, role):
    """系统管理 is the 三员's own pages (Chinese, the product's look): /admin/ does not exist."""
    client.force_login(make_user(agencies["city_justice"], role))
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/core/record/").status_code == 404
