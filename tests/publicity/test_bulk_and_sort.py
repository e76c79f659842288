"""批量审核通过并公示 (services.disclosures_publish, the list's checkboxes, POST /api/publicity/disclosures/
bulk-publish) and the staff list's sortable columns (selectors.DISCLOSURE_SORTS)."""

from datetime import date

import pytest

from tests.helpers import xlsx_rows
from tests.publicity.conftest import published, register
from zhifa.core.models import Record
from zhifa.publicity import services
from zhifa.publicity.choices import DisclosureStatus
from zhifa.publicity.models import Disclosure


def publish_records(disclosure) -> int:
    return Record.objects.filter(
        subject_type="publicity.disclosure", subject_id=str(disclosure.pk), action="publicity.publish"
    ).count()


@pytest.fixture
def drafts(agencies):
    east = agencies["east_market"]
    return [
        register(east, number="东市监许〔2026〕1号", subject_name="甲公司", decided_on=date(2026, 3, 3)),
        register(east, number="东市监许〔2026〕2号", subject_name="乙公司", decided_on=date(2026, 3, 1)),
        register(east, number="东市监许〔2026〕3号", subject_name="丙公司", decided_on=date(2026, 3, 2)),
    ]


def test_the_service_publishes_each_draft_as_alone_and_names_the_refused(reviewer, drafts, agencies):
    done = published(agencies["east_market"], number="东市监许〔2026〕9号", subject_name="丁公司")
    before = Record.objects.count()

    outcome = services.disclosures_publish(actor=reviewer, disclosures=[drafts[0], done, drafts[1]])

    assert [d.pk for d in outcome.published] == [drafts[0].pk, drafts[1].pk]
    assert outcome.refused == [("东市监许〔2026〕9号 丁公司", "该公示当前为“已公示”，不能发布")]
    assert [publish_records(d) for d in drafts] == [1, 1, 0]
    assert publish_records(done) == 1  # its own publication only: nothing written for the refusal
    assert Record.objects.count() == before + 2
    assert Disclosure.objects.get(pk=drafts[2].pk).status == DisclosureStatus.DRAFT


def test_another_agencys_reviewer_is_refused_by_name_and_nothing_is_written(west_reviewer, drafts):
    before = Record.objects.count()
    outcome = services.disclosures_publish(actor=west_reviewer, disclosures=drafts[:1])
    assert outcome.published == []
    assert outcome.refused == [("东市监许〔2026〕1号 甲公司", "该公示不在您的管辖范围内")]
    assert Record.objects.count() == before


def test_the_list_publishes_the_ticked_drafts_and_keeps_the_filters(client, reviewer, drafts, agencies):
    done = published(agencies["east_market"], number="东市监许〔2026〕9号", subject_name="丁公司")
    client.force_login(reviewer)
    page = client.get("/publicity/", {"status": "draft"}).content.decode()
    assert f'name="ids" value="{drafts[0].pk}"' in page
    assert "批量审核通过并公示" in page

    response = client.post(
        "/publicity/publish/",
        {"ids": [drafts[0].pk, drafts[2].pk, done.pk, 999999], "back": "status=draft&sort=decided"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/publicity/?status=draft&sort=decided"
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [
        "已公示2条",
        "东市监许〔2026〕9号 丁公司：未公示，该公示当前为“已公示”，不能发布",
        "1条公示未找到或不在您的管辖范围内，未处理",
    ]
    statuses = dict(Disclosure.objects.filter(pk__in=[d.pk for d in drafts]).values_list("pk", "status"))
    assert statuses == {drafts[0].pk: "published", drafts[1].pk: "draft", drafts[2].pk: "published"}


def test_an_officer_without_approval_cannot_bulk_publish(client, handler_user, drafts):
    client.force_login(handler_user)
    assert "批量审核通过并公示" not in client.get("/publicity/").content.decode()
    assert client.post("/publicity/publish/", {"ids": [drafts[0].pk]}).status_code == 403
    assert publish_records(drafts[0]) == 0


def test_the_api_reports_published_refused_and_not_found(client, reviewer, west_reviewer, drafts):
    client.force_login(reviewer)
    response = client.post(
        "/api/publicity/disclosures/bulk-publish",
        {"ids": [drafts[1].pk, drafts[1].pk, 999999]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {"published": [drafts[1].pk], "refused": [], "not_found": [999999]}

    client.force_login(west_reviewer)  # the east drafts are outside the west's scope: not found, untouched
    response = client.post(
        "/api/publicity/disclosures/bulk-publish", {"ids": [drafts[0].pk]}, content_type="application/json"
    )
    assert response.json() == {"published": [], "refused": [], "not_found": [drafts[0].pk]}
    assert publish_records(drafts[0]) == 0


def subjects(client, **params) -> list[str]:
    response = client.get("/publicity/", params)
    assert response.status_code == 200
    return [d.subject_name for d in response.context["page"]]


def test_the_list_sorts_by_decision_date_both_ways(client, reviewer, drafts):
    client.force_login(reviewer)
    assert subjects(client, sort="decided") == ["乙公司", "丙公司", "甲公司"]
    assert subjects(client, sort="-decided") == ["甲公司", "丙公司", "乙公司"]


@pytest.mark.parametrize("sort", ["subject_name", "-agency__name", "decided_on", "-"])
def test_an_undeclared_sort_keeps_the_default_order(client, reviewer, drafts, sort):
    client.force_login(reviewer)
    assert subjects(client, sort=sort) == subjects(client)


def test_the_export_follows_the_sort(client, reviewer, drafts):
    client.force_login(reviewer)
    body = client.get("/publicity/", {"status": "draft", "sort": "-decided"}).content.decode()
    assert 'href="?status=draft&amp;sort=-decided&amp;export=xlsx"' in body
    rows = xlsx_rows(client.get("/publicity/", {"status": "draft", "sort": "-decided", "export": "xlsx"}))
    assert [row[3] for row in rows[1:]] == ["甲公司", "丙公司", "乙公司"]
