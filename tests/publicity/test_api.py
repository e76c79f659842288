"""/api/publicity/: scoped list and detail, register and publish; another agency gets 404."""

from tests.publicity.conftest import DECIDED_ON, register


def post_register(client, **overrides):
    data = {
        "kind": "licence",
        "subject_kind": "organisation",
        "subject_name": "东区好运超市",
        "conclusion": "准予许可",
        "decided_on": DECIDED_ON.isoformat(),
        **overrides,
    }
    return client.post("/api/publicity/disclosures", data, content_type="application/json")


def test_register_and_publish_through_the_api(client, reviewer):
    client.force_login(reviewer)
    response = post_register(client)
    assert response.status_code == 201
    pk = response.json()["id"]
    published = client.post(f"/api/publicity/disclosures/{pk}/publish").json()
    assert published["status"] == "published" and len(published["record_hash"]) == 64
    assert [d["id"] for d in client.get("/api/publicity/disclosures").json()["items"]] == [pk]


def test_register_refusal_is_422_by_field(client, reviewer):
    client.force_login(reviewer)
    response = post_register(client, kind="penalty", subject_kind="person")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "kind"]


def test_another_agency_gets_404(client, agencies, west_reviewer):
    d = register(agencies["east_market"])
    client.force_login(west_reviewer)
    assert client.get(f"/api/publicity/disclosures/{d.pk}").status_code == 404
    assert client.post(f"/api/publicity/disclosures/{d.pk}/publish").status_code == 404
    assert client.get("/api/publicity/disclosures").json()["items"] == []


def test_officer_cannot_publish_via_api(client, agencies, handler_user):
    d = register(agencies["east_market"])
    client.force_login(handler_user)
    assert client.get(f"/api/publicity/disclosures/{d.pk}").status_code == 200
    assert client.post(f"/api/publicity/disclosures/{d.pk}/publish").status_code == 403
