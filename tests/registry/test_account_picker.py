"""The officer form's 登录账号 picker: a region's keeper may see thousands of accounts, so past a few dozen it
searches /api/registry/officers/accounts/search (active accounts in the staff-records scope not yet linked to
an officer) and the page renders only the chosen one; a posted account outside is refused naming the field."""

import re

import pytest

from tests.factories import OfficerFactory
from tests.registry.test_views import NEW_ID, head, officer_form  # noqa: F401  (the fixture)
from zhifa.accounts.choices import RoleCode
from zhifa.registry.models import Officer

pytestmark = pytest.mark.django_db

SEARCH = "/api/registry/officers/accounts/search"


def options(text: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', text, re.S)
    assert select, f"no select {name}"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def test_the_search_finds_unlinked_accounts_in_scope(client, head, make_user, agencies):  # noqa: F811
    free = make_user(agencies["east_market"], RoleCode.OFFICER, username="east_free", real_name="李娜")
    linked = make_user(agencies["east_market"], RoleCode.OFFICER, username="east_linked", real_name="李强")
    OfficerFactory(agency=agencies["east_market"], user=linked)
    make_user(agencies["west_market"], RoleCode.OFFICER, username="west_li", real_name="李四")
    client.force_login(head)
    assert client.get(SEARCH, {"q": "李"}).json() == [{"id": free.pk, "label": "李娜（east_free）"}]


def test_many_accounts_render_only_the_chosen_one(settings, client, head, make_user, agencies):  # noqa: F811
    settings.ZHIFA_PICKER_PLAIN_MAX = 2
    for i in range(3):
        make_user(agencies["east_market"], RoleCode.OFFICER, username=f"east_{i}")
    client.force_login(head)
    page = client.get("/registry/officers/new/").content.decode()
    assert options(page, "user") == [("", "请选择")]
    assert f'data-remote-search="{SEARCH}"' in page
    for i in range(30):
        make_user(agencies["east_market"], RoleCode.OFFICER, username=f"east_more_{i}")
    assert page.count("<option") == client.get("/registry/officers/new/").content.decode().count("<option")


def test_an_account_outside_the_scope_is_refused(settings, client, head, other_officer, agencies):  # noqa: F811
    settings.ZHIFA_PICKER_PLAIN_MAX = 0
    client.force_login(head)
    response = client.post(
        "/registry/officers/new/", officer_form(agencies["east_market"], user=str(other_officer.pk))
    )
    assert response.context["form"].errors["user"] == ["所选登录账号不在您管理的范围内，或已关联其他执法人员"]
    assert not Officer.objects.filter(id_number=NEW_ID).exists()
