"""执法领域 kept by the 系统管理员 (no Django admin): the list with search and pages, add, edit the name and
order, 停用 and 启用 — through the page and the API alike, recorded and audited, refused by field with
nothing written; a county's admin reads it only, business users cannot change it; a 停用 field is not
offered for a new certificate."""

import pytest

from zhifa.accounts.choices import RoleCode
from zhifa.audit.choices import AuditAction
from zhifa.audit.models import AuditEntry
from zhifa.core.models import Record
from zhifa.registry import services
from zhifa.registry.forms import CertificateIssueForm
from zhifa.registry.models import EnforcementField

pytestmark = pytest.mark.django_db


@pytest.fixture
def keeper(agencies, make_user):
    """The city's 系统管理员 (a top-level region): keeps the list."""
    return make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="city_sys")


@pytest.fixture
def county_admin(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SYSTEM_ADMIN, username="east_sys")


def counts() -> tuple[int, int, int]:
    """Fields, records and 管理操作 audit entries (a login and a refused request are audit entries too)."""
    admin = AuditEntry.objects.filter(action=AuditAction.ADMIN_ACTION)
    return EnforcementField.objects.count(), Record.objects.count(), admin.count()


def test_the_list_searches_and_pages_in_its_order(keeper, client):
    client.force_login(keeper)
    page = client.get("/registry/fields/", {"page_size": 10}).content.decode()
    assert "共 13 条，第 1/2 页" in page
    assert page.index("农业农村") < page.index("商务") < page.index("文化市场")  # 10, 20, 30 (code order)
    found = client.get("/registry/fields/", {"q": "市场"}).content.decode()
    assert "市场监管" in found and "文化市场" in found and "生态环境" not in found
    assert 'href="/registry/fields/market/edit/"' in found and "新增执法领域" in found


def test_add_edit_deactivate_and_activate_through_the_pages(keeper, client):
    client.force_login(keeper)
    created = client.post("/registry/fields/new/", {"name": "税务", "ordering": "15"})
    assert (created.status_code, created["Location"]) == (302, "/registry/fields/")
    field = EnforcementField.objects.get(name="税务")  # people see the name; the code is made up
    assert (field.code, field.ordering, field.active) == ("f1", 15, True)
    edited = client.post("/registry/fields/f1/edit/", {"name": "税务稽查", "ordering": "5"})
    assert edited.status_code == 302
    assert client.post("/registry/fields/f1/deactivate/").status_code == 302
    field.refresh_from_db()
    assert (field.name, field.ordering, field.active) == ("税务稽查", 5, False)
    stopped = client.get("/registry/fields/", {"active": "0"}).content.decode()
    assert "税务稽查" in stopped and "市场监管" not in stopped
    assert client.post("/registry/fields/f1/activate/").status_code == 302
    field.refresh_from_db()
    assert field.active is True
    actions = list(
        Record.objects.filter(subject_type="registry.enforcementfield", subject_id="f1")
        .order_by("id")
        .values_list("action", "agency__name")
    )
    assert actions == [
        ("registry_field.create", "测试市司法局"),
        ("registry_field.update", "测试市司法局"),
        ("registry_field.deactivate", "测试市司法局"),
        ("registry_field.activate", "测试市司法局"),
    ]
    assert AuditEntry.objects.filter(object_id="f1").count() == 4
    second = client.post("/registry/fields/new/", {"name": "烟草专卖", "ordering": "16"})
    assert second.status_code == 302 and EnforcementField.objects.get(name="烟草专卖").code == "f2"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": " ", "ordering": 1}, "name", "请填写名称"),
        ({"name": "市场监管", "ordering": 1}, "name", "“名称”市场监管已被另一执法领域使用"),
        ({"name": "税务", "ordering": None}, "ordering", "请填写排序"),
        ({"name": "税务", "ordering": 10000}, "ordering", "“排序”应为0至9999的整数"),
    ],
)
def test_refusals_name_the_field_and_write_nothing_on_page_and_api(keeper, client, data, field, message):
    client.force_login(keeper)
    before = counts()
    page = client.post("/registry/fields/new/", {k: "" if v is None else v for k, v in data.items()})
    assert page.status_code == 200 and page.context["form"].errors[field] == [message]
    api = client.post("/api/registry/fields", data, content_type="application/json")
    assert api.status_code == 422 and {"loc": ["body", field], "msg": message} in api.json()["detail"]
    assert counts() == before


@pytest.mark.parametrize(
    ("code", "message"),
    [("Tax!", "“代码”应为32位以内的小写字母、数字、-或_"), ("market", "“代码”market已被使用")],
)
def test_an_integration_may_give_the_code_checked(keeper, client, code, message):
    client.force_login(keeper)
    before = counts()
    data = {"code": code, "name": "税务", "ordering": 1}
    api = client.post("/api/registry/fields", data, content_type="application/json")
    assert api.status_code == 422 and api.json()["detail"] == [{"loc": ["body", "code"], "msg": message}]
    assert counts() == before
    made = client.post("/api/registry/fields", {**data, "code": "tax"}, content_type="application/json")
    assert made.status_code == 201 and made.json() == {
        "code": "tax",
        "name": "税务",
        "ordering": 1,
        "active": True,
    }


def test_the_api_lists_edits_and_switches(keeper, client):
    client.force_login(keeper)
    listed = client.get("/api/registry/fields", {"q": "生态"}).json()
    assert listed["items"] == [{"code": "ecology", "name": "生态环境", "ordering": 40, "active": True}]
    updated = client.put(
        "/api/registry/fields/ecology",
        {"name": "生态环境保护", "ordering": 1},
        content_type="application/json",
    )
    assert updated.json() == {"code": "ecology", "name": "生态环境保护", "ordering": 1, "active": True}
    assert client.post("/api/registry/fields/ecology/deactivate").json()["active"] is False
    again = client.post("/api/registry/fields/ecology/deactivate")
    assert again.status_code == 422
    assert {"loc": ["body", "active"], "msg": "执法领域“生态环境保护”已停用"} in again.json()["detail"]
    assert client.get("/api/registry/fields", {"active": "0"}).json()["items"][0]["code"] == "ecology"
    assert (
        client.put(
            "/api/registry/fields/nothing", {"name": "无"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_a_countys_admin_reads_only_and_business_users_cannot_change(county_admin, officer, client):
    before = counts()
    client.force_login(county_admin)
    page = client.get("/registry/fields/").content.decode()
    assert 'data-testid="fields-read-only"' in page and "/registry/fields/market/edit/" not in page
    assert client.get("/registry/fields/market/edit/").status_code == 403
    assert client.post("/registry/fields/market/deactivate/").status_code == 403
    refused = client.post(
        "/api/registry/fields",
        {"code": "tax", "name": "税务", "ordering": 1},
        content_type="application/json",
    )
    assert refused.status_code == 403
    client.force_login(officer)
    assert client.get("/api/registry/fields").status_code == 200  # reference data: everyone reads it
    assert client.post("/api/registry/fields/market/deactivate").status_code == 403
    assert client.get("/registry/fields/new/").status_code == 403
    assert counts() == before
    assert "执法领域" not in [i["label"] for m in _menu(officer) for i in m["items"]]
    assert "执法领域" in [i["label"] for m in _menu(county_admin) for i in m["items"]]


def _menu(user):
    from zhifa.core.menu import menu_for

    return menu_for(user)


def test_a_new_certificate_covers_no_field_that_is_stopped(keeper):
    services.field_deactivate(actor=keeper, field=EnforcementField.objects.get(code="water"))
    offered = [f.code for f in CertificateIssueForm().fields["certificate_fields"].queryset]
    assert "water" not in offered and offered[:3] == ["agriculture", "commerce", "culture"]
