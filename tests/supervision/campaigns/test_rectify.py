"""评查问题转整改: a graded file of a concluded campaign opens one 监督事项 of its agency about its case, with
the deductions and vetoes (their pre-scoring evidence and the reviewers' reasons) as the item's findings —
through the service, the file page's button and the API; refused with the reason and nothing written when
the file has no finding, when the campaign still runs, or a second time."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.helpers import Api, errors, html
from zhifa.core.models import Record
from zhifa.supervision.actions.choices import ItemStatus, SupervisionKind, TargetKind
from zhifa.supervision.campaigns import services
from zhifa.supervision.campaigns.choices import FileStatus, Grade
from zhifa.supervision.campaigns.services import ItemInput
from zhifa.supervision.models import CampaignFile, Finding, SupervisionItem

from .test_services import assigned, clear

D = Decimal


def counts():
    return Record.objects.count(), SupervisionItem.objects.count(), Finding.objects.count()


def refused(call, field):
    before = counts()
    with pytest.raises(ValidationError) as exc:
        call()
    assert counts() == before
    return exc.value.message_dict[field][0]


def concluded(drawn, east, supervisor, reviewers, first_scores, second_scores):
    """The first market file scored by 林涛 and 周敏, every other file graded 100, the campaign concluded."""
    file, first, second = assigned(drawn, east, supervisor, reviewers)
    services.review_submit(actor=reviewers["ecology"], review=first, scores=first_scores)
    services.review_submit(actor=supervisor, review=second, scores=second_scores)
    CampaignFile.objects.filter(campaign=drawn).exclude(pk=file.pk).update(
        status=FileStatus.FINAL, score=100, grade=Grade.EXCELLENT
    )
    services.campaign_conclude(actor=supervisor, campaign=drawn)
    file.refresh_from_db()
    return file


C1 = "C1 事实清楚，证据确凿、充分、合法"
C6_FINDING = "【案卷评查·内容评查】C6 {}：第二评查人周敏扣1分。评查人说明：核对。"


@pytest.fixture
def graded(drawn, east, supervisor, reviewers):
    scores = clear(C1=10)
    scores["C1"] = ItemInput(D(10), reason="询问笔录与现场检查笔录记载的时间矛盾")
    return concluded(drawn, east, supervisor, reviewers, scores, clear(C1=10, C6=1))


def test_findings_become_an_item_of_the_files_agency_linked_to_the_case(graded, east, supervisor):
    assert (graded.score, graded.grade) == (D("89.5"), Grade.GOOD)
    item = services.file_open_item(actor=supervisor, file=graded)
    number = graded.case.number
    assert (item.agency, item.bureau, item.case, item.campaign_file) == (
        east["market"],
        east["justice"],
        graded.case,
        graded,
    )
    assert (item.kind, item.target_kind, item.status) == (
        SupervisionKind.ROUTINE,
        TargetKind.CASE,
        ItemStatus.OPEN,
    )
    assert item.title == f"2026年度行政执法案卷评查：案卷{number}评查问题整改"
    assert item.reason == "2026年度行政执法案卷评查评查结果：89.5分，良好，发现问题2项"
    findings = list(item.findings.order_by("id"))
    c6 = graded.campaign.template_version.items.get(code="C6").title
    assert [f.text for f in findings] == [
        f"【案卷评查·内容评查】{C1}：第一评查人林涛扣10分、第二评查人周敏扣10分。"
        "评查人说明：询问笔录与现场检查笔录记载的时间矛盾；核对。",
        C6_FINDING.format(c6),
    ]
    assert [list(f.cases.all()) for f in findings] == [[graded.case], [graded.case]]
    actions = list(
        Record.objects.filter(subject_type="supervision.supervisionitem", subject_id=str(item.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["supervision_item.open", "supervision_item.find", "supervision_item.find"]
    opened = Record.objects.get(action="supervision_item.open", subject_id=str(item.pk))
    assert json.loads(opened.payload)["campaign_file"] == graded.pk


def test_a_veto_carries_its_pre_scoring_evidence(drawn, east, supervisor, reviewers):
    vetoed = {**clear(), "V4": ItemInput(veto=True)}  # the pre-scoring proposed it: no reason needed
    file = concluded(drawn, east, supervisor, reviewers, vetoed, vetoed)
    assert (file.grade, file.vetoed) == (Grade.FAIL, True)
    item = services.file_open_item(actor=supervisor, file=file)
    title = file.campaign.template_version.items.get(code="V4").title
    assert [f.text for f in item.findings.all()] == [
        f"【案卷评查·否决项】V4 {title}：第一评查人林涛否决、第二评查人周敏否决。"
        "依据：案卷中没有任何证据材料。"
    ]
    assert item.reason == "2026年度行政执法案卷评查评查结果：100.0分，不合格（触发否决项），发现问题1项"


def test_a_file_without_finding_is_refused(drawn, east, supervisor, reviewers):
    file = concluded(drawn, east, supervisor, reviewers, clear(), clear())
    message = refused(lambda: services.file_open_item(actor=supervisor, file=file), "file")
    assert message == f"案卷{file.case.number}评查未发现问题（100.0分，优秀，无扣分和否决项），无需立项整改"


def test_a_running_campaign_and_a_second_time_are_refused(drawn, east, supervisor, reviewers):
    file, first, second = assigned(drawn, east, supervisor, reviewers)
    services.review_submit(actor=reviewers["ecology"], review=first, scores=clear(C1=10))
    services.review_submit(actor=supervisor, review=second, scores=clear(C1=10))
    message = refused(lambda: services.file_open_item(actor=supervisor, file=file), "status")
    assert message == "评查结束后才能将评查发现的问题转为监督事项（活动当前为“评查中”）"
    CampaignFile.objects.filter(campaign=drawn).exclude(pk=file.pk).update(status=FileStatus.FINAL)
    services.campaign_conclude(actor=supervisor, campaign=drawn)
    item = services.file_open_item(actor=supervisor, file=file)
    message = refused(lambda: services.file_open_item(actor=supervisor, file=file), "file")
    assert message == f"该案卷已立项监督事项（{item.title}），请在该事项中处理"


def test_the_files_agency_may_not_open_it(graded, reviewers):
    from django.core.exceptions import PermissionDenied

    before = counts()
    with pytest.raises(PermissionDenied):
        services.file_open_item(actor=reviewers["market"], file=graded)
    assert counts() == before


def test_the_file_page_shows_the_findings_and_its_button_opens_the_item(client, graded, supervisor):
    client.force_login(supervisor)
    page = html(client.get(f"/supervision/campaigns/files/{graded.pk}/"))
    assert "评查发现的问题与整改" in page and "转为监督事项（整改）" in page
    assert "第二评查人周敏扣1分" in page
    answer = client.post(f"/supervision/campaigns/files/{graded.pk}/rectify/")
    item = SupervisionItem.objects.get(campaign_file=graded)
    assert answer.status_code == 302 and answer["Location"] == f"/supervision/actions/{item.pk}/"
    detail = html(client.get(answer["Location"]))
    assert "第一评查人林涛扣10分" in detail
    page = html(client.get(f"/supervision/campaigns/files/{graded.pk}/"))
    link = f'已立项监督事项：<a href="/supervision/actions/{item.pk}/">{item.title}</a>（核查中）'
    assert link in page and "转为监督事项（整改）" not in page


def test_the_page_refuses_a_file_without_finding_with_the_reason(client, drawn, east, supervisor, reviewers):
    file = concluded(drawn, east, supervisor, reviewers, clear(), clear())
    client.force_login(supervisor)
    assert "转为监督事项（整改）" not in html(client.get(f"/supervision/campaigns/files/{file.pk}/"))
    before = counts()
    answer = client.post(f"/supervision/campaigns/files/{file.pk}/rectify/", follow=True)
    assert counts() == before
    assert "无需立项整改" in html(answer)


def test_the_api_opens_the_item_and_refuses_alike(client, graded, drawn, supervisor):
    api = Api(client, "/api/supervision")
    api.login(supervisor)
    answer = api.post(f"/campaign-files/{graded.pk}/items", {})
    assert answer.status_code == 201
    body = answer.json()
    assert (body["case_id"], body["status"], len(body["findings"])) == (graded.case_id, "open", 2)
    assert body["findings"][1]["case_ids"] == [graded.case_id]
    before = counts()
    assert errors(api.post(f"/campaign-files/{graded.pk}/items", {})) == {
        "file": f"该案卷已立项监督事项（{body['title']}），请在该事项中处理"
    }
    assert counts() == before
