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


def test_api_list_sorts_are_the_lists_declared_columns(client, officer):
    """An API list's `sort` takes its values from the list's `Sorts` (core.sorting): the schema's enum is
    each declared column both ways and "" (the list's own order); anything else is a 422 naming `sort`."""
    from zhifa.collaboration.assistance.selectors import ASSISTANCE_SORTS
    from zhifa.collaboration.boundaries.selectors import BOUNDARY_SORTS
    from zhifa.collaboration.joint.selectors import ACTION_SORTS
    from zhifa.collaboration.meetings.selectors import MEETING_SORTS
    from zhifa.collaboration.notices.selectors import NOTICE_SORTS, SHARING_SORTS
    from zhifa.collaboration.referrals.selectors import REFERRAL_SORTS
    from zhifa.collaboration.transfers.selectors import TRANSFER_SORTS
    from zhifa.complaints.selectors import COMPLAINT_SORTS
    from zhifa.equipment.systems.selectors import SYSTEM_SORTS
    from zhifa.social.selectors import FEEDBACK_SORTS, POINT_SORTS, SUPERVISOR_SORTS, SURVEY_SORTS
    from zhifa.supervision.actions.selectors import ITEM_SORTS
    from zhifa.supervision.problems.selectors import PROBLEM_SORTS

    lists = {
        "/api/collaboration/assistance/": ASSISTANCE_SORTS,
        "/api/collaboration/boundaries/": BOUNDARY_SORTS,
        "/api/collaboration/joint/": ACTION_SORTS,
        "/api/collaboration/meetings/": MEETING_SORTS,
        "/api/collaboration/notices/": NOTICE_SORTS,
        "/api/collaboration/notices/sharing": SHARING_SORTS,
        "/api/collaboration/referrals/": REFERRAL_SORTS,
        "/api/collaboration/transfers/": TRANSFER_SORTS,
        "/api/complaints/complaints": COMPLAINT_SORTS,
        "/api/equipment/systems": SYSTEM_SORTS,
        "/api/social/feedback": FEEDBACK_SORTS,
        "/api/social/points": POINT_SORTS,
        "/api/social/supervisors": SUPERVISOR_SORTS,
        "/api/social/surveys": SURVEY_SORTS,
        "/api/supervision/items": ITEM_SORTS,
        "/api/supervision/problems": PROBLEM_SORTS,
        "/api/supervision/problems/export": PROBLEM_SORTS,
    }
    paths = client.get("/api/openapi.json").json()["paths"]
    for path, sorts in lists.items():
        (sort,) = [p for p in paths[path]["get"]["parameters"] if p["name"] == "sort"]
        assert sort["schema"] == {
            "default": "",
            "enum": list(sorts.values()),
            "title": "Sort",
            "type": "string",
        }
    client.force_login(officer)
    response = client.get("/api/complaints/complaints", {"sort": "agency"})
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["query", "sort"]]
