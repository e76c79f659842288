import pytest

pytestmark = pytest.mark.django_db


def test_health_needs_no_login(client):
    response = client.get("/api/health")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "执法通 API"
    assert "/api/agencies/{agency_id}" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_workday_endpoints(client, officer):
    client.force_login(officer)
    assert client.get("/api/workdays/2026-10-10").json() == {"date": "2026-10-10", "is_workday": True}
    assert client.get("/api/workdays/2026-09-30/plus/1").json()["date"] == "2026-10-08"
    assert client.get("/api/workdays/2026-13-40").status_code == 422


def test_pages_load_no_asset_from_the_internet(client, officer):
    """Government intranets are offline: every script and stylesheet is served by zhifa itself."""
    import re

    pages = [client.get("/accounts/login/")]
    client.force_login(officer)
    pages += [client.get("/api/docs"), client.get("/")]
    for page in pages:
        html, url = page.content.decode(), page.request["PATH_INFO"]
        assets = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert assets, url
        assert not [a for a in assets if a.startswith(("http:", "https:", "//"))], url
