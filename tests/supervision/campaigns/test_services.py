"""案卷评查 services: the draw (reproducible, verifiable, the minimum rule), cross-review, the scoring
engine's ranges, vetoes and cut-offs, disagreement, and pre-scoring; nothing written on a refusal."""

import copy
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from zhifa.core.models import Record
from zhifa.supervision.campaigns import drawing, selectors, services
from zhifa.supervision.campaigns.choices import CampaignStatus, FileStatus, Grade, ReviewRole
from zhifa.supervision.campaigns.services import ItemInput
from zhifa.supervision.models import Campaign, CampaignFile, FileReview, ItemScore

from .conftest import make_closed

D = Decimal


def counts():
    return (
        Record.objects.count(),
        CampaignFile.objects.count(),
        FileReview.objects.count(),
        ItemScore.objects.count(),
    )


def refused(call, field):
    before = counts()
    with pytest.raises(ValidationError) as exc:
        call()
    assert counts() == before
    return exc.value.message_dict[field][0]


# ---- the draw ---------------------------------------------------------------------------------------


def test_draw_takes_ten_per_agency_or_all_and_is_verifiable(drawn, east):
    files = CampaignFile.objects.filter(campaign=drawn)
    assert files.filter(agency=east["market"]).count() == 10
    assert files.filter(agency=east["ecology"]).count() == 3
    assert drawn.status == CampaignStatus.REVIEWING
    assert drawing.seed_commitment(drawn.seed) == drawn.seed_commitment
    assert selectors.verification(drawn) == []
    # the same seed and input give the same files, in the same order
    assert drawing.run(drawn.seed, drawn.input) == drawn.result
    numbers = list(files.filter(agency=east["market"]).values_list("case__number", flat=True))
    assert numbers == drawn.result[east["market"].credit_code]


def test_a_tampered_draw_file_is_caught(drawn, east):
    document = copy.deepcopy(selectors.draw_file(drawn))
    document["input"]["agencies"][0]["cases"] = document["input"]["agencies"][0]["cases"][1:]
    assert (
        drawing.verify(document, 10)[0]
        == "候选案卷名单（抽取输入）的哈希值与抽取前公布的不一致：名单被改动过"
    )
    document = copy.deepcopy(selectors.draw_file(drawn))
    document["seed"] = "0" * 64
    assert drawing.verify(document, 10) == ["随机种子与抽取前公布的种子承诺不一致"]
    document = copy.deepcopy(selectors.draw_file(drawn))
    code = east["market"].credit_code
    document["result"][code] = list(reversed(document["result"][code]))
    assert drawing.verify(document, 10) == ["按公布的算法、名单和种子重新计算的结果与文件中的抽取结果不一致"]


def test_the_draw_is_a_pure_function_of_seed_and_input():
    data = {
        "year": 2026,
        "per_agency": 10,
        "agencies": [{"agency": "A", "cases": [f"{i:03d}" for i in range(40)]}],
    }
    seed = "ab" * 32
    first = drawing.run(seed, data)
    assert first == drawing.run(seed, data)
    assert len(first["A"]) == 10 == len(set(first["A"]))
    assert first != drawing.run("cd" * 32, data)


def test_fewer_than_the_minimum_is_refused(campaign, east, version, supervisor):
    make_closed(east["market"], version, 12)
    message = refused(
        lambda: services.campaign_commit(actor=supervisor, campaign=campaign, per_agency=9), "per_agency"
    )
    assert message == "每个机关至少抽取10卷（不足10卷的全部抽取），不能只抽取9卷"
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.DRAFT


def test_no_closed_files_is_refused(campaign, east, version, supervisor):
    make_closed(east["market"], version, 4, year=2025)  # decided in another year
    message = refused(
        lambda: services.campaign_commit(actor=supervisor, campaign=campaign, per_agency=10), "per_agency"
    )
    assert message == "2026年度辖区内没有已结案的案卷，无法抽取"


def test_a_seed_not_matching_the_commitment_is_refused(campaign, east, version, supervisor):
    make_closed(east["market"], version, 3)
    own_seed = "12" * 32
    services.campaign_commit(
        actor=supervisor, campaign=campaign, per_agency=10, seed_commitment=drawing.seed_commitment(own_seed)
    )
    message = refused(
        lambda: services.campaign_draw(actor=supervisor, campaign=campaign, seed="34" * 32), "seed"
    )
    assert message == "随机种子与抽取前公布的种子承诺不一致，不能抽取"
    services.campaign_draw(actor=supervisor, campaign=campaign, seed=own_seed)
    assert CampaignFile.objects.filter(campaign=campaign).count() == 3


def test_only_a_justice_bureau_organises(east, make_user):
    from zhifa.accounts.choices import RoleCode

    head = make_user(east["market"], RoleCode.SUPERVISOR)
    before = counts()
    with pytest.raises(ValidationError) as exc:
        services.campaign_create(actor=None, agency=east["market"], title="评查", year=2026)
    assert exc.value.message_dict["agency"] == ["东区市场监督管理局不是司法行政机关，不能组织案卷评查"]
    assert counts() == before and head.pk


# ---- cross-review -----------------------------------------------------------------------------------


def market_file(drawn, east):
    return CampaignFile.objects.filter(campaign=drawn, agency=east["market"]).order_by("order").first()


def test_a_reviewer_never_gets_their_own_agencys_file(drawn, east, supervisor, reviewers):
    file = market_file(drawn, east)
    message = refused(
        lambda: services.file_assign(actor=supervisor, file=file, reviewer=reviewers["market"]), "reviewer"
    )
    assert message == "陈静是东区市场监督管理局的人员，交叉评查不得评查本机关的案卷"


def test_own_agency_scoring_is_refused(drawn, east, reviewers):
    file = market_file(drawn, east)
    review = FileReview.objects.create(file=file, reviewer=reviewers["market"], role=ReviewRole.FIRST)
    message = refused(
        lambda: services.review_submit(actor=reviewers["market"], review=review, scores={}), "reviewer"
    )
    assert message == "陈静是东区市场监督管理局的人员，交叉评查不得评查本机关的案卷"


def test_auto_assignment_gives_two_reviewers_of_other_agencies(drawn, east, supervisor, reviewers):
    made = services.campaign_assign_auto(actor=supervisor, campaign=drawn)
    assert made == 26
    for file in CampaignFile.objects.filter(campaign=drawn):
        agencies = list(file.reviews.values_list("reviewer__agency_id", flat=True))
        assert len(agencies) == 2 and file.agency_id not in agencies
        assert file.status == FileStatus.REVIEWING


def assigned(drawn, east, supervisor, reviewers):
    file = market_file(drawn, east)
    first = services.file_assign(actor=supervisor, file=file, reviewer=reviewers["ecology"])
    second = services.file_assign(actor=supervisor, file=file, reviewer=supervisor)
    return file, first, second


ALL_CLEAR = {code: ItemInput(veto=False, reason="已核实") for code in ("V1", "V2", "V3", "V4", "V7")}


def clear(**items):
    """Scores confirming every proposal except `items` (code → deduction, with a reason)."""
    scores = dict(ALL_CLEAR)
    for code in ("F1", "F2", "C3", "C4", "C5"):
        scores[code] = ItemInput(D(0), reason="现场核对无此问题")
    scores.update({code: ItemInput(D(value), reason="核对") for code, value in items.items()})
    return scores


def test_a_score_outside_its_range_is_refused(drawn, east, supervisor, reviewers):
    _file, first, _second = assigned(drawn, east, supervisor, reviewers)
    message = refused(
        lambda: services.review_submit(actor=reviewers["ecology"], review=first, scores=clear(C1=21)),
        "item_C1",
    )
    assert message == "C1 事实清楚，证据确凿、充分、合法：扣分应在0至20.0分之间，填写的是21分"
    message = refused(
        lambda: services.review_submit(actor=reviewers["ecology"], review=first, scores=clear(F3=-1)),
        "item_F3",
    )
    assert message == "F3 文书填写规范、用语准确、签章完整：扣分应在0至4.0分之间，填写的是-1分"


def test_agreeing_reviewers_give_the_mean_and_its_grade(drawn, east, supervisor, reviewers):
    file, first, second = assigned(drawn, east, supervisor, reviewers)
    services.review_submit(actor=reviewers["ecology"], review=first, scores=clear(C1=10))  # 90 优秀
    file.refresh_from_db()
    assert file.status == FileStatus.REVIEWING
    services.review_submit(actor=supervisor, review=second, scores=clear(C1=10, C6=1))  # 89 良好
    file.refresh_from_db()
    assert (file.status, file.score, file.grade) == (FileStatus.FINAL, D("89.5"), Grade.GOOD)


def test_a_disagreement_beyond_the_threshold_calls_a_third(drawn, east, supervisor, reviewers, make_user):
    from zhifa.accounts.choices import RoleCode

    file, first, second = assigned(drawn, east, supervisor, reviewers)
    services.review_submit(actor=reviewers["ecology"], review=first, scores=clear())  # 100
    services.review_submit(actor=supervisor, review=second, scores=clear(C1=10, C2="0.5"))  # 89.5
    file.refresh_from_db()
    assert file.status == FileStatus.DISPUTED and file.score is None
    assert Record.objects.filter(action="campaign.dispute").count() == 1
    third_user = make_user(east["justice"], RoleCode.SUPERVISOR, real_name="吴刚")
    third = services.file_assign(actor=supervisor, file=file, reviewer=third_user)
    assert third.role == ReviewRole.THIRD
    services.review_submit(actor=third_user, review=third, scores=clear(C1=5))
    file.refresh_from_db()
    assert (file.status, file.score, file.grade) == (FileStatus.FINAL, D(95), Grade.EXCELLENT)


def test_ten_points_apart_is_not_yet_a_disagreement(drawn, east, supervisor, reviewers):
    file, first, second = assigned(drawn, east, supervisor, reviewers)
    services.review_submit(actor=reviewers["ecology"], review=first, scores=clear())  # 100
    services.review_submit(actor=supervisor, review=second, scores=clear(C1=10))  # 90
    file.refresh_from_db()
    assert (file.status, file.score, file.grade) == (FileStatus.FINAL, D(95), Grade.EXCELLENT)


def test_a_veto_makes_the_file_fail_whatever_its_points(drawn, east, supervisor, reviewers):
    file, first, second = assigned(drawn, east, supervisor, reviewers)
    vetoed = {**clear(), "V5": ItemInput(veto=True)}
    services.review_submit(actor=reviewers["ecology"], review=first, scores=vetoed)
    services.review_submit(actor=supervisor, review=second, scores=vetoed)
    file.refresh_from_db()
    assert (file.status, file.score, file.grade, file.vetoed) == (FileStatus.FINAL, D(100), Grade.FAIL, True)


@pytest.mark.parametrize(
    ("deduction", "grade"),
    [
        (10, Grade.EXCELLENT),
        ("10.5", Grade.GOOD),
        (20, Grade.GOOD),
        ("20.5", Grade.PASS),
        (40, Grade.PASS),
        ("40.5", Grade.FAIL),
    ],
)
def test_grade_cut_offs_are_exact(drawn, east, supervisor, reviewers, deduction, grade):
    file, first, second = assigned(drawn, east, supervisor, reviewers)
    content = D(deduction)
    scores = clear(C1=min(content, 20), C2=max(D(0), min(content - 20, 15)), C6=max(D(0), content - 35))
    services.review_submit(actor=reviewers["ecology"], review=first, scores=scores)
    services.review_submit(actor=supervisor, review=second, scores=scores)
    file.refresh_from_db()
    assert (file.score, file.grade) == (100 - content, grade)


# ---- pre-scoring ------------------------------------------------------------------------------------


def test_pre_scoring_finds_missing_documents_with_their_evidence(drawn, east, supervisor, reviewers):
    _file, first, _second = assigned(drawn, east, supervisor, reviewers)
    proposals = services.proposals_for(first)
    documents = proposals["F1"]
    assert documents.deduction == D(6)  # 2 points each, 8 at most
    texts = [e["text"] for e in documents.evidence]
    assert texts == ["缺少立案审批表", "缺少行政处罚决定书", "缺少结案报告"]
    assert documents.evidence[0]["links"] == [["文书", f"/cases/{first.file.case_id}/documents/"]]
    assert proposals["V3"].veto is False and proposals["V4"].veto is True
    assert proposals["V4"].evidence[0]["text"] == "案卷中没有任何证据材料"


def test_departing_from_a_proposal_needs_a_reason(drawn, east, supervisor, reviewers):
    _file, first, _second = assigned(drawn, east, supervisor, reviewers)
    scores = clear()
    scores["F1"] = ItemInput(D(2))
    message = refused(
        lambda: services.review_submit(actor=reviewers["ecology"], review=first, scores=scores), "reason_F1"
    )
    assert message == "F1 文书齐全、编号规范（缺少或未编号，每份扣2分）：与自动预评不一致，请说明理由"
    scores["F1"] = ItemInput(D(6))  # the proposal confirmed: no reason needed
    review = services.review_submit(actor=reviewers["ecology"], review=first, scores=scores)
    row = review.items.get(item__code="F1")
    assert (row.deduction, row.proposed, row.reason) == (D(6), D(6), "")
    assert review.score == D(94)


def test_another_reviewer_cannot_submit_someone_elses_review(drawn, east, supervisor, reviewers):
    from django.http import Http404

    _file, first, _second = assigned(drawn, east, supervisor, reviewers)
    with pytest.raises(Http404):
        services.review_submit(actor=reviewers["market"], review=first, scores=clear())


def test_conclude_needs_every_file_graded_then_publish(drawn, east, supervisor, reviewers):
    message = refused(lambda: services.campaign_conclude(actor=supervisor, campaign=drawn), "status")
    assert message == "尚有13卷未评定，不能结束评查"


def test_the_verify_command_reruns_the_public_draw_file(drawn, tmp_path):
    import json

    from django.core.management import call_command

    path = tmp_path / "draw.json"
    document = selectors.draw_file(drawn)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("verify-campaign-draw", str(path), stdout=out)
    assert out.getvalue().strip() == (
        "抽取结果可复现：东区司法局“2026年度行政执法案卷评查”，从2个机关抽中案卷13卷，随机种子与承诺一致，候选案卷名单与公布的哈希一致。"
    )
    document = copy.deepcopy(document)
    document["result"][next(iter(document["result"]))].pop()
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("verify-campaign-draw", str(path), stderr=err)
    assert err.getvalue().splitlines() == [
        "抽取文件校验未通过：",
        "- 按公布的算法、名单和种子重新计算的结果与文件中的抽取结果不一致",
    ]


# ---- the template -----------------------------------------------------------------------------------


def version_input(**changes):
    data = {
        "form_points": D(20),
        "content_points": D(80),
        "excellent_from": D(95),
        "good_from": D(85),
        "pass_from": D(70),
        "disagreement_points": D(5),
        "items": {"C1": (D(25), D(0))},
    }
    return services.VersionInput(**{**data, **changes})


def test_a_published_version_is_immutable_and_a_new_one_takes_its_changes(campaign, supervisor):
    published = campaign.template_version
    message = refused(
        lambda: services.template_version_update(actor=supervisor, version=published, data=version_input()),
        "status",
    )
    assert message == "第1版已发布，不能修改；请新建版本"
    draft = services.template_version_new(actor=supervisor, template=published.template)
    assert (draft.number, draft.status, draft.items.count()) == (2, "draft", 17)
    message = refused(
        lambda: services.template_version_update(
            actor=supervisor, version=draft, data=version_input(items={"C1": (D(81), D(0))})
        ),
        "item_C1",
    )
    assert message == "C1 事实清楚，证据确凿、充分、合法：最高扣分应在0至80分之间，每处扣分不超过最高扣分"
    services.template_version_update(actor=supervisor, version=draft, data=version_input())
    services.template_version_publish(actor=supervisor, version=draft)
    assert services.template_in_force(campaign.agency) == draft
    assert draft.items.get(code="C1").max_points == D(25)
    assert published.items.get(code="C1").max_points == D(20)
    from zhifa.catalog.models.immutable import PublishedVersionError

    with pytest.raises(PublishedVersionError):
        item = draft.items.get(code="C1")
        item.max_points = D(1)
        item.save()


def test_the_cut_offs_of_a_new_version_grade_its_campaigns(campaign, east, supervisor):
    draft = services.template_version_new(actor=supervisor, template=campaign.template_version.template)
    draft = services.template_version_update(actor=supervisor, version=draft, data=version_input())
    services.template_version_publish(actor=supervisor, version=draft)
    from zhifa.supervision.campaigns import scoring

    cutoffs = scoring.Cutoffs.of(draft)
    assert [scoring.grade_of(D(s), False, cutoffs) for s in ("95", "94.5", "85", "84.5", "70", "69.5")] == [
        Grade.EXCELLENT,
        Grade.GOOD,
        Grade.GOOD,
        Grade.PASS,
        Grade.PASS,
        Grade.FAIL,
    ]
    assert scoring.disagree(scoring.Outcome(D(90), "", False), scoring.Outcome(D("84.5"), "", False), cutoffs)
    assert not scoring.disagree(scoring.Outcome(D(90), "", False), scoring.Outcome(D(85), "", False), cutoffs)


def test_workbench_shows_a_reviewer_their_files(drawn, east, supervisor, reviewers):
    file = market_file(drawn, east)
    review = services.file_assign(actor=supervisor, file=file, reviewer=reviewers["ecology"])
    items = selectors.pending(reviewers["ecology"])
    assert [(i.category, i.title, i.url) for i in items] == [
        (
            "案卷评查",
            f"评查案卷 {file.case.number}（东区市场监督管理局，第一评查人）",
            f"/supervision/campaigns/reviews/{review.pk}/",
        )
    ]
    assert [i.title for i in selectors.pending(supervisor)] == [
        "2026年度行政执法案卷评查：13卷待分配评查人，0卷评分分歧待第三人评查"  # one reviewer is not yet two
    ]
