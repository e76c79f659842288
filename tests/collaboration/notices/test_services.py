"""抄告 (seed 004 五(一)): an approval decision entered by a business department goes to the 综合行政执法部门 of
its region with its 10-working-day (or immediate) deadline; a penalty of the 综合行政执法部门 makes its 抄告 by
itself; only the receiver acknowledges; overdue ones show on both sides; the 信息共享 register follows."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.cases.conftest import penalty
from tests.collaboration.conftest import TODAY, HandoffWrites
from tests.factories import AgencyFactory
from tests.helpers import paperwork
from zhifa.cases import services as case_services
from zhifa.collaboration.models import BoundaryItem, Notice, SharingEntry
from zhifa.collaboration.notices import selectors, services
from zhifa.collaboration.notices.choices import NoticeKind, NoticeStatus
from zhifa.collaboration.notices.transitions import is_overdue, offered
from zhifa.collaboration.notices.workbench import pending
from zhifa.core.models import Agency, Record

pytestmark = pytest.mark.django_db


def approval(**overrides):
    data = {
        "title": "准予食品经营许可",
        "party": "东区百味轩餐饮店",
        "decided_on": date(2026, 3, 2),
        "number": "东市监许〔2026〕1号",
    }
    return services.ApprovalInput(**{**data, **overrides})


def test_an_approval_goes_to_the_comprehensive_agency_within_ten_working_days(agencies, urban, clerk):
    notice = services.notice_enter_approval(actor=clerk, agency=agencies["east_market"], data=approval())

    assert (notice.kind, notice.sender, notice.receiver) == (
        NoticeKind.APPROVAL,
        agencies["east_market"],
        urban,
    )
    # Monday 2026-03-02 + 10 working days = Monday 2026-03-16; sent today, acknowledged within 3 working days
    assert notice.due_on == date(2026, 3, 16)
    assert (notice.status, notice.ack_due) == (NoticeStatus.SENT, date(2026, 3, 11))
    actions = list(Record.objects.filter(subject_id=str(notice.pk), subject_type="collaboration.notice")
                   .values_list("action", flat=True).order_by("seq"))  # fmt: skip
    assert actions == ["notice.create", "notice.send"]
    entry = SharingEntry.objects.get()
    assert (
        entry.provider,
        entry.receiver,
        entry.category,
        entry.method,
        entry.last_shared_on,
        entry.times,
    ) == (agencies["east_market"], urban, "decisions", "notice", TODAY, 1)


def test_an_urgent_approval_is_due_the_day_it_was_made(agencies, urban, clerk):
    notice = services.notice_enter_approval(
        actor=clerk, agency=agencies["east_market"], data=approval(urgent=True, decided_on=date(2026, 3, 5))
    )
    assert notice.due_on == date(2026, 3, 5)
    send = Record.objects.get(subject_id=str(notice.pk), action="notice.send")
    assert '"late":true' in send.payload


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": " "}, "title", "请填写决定事项"),
        ({"party": ""}, "party", "请填写当事人"),
        ({"decided_on": None}, "decided_on", "请填写决定日期"),
        ({"decided_on": date(2026, 3, 9)}, "decided_on", "决定日期不能晚于今天"),
    ],
)
def test_bad_approval_input_is_refused_and_nothing_written(agencies, urban, clerk, overrides, field, message):
    writes = HandoffWrites()
    with pytest.raises(ValidationError) as refused:
        services.notice_enter_approval(
            actor=clerk, agency=agencies["east_market"], data=approval(**overrides)
        )
    assert refused.value.message_dict == {field: [message]}
    assert writes.none


def test_a_penalty_item_is_not_an_approval(agencies, urban, clerk, catalogue):
    item = catalogue.items.get(code="SCJG-CF-001")
    with pytest.raises(ValidationError) as refused:
        services.notice_enter_approval(actor=clerk, agency=agencies["east_market"], data=approval(item=item))
    assert refused.value.message_dict["item"] == [
        "事项SCJG-CF-001（销售不符合食品安全标准的食品）不是本机关的行政许可或行政确认事项"
    ]


def test_without_a_comprehensive_agency_there_is_nothing_to_tell(agencies, clerk):
    with pytest.raises(ValidationError) as refused:
        services.notice_enter_approval(actor=clerk, agency=agencies["east_market"], data=approval())
    assert refused.value.message_dict["agency"] == [
        "东区市场监督管理局所在区划没有综合行政执法部门，无需抄告"
    ]


def test_only_the_receiver_acknowledges(agencies, urban, clerk, urban_officer, transport_officer, supervisor):
    notice = services.notice_enter_approval(actor=clerk, agency=agencies["east_market"], data=approval())
    writes = HandoffWrites()
    with pytest.raises(Http404):  # a third agency does not see it
        services.notice_acknowledge(actor=transport_officer, notice=notice)
    with pytest.raises(PermissionDenied):  # a supervisor of the region sees it and may not act
        services.notice_acknowledge(actor=supervisor, notice=notice)
    with pytest.raises(ValidationError) as refused:  # the sender is not the receiver
        services.notice_acknowledge(actor=clerk, notice=notice)
    assert refused.value.message_dict == {"actor": ["只有接收机关能签收抄告"]}
    assert writes.none
    assert offered(urban_officer, notice) == ["acknowledge"] and offered(clerk, notice) == []

    services.notice_acknowledge(actor=urban_officer, notice=notice)
    notice.refresh_from_db()
    assert (notice.status, notice.acknowledged_by) == (NoticeStatus.ACKNOWLEDGED, urban_officer)
    with pytest.raises(ValidationError) as again:
        services.notice_acknowledge(actor=urban_officer, notice=notice)
    assert again.value.message_dict["status"] == ["抄告当前为“已签收”，不能签收（应为：已抄告待签收）"]


def test_both_parties_and_the_regions_supervisors_see_it_nobody_else(
    agencies, urban, clerk, urban_officer, transport_officer, supervisor, west_officer
):
    notice = services.notice_enter_approval(actor=clerk, agency=agencies["east_market"], data=approval())
    for user in (clerk, urban_officer, supervisor):
        assert selectors.get_notice(user, notice.pk) == notice
    for user in (transport_officer, west_officer):
        with pytest.raises(Http404):
            selectors.get_notice(user, notice.pk)


def test_an_unacknowledged_notice_is_overdue_on_both_sides(agencies, urban, clerk, urban_officer, today):
    notice = services.notice_enter_approval(actor=clerk, agency=agencies["east_market"], data=approval())
    today(date(2026, 3, 12))  # the day after the 3 working days to acknowledge
    assert is_overdue(notice)
    for user in (clerk, urban_officer):
        (item,) = [p for p in pending(user) if "抄告" in p.title]
        assert (item.overdue, item.due, "逾期未签收" in item.title) == (True, date(2026, 3, 11), True)
    assert list(selectors.notices_visible_to(clerk, selectors.NoticeFilters(overdue=True))) == [notice]


# ---- automatic: a penalty of the 综合行政执法部门 -------------------------------------------------------------


@pytest.fixture
def comprehensive_case(registered, handler_user, agencies, transport):
    """The cases fixtures' agency turned into a 综合行政执法机构 set up inside 东区交通运输局 (its 业务主管部门)."""
    Agency.objects.filter(pk=agencies["east_market"].pk).update(kind="comprehensive", parent=transport)
    case = paperwork(registered, "submit-review")
    case = case_services.case_submit_for_review(actor=handler_user, case=case, report="调查终结，事实清楚。")
    return case_services.case_notify(
        actor=handler_user, case=case, on=date(2026, 3, 10), proposed="拟罚款70000元", hearing_rights=False
    )


def test_a_penalty_of_the_comprehensive_agency_makes_its_notice(comprehensive_case, leader, transport):
    case = case_services.case_decide(
        actor=leader, case=paperwork(comprehensive_case, "decide", "penalty"), decision=penalty()
    )
    notice = Notice.objects.get()
    assert (notice.kind, notice.sender_id, notice.receiver, notice.case, notice.status) == (
        NoticeKind.PENALTY,
        case.agency_id,
        transport,
        case,
        NoticeStatus.PENDING,
    )
    # decided Friday 2026-03-20: 10 working days → Friday 2026-04-03
    assert (notice.decided_on, notice.due_on, notice.content) == (
        date(2026, 3, 20),
        date(2026, 4, 3),
        "作出行政处罚决定：罚款",
    )


def test_the_register_names_the_department_a_penalty_is_told_to(comprehensive_case, leader, transport, city):
    """The case's item was transferred to the 综合行政执法机构 by 东区卫生健康局: the 抄告 goes there, not to the
    department the agency was set up in."""
    health = AgencyFactory(name="东区卫生健康局", region=city["east"])
    code = comprehensive_case.items.get().code
    BoundaryItem.objects.create(region=city["east"], item_code=code, item_name="划转事项", from_agency=health,
                                agency=comprehensive_case.agency, transferred_on=date(2026, 1, 1),
                                document="东编〔2026〕3号")  # fmt: skip
    case_services.case_decide(
        actor=leader, case=paperwork(comprehensive_case, "decide", "penalty"), decision=penalty()
    )
    assert Notice.objects.get().receiver == health


def test_the_register_names_the_agency_an_approval_is_told_to(agencies, urban, clerk, city):
    """Two 综合行政执法部门 in the region: the one the register says took over the department's items."""
    brigade = AgencyFactory(name="东区综合行政执法大队", region=city["east"], kind="comprehensive")
    assert (
        services.notice_enter_approval(actor=clerk, agency=agencies["east_market"], data=approval()).receiver
        == urban
    )
    BoundaryItem.objects.create(region=city["east"], item_code="SCJG-XK-001", item_name="食品经营许可后监管",
                                from_agency=agencies["east_market"], agency=brigade,
                                transferred_on=date(2026, 1, 1), document="东编〔2026〕3号")  # fmt: skip
    notice = services.notice_enter_approval(actor=clerk, agency=agencies["east_market"], data=approval())
    assert (notice.receiver, notice.due_on) == (brigade, date(2026, 3, 16))


def test_sending_without_a_receiver_asks_for_one(agencies, urban_officer, urban, transport):
    notice = Notice.objects.create(kind=NoticeKind.PENALTY, sender=urban, title="占道经营", party="张三",
                                   decided_on=date(2026, 3, 2), due_on=date(2026, 3, 16))  # fmt: skip
    writes = HandoffWrites()
    with pytest.raises(ValidationError) as refused:
        services.notice_send(actor=urban_officer, notice=notice)
    assert refused.value.message_dict == {"receiver": ["未能确定主管该事项的业务部门，请选择接收机关"]}
    assert writes.none
    services.notice_send(actor=urban_officer, notice=notice, receiver=transport, note="请纳入批后监管")
    notice.refresh_from_db()
    assert (notice.status, notice.receiver) == (NoticeStatus.SENT, transport)


def test_sharing_register_and_its_record(agencies, clerk, urban, today):
    entry = services.sharing_register(
        actor=clerk, agency=agencies["east_market"],
        data=services.SharingInput(receiver=urban, category="dynamics", method="platform", content="日常监督检查记录",
                                   frequency="每月"),
    )  # fmt: skip
    with pytest.raises(ValidationError) as future:
        services.sharing_record(actor=clerk, entry=entry, on=date(2026, 3, 9))
    assert future.value.message_dict == {"on": ["共享日期不能晚于今天"]}
    services.sharing_record(actor=clerk, entry=entry, on=date(2026, 3, 5))
    entry.refresh_from_db()
    assert (entry.last_shared_on, entry.times) == (date(2026, 3, 5), 1)
    with pytest.raises(ValidationError) as again:
        services.sharing_register(
            actor=clerk, agency=agencies["east_market"],
            data=services.SharingInput(receiver=urban, category="dynamics", method="platform", content="x"),
        )  # fmt: skip
    assert again.value.message_dict == {"category": ["该共享事项已登记"]}
