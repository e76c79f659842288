"""Page and API refuse the same ill-formed input of 个人API令牌 alike (tests/parity.py)."""

import pytest

from tests.parity import Door, check_door
from zhifa.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

TOKEN = Door(
    "新建API令牌",
    "zhifa_accounts_api_create_token",
    page="/accounts/tokens/",
    api="/api/accounts/tokens",
    good={"name": "与市级平台对接"},
    text_fields={"name": "用途"},
    bad=[
        ("name", "", "请填写令牌用途"),
        ("name", "  ", "请填写令牌用途"),
        ("name", "对" * 65, "“用途”最多64个字符"),
    ],
)


def test_page_and_api_refuse_alike(client, officer):
    check_door(client, officer, TOKEN, counted=(ApiToken,))


def test_a_refusal_stands_beside_the_field(client, officer):
    client.force_login(officer)
    response = client.post("/accounts/tokens/", {"name": "对" * 65})
    assert response.context["form"].errors == {"name": ["“用途”最多64个字符"]}
    assert f'value="{"对" * 65}"' in response.content.decode()
    assert not ApiToken.objects.exists()
