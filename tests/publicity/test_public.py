"""The public portal: search, pagination, nothing unpublished, bad input, caching headers, rate limit
and the open-data feed."""

import json

import pytest
from django.core.cache import cache

from tests.publicity.conftest import CREDIT_CODE, published, register
from zhifa.publicity import services


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def entries(agencies):
    east, west = agencies["east_market"], agencies["west_market"]
    return {
        "licence": published(east),
        "person": published(
            east,
            kind="coercion",
            number="东市监强〔2026〕3号",
            subject_kind="person",
            subject_name="赵大伟",
            credit_code="",
            items="查封、扣押",
            conclusion="查封过期食品20箱",
            summary="赵大伟在仓库存放过期食品",
        ),
        "west": published(west, number="西市监许〔2026〕9号", subject_name="西县好运超市"),
        "draft": register(east, number="东市监许〔2026〕99号", subject_name="草稿公司"),
    }


def listed(client, **params):
    response = client.get("/gs/decisions/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_portal_pages_render_for_everyone(client, entries):
    for url in (
        "/gs/",
        f"/gs/agencies/{entries['licence'].agency_id}/",
        "/gs/decisions/",
        "/gs/checkpoints/",
        "/gs/verify/",
        "/gs/reports/",
        "/gs/bodies/",
        "/gs/catalog/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'data-testid="portal-nav"' in response.content.decode(), url


@pytest.mark.parametrize(
    ("params", "found", "not_found"),
    [
        ({"q": "过期食品"}, ["东市监强〔2026〕3号"], ["东市监许〔2026〕1号"]),
        ({"q": "仓"}, ["东市监强〔2026〕3号"], ["西市监许"]),  # shorter than a trigram
        ({"party": "好运"}, ["西市监许〔2026〕9号"], ["东市监"]),
        ({"party": CREDIT_CODE.lower()}, ["东市监许〔2026〕1号"], ["东市监强"]),
        ({"item": "查封"}, ["东市监强〔2026〕3号"], ["东市监许"]),
        ({"kind": "licence", "agency": "WEST"}, ["西市监许〔2026〕9号"], ["东市监强"]),
        ({"from": "2026-03-03"}, [], ["东市监", "西市监"]),
        ({"to": "2026-03-02", "from": "2026-03-02"}, ["东市监许〔2026〕1号", "西市监许"], []),
    ],
)
def test_search(client, entries, params, found, not_found):
    if params.get("agency") == "WEST":
        params["agency"] = entries["west"].agency_id
    body = listed(client, **params)
    for text in found:
        assert text in body
    for text in not_found:
        assert text not in body


def test_persons_are_masked_on_the_portal(client, entries):
    body = listed(client) + client.get(f"/gs/decisions/{entries['person'].pk}/").content.decode()
    assert "赵某某" in body and "赵大伟" not in body


def test_nothing_unpublished_is_shown(client, entries):
    assert "草稿公司" not in listed(client) and "暂无公示信息" in listed(client, q="草稿公司")
    assert client.get(f"/gs/decisions/{entries['draft'].pk}/").status_code == 404
    assert "草稿公司" not in client.get("/gs/feed.json").content.decode()


@pytest.mark.parametrize(
    "q",
    [
        "' OR 1=1 --",
        '"; DROP TABLE publicity_disclosure; --',
        "<script>alert(1)</script>",
        '"*" NEAR AND OR NOT ^',
        "%_%",
        "过" * 5000,
        "  ",
    ],
)
def test_any_query_is_answered_safely(client, entries, q):
    body = listed(client, q=q, party=q, item=q)
    assert "<script>alert(1)</script>" not in body
    assert listed(client).count("东市监许〔2026〕1号") == 1  # the table is still there


def test_control_characters_in_a_query_are_refused_in_chinese(client, entries):
    response = client.get("/gs/decisions/", {"q": "\x00\x01\x1b"})
    assert response.status_code == 400
    assert "不能包含控制字符" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/gs/decisions/999999/",
        "/gs/decisions/999999/proof.json",
        "/gs/reports/999999/2025/",
        "/gs/decisions/99999999999999999999999/",
    ],
)
def test_unknown_ids_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_pagination(client, agencies, django_assert_max_num_queries):
    for n in range(25):
        published(agencies["east_market"], number=f"东市监许〔2026〕{n + 100}号")
    with django_assert_max_num_queries(8):
        assert listed(client).count("东市监许〔2026〕1") == 20
    assert listed(client, page=2).count("东市监许〔2026〕1") == 5


def test_results_are_capped_with_a_notice(client, agencies, monkeypatch):
    from zhifa.publicity.views import public

    monkeypatch.setattr(public, "RESULT_CAP", 2)
    for n in range(3):
        published(agencies["east_market"], number=f"东市监许〔2026〕{n + 100}号")
    body = listed(client)
    assert 'data-testid="capped"' in body and "仅列出最新的 2 条" in body


def test_conditional_get_gives_304(client, entries):
    first = client.get("/gs/decisions/")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/gs/decisions/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    services.disclosure_publish(actor=None, disclosure=entries["draft"])
    assert client.get("/gs/decisions/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_search_is_rate_limited_with_a_clear_message(client, entries, settings):
    settings.ZHIFA_PUBLICITY_SEARCHES_PER_MINUTE = 3
    for _ in range(3):
        assert client.get("/gs/decisions/", {"q": "食品"}).status_code == 200
    response = client.get("/gs/decisions/", {"q": "食品"})
    assert response.status_code == 429 and "查询过于频繁" in response.content.decode()
    assert client.get("/gs/decisions/").status_code == 200  # browsing is not a search


def test_feed_json_and_csv(client, entries, monkeypatch):
    from zhifa.publicity.views import feed

    monkeypatch.setattr(feed, "PAGE_SIZE", 2)
    first = client.get("/gs/feed.json")
    assert first["Last-Modified"]
    data = first.json()
    assert [e["id"] for e in data["entries"]] == sorted([entries["licence"].pk, entries["person"].pk])
    assert data["entries"][0]["record_hash"] == entries["licence"].record_hash
    second = client.get(data["next"]).json()
    assert [e["id"] for e in second["entries"]] == [entries["west"].pk] and second["next"] is None
    csv = client.get("/gs/feed.csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id,version") and 'rel="next"' in csv["Link"]
    assert client.get("/gs/feed.json", {"after": "abc"}).status_code == 200


@pytest.mark.parametrize("stored", ["", "not json {", "[1, 2]", '"text"'])
def test_feed_leaves_out_an_unreadable_entry_and_keeps_paging(client, entries, monkeypatch, caplog, stored):
    """A stored entry that is not a JSON object (bulk-loaded rows) is left out with a warning; the feed
    answers 200 with the others, still pages past it, and each entry shown re-hashes to its leaf."""
    from zhifa.core.records import canonical_json
    from zhifa.publicity.models import Disclosure
    from zhifa.publicity.views import feed

    monkeypatch.setattr(feed, "PAGE_SIZE", 2)
    licence, person, west = entries["licence"], entries["person"], entries["west"]
    Disclosure.objects.filter(pk=licence.pk).update(entry=stored)
    first = client.get("/gs/feed.json")
    assert first.status_code == 200
    data = first.json()
    assert data["entries"] == [json.loads(person.entry) | {"record_hash": person.record_hash}]
    assert data["next"] == f"/gs/feed.json?after={person.pk}"
    shown = {k: v for k, v in data["entries"][0].items() if k != "record_hash"}
    assert canonical_json(shown) == person.entry  # exactly the bytes of its Merkle leaf
    second = client.get(data["next"]).json()
    assert second == {"entries": [json.loads(west.entry) | {"record_hash": west.record_hash}], "next": None}
    assert [r.getMessage() for r in caplog.records if r.name == "zhifa.publicity.views.feed"] == [
        f"公示条目 {licence.pk} 的规范JSON无法读取，已从开放数据中略去"
    ]

    csv = client.get("/gs/feed.csv")
    assert csv.status_code == 200 and csv["Link"] == f'</gs/feed.csv?after={person.pk}>; rel="next"'
    rows = csv.content.decode("utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith(f"{person.pk},1,,")
    assert rows[1].endswith(f",{person.record_hash}")
