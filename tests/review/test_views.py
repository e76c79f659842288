"""The pages: the resubmission and disagreement loops done in the UI, the opinion document, the
lists and the jurisdiction of every object-level page."""

from datetime import datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import exported_rows
from tests.review.conftest import PASS_REASON, all_pass
from zhifa.registry.models import EnforcementBody
from zhifa.review import services
from zhifa.review.choices import CheckPoint, ReviewStatus
from zhifa.review.models import Review

pytestmark = pytest.mark.django_db


def opinion_post(**problems) -> dict:
    data = {}
    for point in CheckPoint.values:
        data[f"ok_{point}"] = "0" if point in problems else "1"
        data[f"comment_{point}"] = problems.get(point, PASS_REASON)
    return data


def proposal_post(**extra) -> dict:
    return {
        "kind": "penalty",
        "proposal": "拟罚款70000元",
        "fine": "70000",
        "fact_value": "3000",
        "suspected_crime": "no",
        **extra,
    }


def test_submission_from_the_case_page(client, investigated, handler_user, reviewer):
    client.force_login(handler_user)
    url = reverse("review:case_review", args=[investigated.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, proposal_post())
    review = Review.objects.get(case=investigated)
    assert response.status_code == 302 and response.url == reverse("review:review_detail", args=[review.pk])
    assert client.get(url).url == response.url  # the entry leads to the existing review


def test_submission_with_missing_materials_shows_the_reason(client, investigated, handler_user, reviewer):
    client.force_login(handler_user)
    response = client.post(reverse("review:case_review", args=[investigated.pk]), proposal_post(proposal=""))
    assert response.status_code == 200 and "送审材料不全，缺少：拟处理意见" in response.content.decode()
    assert not Review.objects.exists()


def test_the_resubmission_loop_in_the_ui(client, submitted, reviewer, handler_user):
    client.force_login(reviewer)
    page = client.get(reverse("review:review_detail", args=[submitted.pk])).content.decode()
    assert "逐项审核" in page and "执法主体已确认" in page
    bad = client.post(reverse("review:review_opinion", args=[submitted.pk]), opinion_post(facts=""))
    assert bad.status_code == 200 and bad.context["opinion_form"].errors == {
        "comment_facts": ["“案件事实是否清楚，证据是否合法充分”存在问题，须写明问题和理由"]
    }
    client.post(reverse("review:review_opinion", args=[submitted.pk]), opinion_post(facts="缺少检验报告"))
    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.PROBLEMS

    client.force_login(handler_user)
    url = reverse("review:review_resubmit", args=[submitted.pk])
    assert "缺少检验报告" in client.get(url).content.decode()
    unanswered = client.post(url, proposal_post())
    assert "请逐项答复审核意见指出的问题" in unanswered.content.decode()
    client.post(url, proposal_post(answer_facts="已补充检验报告"))
    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.SUBMITTED

    client.force_login(reviewer)
    client.post(reverse("review:review_opinion", args=[submitted.pk]), opinion_post())
    page = client.get(reverse("review:review_detail", args=[submitted.pk])).content.decode()
    assert page.count('data-testid="round"') == 2 and "已补充检验报告" in page and "审核通过" in page


def test_the_disagreement_loop_in_the_ui(client, submitted, reviewer, handler_user, head):
    services.review_give_opinion(actor=reviewer, review=submitted, checklist=all_pass(law="适用条款错误"))
    client.force_login(handler_user)
    client.post(reverse("review:review_dispute", args=[submitted.pk]), {"reason": "条款无误"})
    client.force_login(head)
    page = client.get(reverse("review:review_detail", args=[submitted.pk])).content.decode()
    assert "集体讨论 / 机关负责人决定" in page
    response = client.post(
        reverse("review:review_resolve", args=[submitted.pk]),
        {"method": "collective", "outcome": "overrule", "note": "2026年3月11日局务会议讨论，不采纳"},
    )
    assert response.status_code == 302
    page = client.get(reverse("review:review_detail", args=[submitted.pk])).content.decode()
    assert "经集体讨论" in page and "局务会议讨论" in page


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_opinion_document(client, passed, reviewer, fmt):
    client.force_login(reviewer)
    round = passed.rounds.get()
    response = client.get(reverse("review:opinion_file", args=[round.pk, fmt]))
    assert response.status_code == 200
    content = response.content
    assert content.startswith(b"%PDF") if fmt == "pdf" else content.startswith(b"PK")


def test_list_stats_and_workbench(client, submitted, reviewer):
    from zhifa.core.workbench import pending_for

    client.force_login(reviewer)
    assert submitted.case.number in client.get(reverse("review:review_list")).content.decode()
    assert client.get(reverse("review:review_export")).status_code == 200
    assert "东区市场监督管理局" in client.get(reverse("review:review_stats")).content.decode()
    [item] = [i for i in pending_for(reviewer) if i.category == "法制审核"]
    assert item.due == submitted.due_on and not item.overdue


def test_an_overdue_review_is_flagged_on_the_workbench(submitted, reviewer, settings):
    from datetime import date

    from zhifa.core.workbench import pending_for

    Review.objects.filter(pk=submitted.pk).update(due_on=date(2026, 1, 5))
    [item] = [i for i in pending_for(reviewer) if i.category == "法制审核"]
    assert item.overdue


def object_urls(review) -> list[tuple[str, str]]:
    round = review.rounds.get()
    evidence, document = review.case.evidence.get(), review.case.documents.first()
    get = [
        reverse("review:material_evidence", args=[review.pk, evidence.pk]),
        reverse("review:material_document", args=[review.pk, document.pk]),
        reverse("review:review_detail", args=[review.pk]),
        reverse("review:review_resubmit", args=[review.pk]),
        reverse("review:case_review", args=[review.case_id]),
        reverse("review:opinion_file", args=[round.pk, "pdf"]),
    ]
    posts = [
        reverse(f"review:{name}", args=[review.pk])
        for name in (
            "review_opinion",
            "review_dispute",
            "review_resolve",
            "review_invite",
            "review_pre_review",
            "review_assign",
        )
    ]
    return [("get", u) for u in get] + [("post", u) for u in posts]


def test_another_agency_gets_404_everywhere(client, passed, other_officer, make_user, agencies):
    from zhifa.accounts.choices import RoleCode

    west_reviewer = make_user(agencies["west_market"], RoleCode.LEGAL_REVIEWER, RoleCode.AGENCY_HEAD)
    for user in (other_officer, west_reviewer):
        client.force_login(user)
        for method, url in object_urls(passed):
            assert getattr(client, method)(url).status_code == 404, url


def test_a_pool_reviewer_of_another_agency_works_on_the_assigned_case(
    client, submitted, supervisor, agencies, make_user
):
    from zhifa.accounts.choices import RoleCode

    pooled = make_user(agencies["west_market"], RoleCode.LEGAL_REVIEWER)
    services.pool_add(actor=None, justice=agencies["city_justice"], user=pooled)
    services.review_assign(actor=supervisor, review=submitted, reviewer=pooled)
    client.force_login(pooled)
    page = client.get(reverse("review:review_detail", args=[submitted.pk]))
    assert page.status_code == 200 and "立案审批表" in page.content.decode()
    evidence, document = submitted.case.evidence.get(), submitted.case.documents.first()
    assert (
        client.get(reverse("review:material_evidence", args=[submitted.pk, evidence.pk])).status_code == 200
    )
    assert (
        client.get(reverse("review:material_document", args=[submitted.pk, document.pk])).status_code == 200
    )
    assert (
        client.post(reverse("review:review_opinion", args=[submitted.pk]), opinion_post()).status_code == 302
    )
    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.PASSED


def _case_material_urls(case) -> list[str]:
    evidence, document = case.evidence.get(), case.documents.first()
    return [
        reverse("cases:evidence_list", args=[case.pk]),
        reverse("cases:evidence_download", args=[evidence.pk]),
        reverse("cases:case_documents", args=[case.pk]),
        reverse("cases:document_pdf", args=[document.pk]),
        reverse("cases:document_docx", args=[document.pk]),
    ]


def test_the_assigned_pool_reviewer_opens_the_case_materials_the_review_page_links_to(
    client, submitted, supervisor, agencies, make_user
):
    """Every link of the review page opens for the pool reviewer of another agency: the case's evidence
    and documents do; the case page and the agency's 执法主体 record, which they may not open, are not
    linked. An unassigned reviewer of that same agency still gets 404 on all of them."""
    from zhifa.accounts.choices import RoleCode

    pooled = make_user(agencies["west_market"], RoleCode.LEGAL_REVIEWER)
    unassigned = make_user(agencies["west_market"], RoleCode.LEGAL_REVIEWER)
    services.pool_add(actor=None, justice=agencies["city_justice"], user=pooled)
    services.review_assign(actor=supervisor, review=submitted, reviewer=pooled)
    case = submitted.case
    client.force_login(pooled)
    html = client.get(reverse("review:review_detail", args=[submitted.pk])).content.decode()
    for url in [
        reverse("cases:evidence_list", args=[case.pk]),
        reverse("cases:case_documents", args=[case.pk]),
    ]:
        assert f'href="{url}"' in html
    assert f'href="{reverse("cases:case_detail", args=[case.pk])}"' not in html
    body = EnforcementBody.objects.get(agency=case.agency)
    assert f'href="{reverse("registry:body_detail", args=[body.pk])}"' not in html
    for url in _case_material_urls(case):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404

    client.force_login(unassigned)
    for url in _case_material_urls(case):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("review:review_detail", args=[submitted.pk])).status_code == 404


def test_the_case_page_shows_the_review(client, submitted, handler_user):
    client.force_login(handler_user)
    html = client.get(reverse("cases:case_detail", args=[submitted.case.pk])).content.decode()
    assert 'data-testid="review-panel"' in html
    assert "待审核" in html and reverse("review:review_detail", args=[submitted.pk]) in html


def test_the_justice_bureau_manages_its_pool(client, supervisor, reviewer, officer):
    client.force_login(supervisor)
    response = client.post(reverse("review:pool"), {"username": reviewer.username})
    assert response.status_code == 302
    assert reviewer.real_name in client.get(reverse("review:pool")).content.decode()
    client.force_login(officer)
    assert client.get(reverse("review:pool")).status_code == 403


def test_the_list_page_has_a_fixed_number_of_queries(
    client, submitted, reviewer, django_assert_max_num_queries
):
    client.force_login(reviewer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("review:review_list")).status_code == 200


@pytest.mark.parametrize(
    ("who", "action", "data"),
    [
        ("handler_user", "review_opinion", opinion_post()),
        ("head", "review_opinion", opinion_post()),
        ("reviewer", "review_resolve", {"method": "head", "outcome": "uphold", "note": "x"}),
        ("handler_user", "review_resolve", {"method": "head", "outcome": "uphold", "note": "x"}),
        ("reviewer", "review_assign", {}),
    ],
)
def test_inside_the_agency_without_the_right_is_403(client, request, submitted, who, action, data):
    if action == "review_resolve":
        services.review_give_opinion(
            actor=request.getfixturevalue("reviewer"), review=submitted, checklist=all_pass(law="x")
        )
        services.review_dispute(
            actor=request.getfixturevalue("handler_user"), review=submitted, reason="不同意"
        )
    if action == "review_assign":
        data = {"reviewer": submitted.reviewer_id}
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse(f"review:{action}", args=[submitted.pk]), data).status_code == 403


def test_pre_review_and_invited_opinion_in_the_ui(client, submitted, reviewer, supervisor):
    from zhifa.cases.models import Case

    Case.objects.filter(pk=submitted.case_id).update(is_complex=True)
    client.force_login(reviewer)
    client.post(reverse("review:review_pre_review", args=[submitted.pk]), {"question": "是否从重"})
    client.post(
        reverse("review:review_invite", args=[submitted.pk]),
        {"author": "刘律师", "role": "public_lawyer", "text": "证据链完整"},
    )
    pre = submitted.pre_reviews.get()
    client.force_login(supervisor)
    page = client.get(reverse("review:review_detail", args=[submitted.pk])).content.decode()
    assert "答复预审核" in page and "公职律师刘律师：证据链完整" in page
    client.post(reverse("review:pre_review_answer", args=[pre.pk]), {"opinion": "同意从重"})
    pre.refresh_from_db()
    assert pre.opinion == "同意从重"


def test_the_review_list_as_excel(client, submitted, reviewer):
    client.force_login(reviewer)
    sent_on = timezone.localtime(submitted.created_at).replace(tzinfo=None)
    assert exported_rows(client, reverse("review:review_export")) == [
        ("案件编号", "当事人", "办案机关", "状态", "审核人员", "协作库指派", "审核期限", "送审日期"),
        (submitted.case.number, "东区味美餐饮有限公司", "东区市场监督管理局", "待审核", "陈静（east_reviewer）", "否",
         datetime.combine(submitted.due_on, time()), datetime.combine(sent_on.date(), time())),
    ]  # fmt: skip
