"""Page and API refuse the same ill-formed input of the 社会监督 writes alike (tests/parity.py): control
characters in every free-text field, and the bad input of the issue (a term ending before it starts, an
invalid credit code, a score out of range, a date in the future)."""

import pytest

from tests.parity import Door, check_parity
from zhifa.complaints.models import Complaint
from zhifa.social.models import ContactPoint, Feedback, Supervisor, SurveyCampaign, SurveyResponse
from zhifa.supervision.models import SupervisionItem

from .conftest import CODE

pytestmark = pytest.mark.django_db
COUNTED = (Supervisor, ContactPoint, Feedback, SurveyCampaign, SurveyResponse, SupervisionItem, Complaint)
OP = "zhifa_social_api_"


def _ids(d: dict, **renames) -> dict:
    return {renames.get(k, k): v for k, v in d.items()}


def appoint_door(bureau_id: int) -> Door:
    return Door(
        "聘任行政执法监督员", f"{OP}supervisor_appoint", page="/social/supervisors/new/", api="/api/social/supervisors",
        good={"bureau": bureau_id, "name": "郑海燕", "category": "npc", "term_start": "2025-03-01",
              "term_end": "2027-02-28"},
        text_fields={"name": "姓名", "unit": "工作单位及职务", "fields_followed": "关注领域"},
        bad=[("term_end", "2025-02-28", "任期结束日期（2025-02-28）不能早于开始日期（2025-03-01）"),
             ("category", "", "请选择身份类别"), ("phone", "abc", "联系电话格式不正确：只能包含数字、空格和“+-()”，5至32位")],
        to_api=lambda d: _ids(d, bureau="bureau_id"),
    )  # fmt: skip


def renew_door(kind: str, pk: int) -> Door:
    supervisor = kind == "supervisor"
    late = (
        "续聘后的任期结束日期（2027-02-28）应晚于原任期结束日期（2027-02-28）" if supervisor
        else "续期后的结束日期（2027-02-28）应晚于原设立期限结束日期（2027-02-28）"
    )  # fmt: skip
    return Door(
        f"续期（{kind}）", f"{OP}{kind}_renew", page=f"/social/{kind}s/{pk}/renew/",
        api=f"/api/social/{kind}s/{pk}/renew", good={"term_end": "2029-02-28", "reason": "履职积极"},
        text_fields={"reason": "理由"},
        bad=[("term_end", "2027-02-28", late), ("reason", "", "请填写续聘理由" if supervisor else "请填写续期理由")],
    )  # fmt: skip


def end_door(kind: str, action: str, pk: int, missing: str) -> Door:
    return Door(
        f"解聘或撤销（{kind}）", f"{OP}{kind}_{action}", page=f"/social/{kind}s/{pk}/{action}/",
        api=f"/api/social/{kind}s/{pk}/{action}", good={"reason": "本人申请"}, text_fields={"reason": "理由"},
        bad=[("reason", "", missing)],
    )  # fmt: skip


def establish_door(bureau_id: int) -> Door:
    return Door(
        "设立监督联系点", f"{OP}point_establish", page="/social/points/new/", api="/api/social/points",
        good={"bureau": bureau_id, "name": "测试绿源食品有限公司", "kind": "enterprise", "credit_code": CODE,
              "address": "东区兴业路8号", "liaison": "马晓东", "term_start": "2025-03-01", "term_end": "2027-02-28"},
        text_fields={"name": "名称", "address": "地址", "liaison": "联络人"},
        bad=[("credit_code", CODE[:-1] + ("0" if CODE[-1] != "0" else "1"),
              f"统一社会信用代码“{CODE[:-1] + ('0' if CODE[-1] != '0' else '1')}”无效：校验位不正确"),
             ("term_end", "2025-01-01", "设立期限结束日期（2025-01-01）不能早于开始日期（2025-03-01）")],
        to_api=lambda d: _ids(d, bureau="bureau_id"),
    )  # fmt: skip


def feedback_door(agency_id: int, supervisor_id: int) -> Door:
    return Door(
        "录入社会监督反馈", f"{OP}feedback_submit", page="/social/feedback/new/", api="/api/social/feedback",
        good={"agency": agency_id, "supervisor": supervisor_id, "title": "未亮证", "text": "检查时未亮证"},
        text_fields={"title": "反馈事项", "text": "反馈内容"},
        bad=[("title", "", "请填写反馈事项"),
             ("received_on", "2026-03-09", "收到日期（2026-03-09）不能晚于今天（2026-03-06）")],
        to_api=lambda d: _ids(d, agency="agency_id", supervisor="supervisor_id"),
    )  # fmt: skip


def answer_door(pk: int) -> Door:
    return Door(
        "答复反馈", f"{OP}feedback_answer", page=f"/social/feedback/{pk}/answer/",
        api=f"/api/social/feedback/{pk}/answer", good={"answer": "已整改"}, text_fields={"answer": "答复内容"},
        bad=[("answer", "", "请填写答复内容")],
    )  # fmt: skip


def supervise_door(pk: int) -> Door:
    return Door(
        "反馈转为监督事项", f"{OP}feedback_supervise", page=f"/social/feedback/{pk}/supervise/",
        api=f"/api/social/feedback/{pk}/supervise", good={"reason": "核查"}, text_fields={"reason": "监督事由"},
    )  # fmt: skip


def forward_door(pk: int) -> Door:
    return Door(
        "反馈转为投诉举报", f"{OP}feedback_forward", page=f"/social/feedback/{pk}/forward/",
        api=f"/api/social/feedback/{pk}/forward", good={"kind": "report", "subject_name": "东区市场监管所"},
        text_fields={"subject_name": "被投诉举报对象"},
    )  # fmt: skip


def survey_door(region_id: int) -> Door:
    return Door(
        "组织测评", f"{OP}survey_create", page="/social/surveys/new/", api="/api/social/surveys",
        good={"region": region_id, "year": 2026, "title": "东区测评", "method": "visit"},
        text_fields={"title": "名称", "conducted_by": "实施单位"},
        bad=[("method", "", "请选择方式")],
        to_api=lambda d: {**{k: v for k, v in d.items() if k != "region"}, "region_code": "970102"},
    )  # fmt: skip


def response_door(campaign_id: int, agency_id: int) -> Door:
    return Door(
        "录入测评结果", f"{OP}response_add", page=f"/social/surveys/{campaign_id}/responses/new/",
        api=f"/api/social/surveys/{campaign_id}/responses",
        good={"agency": agency_id, "respondent_kind": "enterprise", "rating": "satisfied"},
        text_fields={"respondent": "受访者", "comment": "意见建议"},
        bad=[("score", 101, "评分应在0至100之间，不能为101"), ("score", -1, "评分应在0至100之间，不能为-1"),
             ("rating", "", "请填写满意度评价或评分（至少一项）")],
        to_api=lambda d: _ids(d, agency="agency_id"),
    )  # fmt: skip


# declared at import, so tests/test_parity_table.py sees every pair's Door
TABLE = [
    appoint_door(0), establish_door(0), renew_door("supervisor", 0), renew_door("point", 0),
    end_door("supervisor", "dismiss", 0, ""), end_door("point", "revoke", 0, ""), feedback_door(0, 0),
    answer_door(0), supervise_door(0), survey_door(0), response_door(0, 0), forward_door(0),
]  # fmt: skip


def check_every_variant(client, user, door: Door) -> None:
    for _, name, value, message in door.variants():
        check_parity(client, user, door, name, value, message, counted=COUNTED)


def test_register_doors(client, supervisor, bureau, member, point):
    check_every_variant(client, supervisor, appoint_door(bureau.pk))
    check_every_variant(client, supervisor, establish_door(bureau.pk))
    check_every_variant(client, supervisor, renew_door("supervisor", member.pk))
    check_every_variant(client, supervisor, renew_door("point", point.pk))
    check_every_variant(client, supervisor, end_door("supervisor", "dismiss", member.pk, "请填写解聘理由"))
    check_every_variant(client, supervisor, end_door("point", "revoke", point.pk, "请填写撤销理由"))


def test_feedback_doors(client, supervisor, market, member, received):
    check_every_variant(client, supervisor, feedback_door(market.pk, member.pk))
    check_every_variant(client, supervisor, answer_door(received.pk))
    check_every_variant(client, supervisor, supervise_door(received.pk))
    check_every_variant(client, supervisor, forward_door(received.pk))


def test_survey_doors(client, supervisor, city, campaign, market):
    check_every_variant(client, supervisor, survey_door(city["east"].pk))
    check_every_variant(client, supervisor, response_door(campaign.pk, market.pk))
