"""Page and API refuse the same ill-formed input of 法制审核's writes alike (tests/parity.py): the refusal
stands beside the field of the detail page's action form, the user's input kept."""

from types import SimpleNamespace

import pytest

from tests.parity import Door, check_door
from tests.review.conftest import PASS_REASON, all_pass
from zhifa.cases.models import Case
from zhifa.review import services
from zhifa.review.choices import CheckPoint
from zhifa.review.models import Dispute, InvitedOpinion, PreReview, Review, ReviewRound

pytestmark = pytest.mark.django_db

COUNTED = (Review, ReviewRound, Dispute, PreReview, InvitedOpinion)


def submit_door(case) -> Door:
    return Door(
        "送法制审核",
        "zhifa_review_api_submit",
        page=f"/review/case/{case.pk}/",
        api=f"/api/review/cases/{case.pk}",
        good={
            "kind": "penalty",
            "proposal": "拟罚款70000元",
            "fine": "70000",
            "fact_value": "3000",
            "suspected_crime": "no",
            "other_measures": "",
            "deviation_reason": "",
            "evidence_list": "",
            "crime_note": "货值金额未达刑事立案标准",
        },
        text_fields={
            "proposal": "拟处理意见（事实、理由、依据）",
            "other_measures": "其他处罚",
            "deviation_reason": "偏离裁量基准的理由",
            "evidence_list": "证据清单（留空则按已上传证据生成）",
            "crime_note": "涉嫌犯罪情况说明",
        },
        bad=[("fine", "-1", "罚款金额不能为负数"), ("fine", "-0.01", "罚款金额不能为负数")],
        to_api=lambda data: {
            **{k: v for k, v in data.items() if k not in ("fact_value", "suspected_crime")},
            "facts": {"fact_value": data["fact_value"]},
            "suspected_crime": {"yes": True, "no": False}[data["suspected_crime"]],
        },
    )


FACTS = "案件事实是否清楚，证据是否合法充分"


def opinion_door(review) -> Door:
    """The checklist as the page posts it: every point passed with a reason, 事实 with a problem."""
    good = {"summary": "经审核，存在问题"}
    for point in CheckPoint.values:
        good[f"ok_{point}"] = "0" if point == "facts" else "1"
        good[f"comment_{point}"] = "缺少检验报告" if point == "facts" else PASS_REASON
    return Door(
        "出具审核意见",
        "zhifa_review_api_opinion",
        page=f"/review/{review.pk}/opinion/",
        api=f"/api/review/{review.pk}/opinion",
        good=good,
        text_fields={"summary": "审核意见（综述）"},
        bad=[
            ("comment_facts", "", f"“{FACTS}”存在问题，须写明问题和理由"),
            ("ok_facts", "", f"请审核“{FACTS}”"),
        ],
        to_api=lambda data: {
            "checklist": {
                point: {
                    "ok": {"1": True, "0": False}.get(data[f"ok_{point}"]),
                    "comment": data[f"comment_{point}"],
                }
                for point in CheckPoint.values
            },
            "summary": data["summary"],
        },
        api_field=lambda name: name.replace("ok_", "point_"),
        page_form="opinion_form",
    )


def action_doors(review, pre) -> list[Door]:
    return [
        Door(
            "对审核意见提出异议",
            "zhifa_review_api_dispute",
            page=f"/review/{review.pk}/dispute/",
            api=f"/api/review/{review.pk}/dispute",
            good={"reason": "检验报告已补充，事实清楚"},
            text_fields={"reason": "异议理由"},
            bad=[("reason", "", "请写明异议理由"), ("reason", "  ", "请写明异议理由")],
        ),
        Door(
            "登记法律顾问、公职律师书面意见",
            "zhifa_review_api_invite",
            page=f"/review/{review.pk}/invite/",
            api=f"/api/review/{review.pk}/invite",
            good={"author": "刘律师", "role": "public_lawyer", "text": "证据链完整"},
            text_fields={"text": "书面意见", "author": "姓名"},
            bad=[
                ("author", "", "请填写姓名"),
                ("author", "刘" * 65, "姓名不能超过64个字"),
                ("text", "", "请填写书面意见"),
                ("role", "", "请选择法律顾问或公职律师"),
            ],
        ),
        Door(
            "提请司法行政机关预审核",
            "zhifa_review_api_pre_review",
            page=f"/review/{review.pk}/pre-review/",
            api=f"/api/review/{review.pk}/pre-review",
            good={"question": "是否从重处罚"},
            text_fields={"question": "提请预审核的事项"},
            bad=[("question", "", "请写明提请预审核的事项")],
            to_api=lambda data: {"text": data["question"]},
        ),
        Door(
            "答复预审核",
            "zhifa_review_api_pre_review_answer",
            page=f"/review/pre-reviews/{pre.pk}/answer/",
            api=f"/api/review/pre-reviews/{pre.pk}/answer",
            good={"opinion": "同意从重"},
            text_fields={"opinion": "预审核意见"},
            bad=[("opinion", "", "请填写预审核意见")],
            to_api=lambda data: {"text": data["opinion"]},
        ),
        Door(
            "集体讨论或机关负责人决定",
            "zhifa_review_api_resolve",
            page=f"/review/{review.pk}/resolve/",
            api=f"/api/review/{review.pk}/resolve",
            good={"method": "collective", "outcome": "uphold", "note": "局务会议讨论，采纳审核意见"},
            text_fields={"note": "讨论情况（参加人员、主要意见、结论）"},
            bad=[
                ("note", "", "请记录讨论情况（参加人员、主要意见、结论）"),
                ("method", "", "请选择处理方式（集体讨论或机关负责人决定）"),
                ("outcome", "", "请选择处理结果"),
            ],
        ),
    ]


opinion_door(SimpleNamespace(pk=0))
submit_door(SimpleNamespace(pk=0))  # the table, for tests/test_parity_table.py
action_doors(SimpleNamespace(pk=0), SimpleNamespace(pk=0))


def test_submission(client, investigated, handler_user, reviewer):
    check_door(client, handler_user, submit_door(investigated), counted=COUNTED)


def test_the_actions_of_the_detail_page(client, submitted, reviewer, handler_user, head, supervisor):
    Case.objects.filter(pk=submitted.case_id).update(is_complex=True)
    check_door(client, reviewer, opinion_door(submitted), counted=COUNTED)
    review = services.review_give_opinion(
        actor=reviewer, review=submitted, checklist=all_pass(facts="缺少检验报告")
    )
    pre = services.review_request_pre_review(actor=reviewer, review=review, question="是否从重")
    dispute, invite, pre_review, answer, resolve = action_doors(review, pre)
    check_door(client, handler_user, dispute, counted=COUNTED)
    check_door(client, reviewer, invite, counted=COUNTED)
    check_door(client, reviewer, pre_review, counted=COUNTED)
    check_door(client, supervisor, answer, counted=COUNTED)
    services.review_dispute(actor=handler_user, review=review, reason="检验报告已补充")
    check_door(client, head, resolve, counted=COUNTED)


def test_a_refusal_stands_beside_its_field_with_the_input_kept(client, submitted, reviewer, handler_user):
    review = services.review_give_opinion(
        actor=reviewer, review=submitted, checklist=all_pass(facts="缺少检验报告")
    )
    client.force_login(reviewer)
    response = client.post(
        f"/review/{review.pk}/invite/", {"author": "刘律师", "role": "public_lawyer", "text": " "}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["invite_form"].errors == {"text": ["请填写书面意见"]}
    assert 'value="刘律师"' in page and "未保存" not in page
    assert not InvitedOpinion.objects.exists()


def test_a_refused_opinion_keeps_the_checklist(client, submitted, reviewer):
    client.force_login(reviewer)
    data = {**opinion_door(submitted).good, "comment_facts": ""}
    response = client.post(f"/review/{submitted.pk}/opinion/", data)
    page = response.content.decode()
    assert response.status_code == 200 and "审核意见未保存" not in page
    row = page.split('data-point="facts"')[1].split("</tr>")[0]
    assert 'value="0" checked' in row and f"“{FACTS}”存在问题，须写明问题和理由" in row
    assert page.count(f">{PASS_REASON}</textarea>") == len(CheckPoint) - 1
    assert ReviewRound.objects.get().result == ""
