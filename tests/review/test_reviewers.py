"""Who reviews: the agency's reviewer, else the justice bureau's pool; 回避; a reviewer of another
agency outside the pool is refused; a pool reviewer sees exactly what is assigned to them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.review.conftest import all_pass, proposal
from zhifa.accounts.choices import RoleCode
from zhifa.registry.models import Officer
from zhifa.review import selectors, services
from zhifa.review.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def west_reviewer(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.LEGAL_REVIEWER, username="west_reviewer")


@pytest.fixture
def pooled(agencies, supervisor, west_reviewer):
    city = agencies["city_justice"]
    services.pool_add(actor=None, justice=city, user=west_reviewer)
    return west_reviewer


def test_a_reviewer_who_handles_the_case_must_withdraw(investigated, handler_user, reviewer, officers):
    Officer.objects.filter(pk=officers[0].pk).update(user=reviewer)
    with pytest.raises(ValidationError) as error:
        services.review_submit(actor=handler_user, case=investigated, data=proposal())
    assert "司法局法制审核协作库中也没有可指派的人员" in str(error.value)
    assert not Review.objects.exists()


def test_without_a_free_reviewer_the_pool_provides_one(
    investigated, handler_user, reviewer, officers, pooled
):
    Officer.objects.filter(pk=officers[0].pk).update(user=reviewer)
    review = services.review_submit(actor=handler_user, case=investigated, data=proposal())
    assert review.reviewer == pooled and review.from_pool
    assert list(selectors.reviews_visible_to(pooled)) == [review]
    review = services.review_give_opinion(actor=pooled, review=review, checklist=all_pass())
    assert review.status == "passed"


def test_assigning_a_reviewer_of_another_agency_outside_the_pool_is_refused(
    submitted, supervisor, west_reviewer
):
    with pytest.raises(ValidationError) as error:
        services.review_assign(actor=supervisor, review=submitted, reviewer=west_reviewer)
    assert "也不在司法局法制审核协作库中" in str(error.value)
    submitted.refresh_from_db()
    assert submitted.reviewer.username == "east_reviewer"


def test_assigning_a_conflicted_reviewer_is_refused(submitted, supervisor, handler_user, make_user, agencies):
    creator_reviewer = make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER, RoleCode.OFFICER)
    submitted.case.__class__.objects.filter(pk=submitted.case_id).update(created_by=creator_reviewer)
    with pytest.raises(ValidationError) as error:
        services.review_assign(actor=supervisor, review=submitted, reviewer=creator_reviewer)
    assert "是本案登记人，应当回避" in str(error.value)


def test_the_justice_bureau_assigns_a_pool_reviewer(submitted, supervisor, pooled):
    review = services.review_assign(actor=supervisor, review=submitted, reviewer=pooled)
    assert review.reviewer == pooled and review.from_pool


def test_only_the_assigned_reviewer_gives_the_opinion(submitted, make_user, agencies, west_reviewer):
    colleague = make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER)
    with pytest.raises(PermissionDenied):
        services.review_give_opinion(actor=colleague, review=submitted, checklist=all_pass())
    with pytest.raises(Http404):
        services.review_give_opinion(actor=west_reviewer, review=submitted, checklist=all_pass())
    with pytest.raises(Http404):
        selectors.get_review(west_reviewer, submitted.pk)


def test_a_problem_without_a_comment_is_refused(submitted, reviewer):
    with pytest.raises(ValidationError) as error:
        services.review_give_opinion(actor=reviewer, review=submitted, checklist=all_pass(facts=""))
    assert "“案件事实是否清楚，证据是否合法充分”存在问题，须写明问题和理由" in str(error.value)
    submitted.refresh_from_db()
    assert submitted.status == "submitted" and not submitted.rounds.get().result


def test_every_point_must_be_judged(submitted, reviewer):
    checklist = all_pass()
    del checklist["crime"]
    with pytest.raises(ValidationError) as error:
        services.review_give_opinion(actor=reviewer, review=submitted, checklist=checklist)
    assert "请审核“违法行为是否涉嫌犯罪、需要移送司法机关”" in str(error.value)


def test_a_handler_of_another_agency_cannot_submit(investigated, other_officer):
    with pytest.raises(Http404):
        services.review_submit(actor=other_officer, case=investigated, data=proposal())
