"""Personal API tokens: stored hashed, shown once, usable as Bearer, revocable."""

import pytest

from zhifa.accounts import services
from zhifa.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_token_is_stored_only_as_a_hash(officer):
    token, key = services.api_token_create(actor=officer, name="市级平台对接")
    assert key.startswith("zf_") and key not in token.key_hash
    assert not ApiToken.objects.filter(key_hash=key).exists()


def test_bearer_token_calls_the_api_as_the_user(client, officer, agencies):
    _, key = services.api_token_create(actor=officer, name="对接")
    me = client.get("/api/accounts/me", **bearer(key)).json()
    assert me["username"] == officer.username and me["roles"] == ["officer"]
    assert client.get(f"/api/agencies/{agencies['west_market'].pk}", **bearer(key)).status_code == 404


def test_revoked_and_unknown_tokens_are_refused(client, officer):
    token, key = services.api_token_create(actor=officer, name="对接")
    services.api_token_revoke(actor=officer, token=token)
    assert client.get("/api/accounts/me", **bearer(key)).status_code == 401
    assert client.get("/api/accounts/me", **bearer("zf_nonsense")).status_code == 401


def test_only_the_owner_revokes(client, officer, other_officer):
    token, key = services.api_token_create(actor=officer, name="对接")
    client.force_login(other_officer)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert client.post(f"/api/accounts/tokens/{token.pk}/revoke").status_code == 404
    assert client.get("/api/accounts/me", **bearer(key)).status_code == 200


def test_tokens_page_shows_the_key_once(client, officer):
    client.force_login(officer)
    body = client.post("/accounts/tokens/", {"name": "对接"}).content.decode()
    key = body.split("<code>")[1].split("</code>")[0]
    assert key.startswith("zf_")
    assert key not in client.get("/accounts/tokens/").content.decode()


def test_api_token_endpoints(client, officer):
    client.force_login(officer)
    created = client.post("/api/accounts/tokens", {"name": "对接"}, content_type="application/json")
    assert created.status_code == 201 and created.json()["key"].startswith("zf_")
    assert (
        client.post("/api/accounts/tokens", {"name": ""}, content_type="application/json").status_code == 422
    )
    assert [t["name"] for t in client.get("/api/accounts/tokens").json()] == ["对接"]
