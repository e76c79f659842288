"""站内消息 from the services, with the object's page as the link: 指定承办人员 tells the handlers, 送审 the
reviewer, 法制审核意见“存在问题” whoever sent it — each once, never the actor."""

from tests.cases.conftest import link
from tests.review.conftest import all_pass
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services as cases
from zhifa.cases.choices import HandlerRole
from zhifa.notifications.models import Message
from zhifa.review import services as review_services


def rows(**filters):
    return list(
        Message.objects.filter(**filters)
        .order_by("pk")
        .values_list("recipient__username", "kind", "title", "body", "link")
    )


def test_assigning_a_case_tells_each_handler_but_the_assigner(
    agencies, make_user, officers, new_case, handler_user
):
    co = link(make_user(agencies["east_market"], RoleCode.OFFICER, username="east_li"), officers[1])
    Message.objects.all().delete()  # the fixture's assignment: 李娜 had no account then
    cases.case_assign(
        actor=handler_user,
        case=new_case,
        handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)],
    )
    assert rows() == [
        (
            "east_li",
            "assigned",
            "案件已指定您承办：销售不符合食品安全标准的食品",
            f"案件（未立案），指定人：{handler_user.real_name}",
            f"/cases/{new_case.pk}/",
        )
    ]
    assert co.messages.count() == 1


def test_submitting_for_review_tells_the_reviewer(submitted, reviewer, handler_user):
    assert rows(kind="assigned", recipient=reviewer) == [
        (
            "east_reviewer",
            "assigned",
            "法制审核已指派给您：销售不符合食品安全标准的食品",
            f"案件{submitted.case.number}，审核期限{submitted.due_on:%Y-%m-%d}",
            f"/review/{submitted.pk}/",
        )
    ]


def test_an_opinion_with_problems_returns_it_to_the_sender_once(submitted, reviewer, handler_user):
    review_services.review_give_opinion(
        actor=reviewer, review=submitted, checklist=all_pass(facts="证据不足：缺少抽样检验报告")
    )
    assert rows(kind="returned") == [
        (
            handler_user.username,
            "returned",
            "法制审核存在问题，请研究处理后再次送审：销售不符合食品安全标准的食品",
            f"案件{submitted.case.number}，审核人：陈静",
            f"/review/{submitted.pk}/",
        )
    ]


def test_an_opinion_that_agrees_returns_nothing(submitted, reviewer):
    review_services.review_give_opinion(actor=reviewer, review=submitted, checklist=all_pass())
    assert rows(kind="returned") == []
