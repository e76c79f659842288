"""The 法制审核 state machine is one table (review.transitions): the review page offers exactly the
actions it allows for the review's status and the user's permissions, and the services refuse an
action from any other state, naming the states that allow it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.helpers import buttons
from tests.review.conftest import all_pass, proposal
from zhifa.core import access
from zhifa.core.models import Record
from zhifa.review import services
from zhifa.review.choices import ReviewStatus
from zhifa.review.transitions import MACHINE

pytestmark = pytest.mark.django_db

FLAGS = {"opinion": "can_opine", "resubmit": "can_resubmit", "dispute": "can_dispute",
         "resolve": "can_resolve", "assign": "can_assign"}  # fmt: skip


def offered(client, user, review) -> set[str]:
    client.force_login(user)
    context = client.get(reverse("review:review_detail", args=[review.pk])).context
    return {action for action, flag in FLAGS.items() if context[flag]}


def allowed(user, review) -> set[str]:
    perms = {
        p for p in (services.SUBMIT, services.RESOLVE, services.COORDINATE) if access.can(user, p, review)
    }
    if review.reviewer_id == user.pk and user.has_perm(services.OPINION):
        perms.add(services.OPINION)
    return set(MACHINE.available(review.status, perms)) & set(FLAGS)


def test_the_page_offers_exactly_what_the_table_allows(client, submitted, reviewer, handler_user, head):
    users = [reviewer, handler_user, head]
    steps = [
        (ReviewStatus.SUBMITTED, lambda r: r),
        (
            ReviewStatus.PROBLEMS,
            lambda r: services.review_give_opinion(
                actor=reviewer, review=r, checklist=all_pass(law="条款错误")
            ),
        ),
        (
            ReviewStatus.DISPUTED,
            lambda r: services.review_dispute(actor=handler_user, review=r, reason="无误").review,
        ),
        (
            ReviewStatus.PASSED,
            lambda r: (
                services.review_resolve(
                    actor=head, review=r, method="collective", outcome="overrule", note="局务会议讨论，不采纳"
                ).review
            ),
        ),
    ]
    review, seen = submitted, set()
    for status, step in steps:
        review = step(review)
        review.refresh_from_db()
        assert review.status == status
        for user in users:
            expected = allowed(user, review)
            assert offered(client, user, review) == expected, (status, user.username)
            seen |= expected
    assert seen == set(FLAGS) - {"assign"}  # 改派 is the justice bureau's (not among these users)


def test_the_services_refuse_outside_the_tables_states(submitted, reviewer, handler_user):
    before = Record.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.review_resubmit(actor=handler_user, review=submitted, data=proposal(), answers={})
    assert refused.value.message_dict == {
        "status": ["法制审核当前为“待审核”，不能重新送审（应为：存在问题（待承办机构处理）、审核通过）"]
    }
    with pytest.raises(ValidationError) as refused:
        services.review_dispute(actor=handler_user, review=submitted, reason="x")
    assert refused.value.message_dict["status"][0].endswith(
        "不能提出异议（应为：存在问题（待承办机构处理））"
    )
    assert Record.objects.count() == before


def test_every_move_of_the_table_is_made_by_its_service():
    """The moves the table declares, and that each moving row is reached from 送审."""
    assert MACHINE.edges() == {
        ("start", "submitted"),
        ("problems", "submitted"),
        ("passed", "submitted"),
        ("submitted", "passed"),
        ("submitted", "problems"),
        ("problems", "disputed"),
        ("disputed", "passed"),
        ("disputed", "problems"),
    }


def test_the_next_step_is_the_pages_main_button(client, submitted, reviewer, handler_user, head):
    """One btn-primary among the review's steps: the next step of its state that the user may take —
    出具审核意见 for the reviewer, 再次送审 after 存在问题 (提出异议 beside it), the head's 处理结果 on a
    dispute; after a pass, changing the proposal is not the next step (docs/architecture.md §5)."""
    page = reverse("review:review_detail", args=[submitted.pk])

    def shown(user) -> dict[str, str]:
        client.force_login(user)
        return buttons(client.get(page).content.decode())

    primary, other = "btn btn-primary", "btn btn-outline-secondary"
    assert shown(reviewer)["出具审核意见"] == primary
    assert shown(handler_user)["登记"] == other  # 登记法律顾问、公职律师意见: never the main step
    review = services.review_give_opinion(
        actor=reviewer, review=submitted, checklist=all_pass(law="条款错误")
    )
    steps = shown(handler_user)
    assert (steps["逐项答复并再次送审"], steps["提交集体讨论或机关负责人决定"]) == (primary, other)
    review = services.review_dispute(actor=handler_user, review=review, reason="无误").review
    assert shown(head)["记录处理结果"] == primary
    services.review_resolve(actor=head, review=review, method="collective", outcome="overrule", note="不采纳")
    assert shown(handler_user)["变更拟处理意见并重新送审"] == other
