"""The one agency picker (core.selectors.active_agencies): every form, page and filter offers the active
agencies the user may act for, in region-then-name order — never an inactive one, never another
region's."""

import re

import pytest

from tests.factories import AgencyFactory
from tests.helpers import Api, errors
from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record
from zhifa.core.selectors import active_agencies
from zhifa.registry.forms import BodyRegisterForm
from zhifa.registry.models import EnforcementBody

pytestmark = pytest.mark.django_db

MANAGE_BODY = "registry.manage_body"


@pytest.fixture
def supervisor(agencies, make_user):
    """东区司法局's supervisor: registers bodies for the whole of 东区 (region scope)."""
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def closed(agencies):
    """An agency of 东区 that no longer exists (merged away): kept for its history, never chosen."""
    return AgencyFactory(name="东区原食品药品监督管理局", region=agencies["east_market"].region, active=False)


def offered(response, name: str) -> dict[str, str]:
    """The options of the select `name` on the page: value → label."""
    html = response.content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select {name}"
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)))


def test_the_selector_offers_active_agencies_of_the_users_region_in_order(agencies, supervisor, closed):
    later = AgencyFactory(name="东区城市管理局", region=agencies["east_market"].region)
    names = [a.name for a in active_agencies(supervisor, MANAGE_BODY)]
    assert names == ["东区司法局", "东区城市管理局", "东区市场监督管理局"]
    assert closed.name not in names and "西县市场监督管理局" not in names
    assert later.active


def test_a_form_offers_what_the_selector_gives(agencies, supervisor, closed):
    form = BodyRegisterForm(actor=supervisor)
    entrusting = list(form.fields["entrusting_agency"].queryset)
    assert entrusting == list(active_agencies(supervisor, MANAGE_BODY))
    assert closed not in entrusting and agencies["west_market"] not in entrusting


def test_the_register_page_offers_neither_an_inactive_nor_another_regions_agency(
    client, agencies, supervisor, closed
):
    client.force_login(supervisor)
    response = client.get("/registry/bodies/new/")
    options = offered(response, "agency")
    assert options == {
        "": "请选择",
        str(agencies["east_justice"].pk): "东区司法局",
        str(agencies["east_market"].pk): "东区市场监督管理局",
    }
    assert offered(response, "entrusting_agency") == options
    assert "---------" not in response.content.decode()


def test_choosing_an_inactive_agency_is_refused_and_writes_nothing(client, agencies, supervisor, closed):
    client.force_login(supervisor)
    response = client.post(
        "/registry/bodies/new/", {"agency": closed.pk, "standing": "statutory", "on": "2026-01-05"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["agency"] == ["选择一个有效的选项： 该选择不在可用的选项中。"]
    assert not EnforcementBody.objects.exists()


def test_a_list_filter_offers_only_active_agencies(client, agencies, supervisor, closed):
    client.force_login(supervisor)
    options = offered(client.get("/registry/officers/"), "agency")
    assert str(closed.pk) not in options and str(agencies["west_market"].pk) not in options
    assert options[str(agencies["east_market"].pk)] == "东区市场监督管理局"


def test_the_api_refuses_an_inactive_agency_by_name_and_writes_nothing(client, agencies, supervisor, closed):
    api = Api(client, "/api/registry").login(supervisor)
    before = Record.objects.count()
    response = api.post("/bodies", {"agency_id": closed.pk, "standing": "statutory"})
    assert errors(response) == {"agency_id": "“东区原食品药品监督管理局”已停用，不能选择"}
    response = api.post(
        "/bodies",
        {"agency_id": agencies["east_market"].pk, "standing": "entrusted", "entrusting_agency_id": closed.pk},
    )
    assert errors(response) == {"entrusting_agency": "委托机关不存在或不在您的辖区内"}
    assert not EnforcementBody.objects.exists() and Record.objects.count() == before
    response = api.post("/bodies", {"agency_id": agencies["west_market"].pk, "standing": "statutory"})
    assert response.status_code == 404
