"""The portal's pages and its JSON API refuse the same ill-formed input alike (tests/parity.py): control
characters in every free-text field, no contact and no anonymity, a missing rating or wish."""

import pytest
from django.core.cache import cache

from tests.parity import Door, check_door
from zhifa.complaints import services
from zhifa.complaints.models import Complaint, ComplaintFile

pytestmark = pytest.mark.django_db
COUNTED = (Complaint, ComplaintFile)


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    cache.clear()
    settings.ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE = 1000
    settings.ZHIFA_COMPLAINT_LOOKUPS_PER_MINUTE = 1000


def submit_door(region_id: int) -> Door:
    return Door(
        "门户网站提交投诉举报", "zhifa_complaints_api_public_submit", page="/gs/complaints/",
        api="/api/complaints/public/complaints",
        good={"kind": "complaint", "name": "钱多多", "phone": "13800000001", "region": region_id,
              "subject_name": "东区味美餐饮有限公司", "title": "饭店后厨卫生差", "content": "后厨污水横流"},
        text_fields={"title": "事项概要", "name": "姓名", "phone": "联系电话", "email": "电子邮箱",
                     "address": "联系地址", "subject_name": "被投诉举报对象", "agency_hint": "涉及的执法部门",
                     "content": "具体内容", "place": "发生地点"},
        bad=[("phone", "", "请留下联系方式（电话、电子邮箱或联系地址），或选择匿名投诉举报"),
             ("title", "", "请填写事项概要"), ("subject_name", "", "请填写被投诉举报对象")],
        to_api=lambda d: {("region_id" if k == "region" else k): v for k, v in d.items()},
    )  # fmt: skip


def rate_door(code: str) -> Door:
    return Door(
        "评价答复", "zhifa_complaints_api_public_rate", page="/gs/complaints/rate/",
        api="/api/complaints/public/rate",
        good={"code": code, "rating": "unsatisfied", "wish": "reopen", "comment": "处理不及时"},
        text_fields={"comment": "评价意见"},
        bad=[("rating", "", "请选择评价"), ("wish", "", "请选择不满意时的诉求")],
        page_form="rate_form",
    )  # fmt: skip


def test_the_portal_form_and_the_api_refuse_alike(client, city, catalogue, clerk):
    check_door(client, clerk, submit_door(city["east"].pk), counted=COUNTED)


def test_the_rating_page_and_the_api_refuse_alike(client, submitted, clerk):
    complaint, code = submitted
    complaint = services.complaint_accept(actor=clerk, complaint=complaint)
    services.complaint_reply(actor=clerk, complaint=complaint, reply="已责令整改")
    check_door(client, clerk, rate_door(code), counted=COUNTED)
    assert Complaint.objects.get().rating == ""


# declared at import, so tests/test_parity_table.py finds them (the tests above build them with real ids)
TABLE = [submit_door(0), rate_door("")]
