"""投诉举报 services: intake and routing, the clocks on the working-day calendar (exact dates over weekends),
the transition table from acceptance to 办结, rating, disputes, merging, what a complaint opens, and every
refusal with nothing written."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.cases.conftest import party as case_party
from zhifa.complaints import selectors, services
from zhifa.complaints.choices import Channel, Rating, Status, Wish
from zhifa.complaints.models import Complaint
from zhifa.core.models import Record
from zhifa.core.validators import credit_code_with_check

from .conftest import EXE, PDF, ComplaintWrites, data, pdf

pytestmark = pytest.mark.django_db


def party():
    return case_party(credit_code=credit_code_with_check("91110101MA0000001"))


def refusal(exc) -> dict:
    return {k: v[0] for k, v in exc.value.message_dict.items()}


def test_a_portal_complaint_is_routed_by_its_item_and_runs_on_working_days(submitted, agencies):
    complaint, code = submitted
    assert complaint.agency == agencies["east_market"]
    assert complaint.item.code == "SCJG-CF-001"
    assert complaint.status == Status.PENDING
    assert complaint.number == f"TS2026{complaint.pk:06d}"
    # Friday 6 March: 3 working days → Wednesday 11 March; 15 → Friday 27 March
    assert (complaint.ack_due, complaint.reply_due) == (date(2026, 3, 11), date(2026, 3, 27))
    assert len(code) == 16 and complaint.code_hash == services.code_hash(code)
    assert code not in Complaint.objects.values_list("code_hash", flat=True)[0]
    assert services.by_code(code.lower()) == complaint
    assert Record.objects.get(action="complaint.submit").agency_id == agencies["east_market"].pk


def test_without_an_item_the_named_agency_or_else_the_justice_bureau_receives_it(city, agencies, catalogue):
    named, _ = services.complaint_submit(data=data(city, item_code="", agency_hint="西县市场监督管理局"))
    assert (
        named.agency == agencies["east_justice"]
    )  # 西县 is not above 东区: the name alone does not reach it
    named, _ = services.complaint_submit(data=data(city, item_code="", agency_hint="市场监督管理局"))
    assert named.agency == agencies["east_market"]
    unknown, _ = services.complaint_submit(data=data(city, item_code="", agency_hint=""))
    assert unknown.agency == agencies["east_justice"]


def test_the_clocks_are_settings_per_region(settings, city, catalogue):
    settings.ZHIFA_COMPLAINT_REPLY_WORKDAYS = 10
    settings.ZHIFA_COMPLAINT_REPLY_WORKDAYS_BY_REGION = {"970100": 5}  # the city's value reaches 东区
    complaint, _ = services.complaint_submit(data=data(city))
    assert complaint.reply_due == date(2026, 3, 13)


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"phone": ""}, "phone", "请留下联系方式（电话、电子邮箱或联系地址），或选择匿名投诉举报"),
        ({"name": ""}, "name", "请填写投诉举报人姓名，或选择匿名投诉举报"),
        ({"title": "  "}, "title", "请填写事项概要"),
        ({"region": None}, "region", "请选择事发地所属区划"),
        ({"files": [pdf(name="木马.jpg", content=EXE)]}, "files",
         "“木马.jpg”的内容不是文档、PDF或图片，不予接收（请检查文件是否与其名称相符）"),
        ({"files": [pdf()] * 6}, "files", "附件最多5个文件"),
        ({"channel": Channel.HOTLINE}, "channel", "门户网站只能提交来源为“门户网站”的投诉举报"),
    ],
)  # fmt: skip
def test_bad_public_input_is_refused_with_the_reason_and_nothing_written(
    city, catalogue, overrides, field, message
):
    writes = ComplaintWrites()
    with pytest.raises(ValidationError) as exc:
        services.complaint_submit(data=data(city, **overrides))
    assert refusal(exc) == {field: message}
    assert writes.none


def test_an_oversized_attachment_is_refused(settings, city, catalogue):
    settings.ZHIFA_COMPLAINT_MAX_FILE_BYTES = 100
    writes = ComplaintWrites()
    with pytest.raises(ValidationError) as exc:
        services.complaint_submit(data=data(city, files=[pdf(content=PDF + b"x" * 100)]))
    assert refusal(exc) == {"files": "“照片.pdf”超过100\xa0字节，请压缩或拆分后上传"}
    assert writes.none


def test_an_anonymous_complaint_needs_no_contact_and_keeps_its_files(city, catalogue):
    complaint, _ = services.complaint_submit(
        data=data(city, anonymous=True, name="", phone="", files=[pdf()])
    )
    assert complaint.complainant == "匿名"
    (stored,) = complaint.files.all()
    assert (stored.name, stored.media_type, stored.size) == ("照片.pdf", "application/pdf", len(PDF))


def test_the_agency_accepts_handles_extends_replies_and_the_complainant_rates(submitted, clerk, today):
    complaint, code = submitted
    complaint = services.complaint_accept(actor=clerk, complaint=complaint)
    assert (complaint.status, complaint.accepted_on, complaint.case_due) == (
        Status.ACCEPTED, date(2026, 3, 6), date(2026, 3, 27))  # fmt: skip
    complaint = services.complaint_handle(actor=clerk, complaint=complaint, note="已现场核查")
    complaint = services.complaint_extend(actor=clerk, complaint=complaint, workdays=5, reason="需检验检测")
    assert complaint.reply_due == date(2026, 4, 3)
    with pytest.raises(ValidationError) as exc:
        services.complaint_extend(actor=clerk, complaint=complaint, workdays=5, reason="再延")
    assert refusal(exc) == {
        "status": "投诉举报当前为“办理中”，不能延长答复期限（已延长过）（应为：已受理、办理中、重新办理）"
    } or refusal(exc) == {"status": "答复期限已延长过一次，不能再次延长"}
    today(date(2026, 3, 10))
    complaint = services.complaint_reply(actor=clerk, complaint=complaint, reply="已责令整改并立案调查。")
    with pytest.raises(ValidationError) as exc:
        services.complaint_close(actor=clerk, complaint=complaint, conclusion="办结")
    assert refusal(exc) == {"status": "投诉举报人可在2026年3月24日前评价答复，评价或期满后方可办结"}
    complaint = services.complaint_rate(code=code, rating=Rating.SATISFIED, comment="满意")
    assert complaint.status == Status.RATED
    complaint = services.complaint_close(actor=clerk, complaint=complaint, conclusion="已答复，投诉人满意")
    assert (complaint.status, complaint.closed_on) == (Status.CLOSED, date(2026, 3, 10))
    actions = list(
        Record.objects.filter(subject_type="complaints.complaint").values_list("action", flat=True)
    )
    assert actions == ["complaint.submit", "complaint.accept", "complaint.handle", "complaint.extend",
                       "complaint.reply", "complaint.rate", "complaint.close"]  # fmt: skip


def test_an_extension_beyond_the_setting_is_refused(submitted, clerk):
    complaint = services.complaint_accept(actor=clerk, complaint=submitted[0])
    writes = ComplaintWrites()
    with pytest.raises(ValidationError) as exc:
        services.complaint_extend(actor=clerk, complaint=complaint, workdays=16, reason="久")
    assert refusal(exc) == {"workdays": "延长的工作日须在1至15之间"}
    assert writes.none


def _replied(submitted, clerk):
    complaint = services.complaint_accept(actor=clerk, complaint=submitted[0])
    return services.complaint_reply(actor=clerk, complaint=complaint, reply="答复"), submitted[1]


def test_unsatisfied_reopens_with_a_new_reply_clock(submitted, clerk, today):
    complaint, code = _replied(submitted, clerk)
    today(date(2026, 3, 9))
    complaint = services.complaint_rate(code=code, rating=Rating.UNSATISFIED, wish=Wish.REOPEN)
    assert (complaint.status, complaint.clock_from, complaint.reply_due) == (
        Status.REOPENED, date(2026, 3, 9), date(2026, 3, 30))  # fmt: skip
    complaint = services.complaint_reply(actor=clerk, complaint=complaint, reply="重新核查后答复")
    assert complaint.status == Status.REPLIED


def test_unsatisfied_sent_to_supervision_is_closed_or_redone_by_the_justice_bureau(
    submitted, clerk, supervisor
):
    complaint, code = _replied(submitted, clerk)
    with pytest.raises(ValidationError) as exc:
        services.complaint_rate(code=code, rating=Rating.UNSATISFIED)
    assert refusal(exc) == {"wish": "请选择不满意时的诉求"}
    complaint = services.complaint_rate(code=code, rating=Rating.UNSATISFIED, wish=Wish.SUPERVISE)
    assert complaint.status == Status.SUPERVISING
    with pytest.raises(PermissionDenied):
        services.complaint_close(actor=clerk, complaint=complaint, conclusion="办结")
    complaint = services.complaint_redo(actor=supervisor, complaint=complaint, opinion="答复未说明处理依据")
    assert complaint.status == Status.REOPENED


def test_a_wrong_code_and_a_code_that_does_not_exist_are_refused_alike(submitted):
    _complaint, code = submitted
    for wrong in ("", "ABC", code[:-1] + ("A" if code[-1] != "A" else "B"), "Z" * 16):
        with pytest.raises(ValidationError) as exc:
            services.complaint_rate(code=wrong, rating=Rating.SATISFIED)
        assert refusal(exc) == {"code": "查询码不正确"}


def test_transfer_dispute_and_settlement(
    submitted, clerk, west_clerk, supervisor, agencies, today, make_user
):
    city_supervisor = make_user(agencies["city_justice"], "supervisor", username="city_supervisor")
    complaint = submitted[0]
    writes = ComplaintWrites()
    with pytest.raises(ValidationError) as exc:
        services.complaint_transfer(
            actor=clerk, complaint=complaint, agency=agencies["west_market"], reason=""
        )
    assert refusal(exc) == {"reason": "请填写转办理由"} and writes.none
    today(date(2026, 3, 9))
    complaint = services.complaint_transfer(
        actor=clerk, complaint=complaint, agency=agencies["west_market"], reason="发生地在西县"
    )
    assert (complaint.status, complaint.agency, complaint.ack_due) == (
        Status.TRANSFERRED, agencies["west_market"], date(2026, 3, 12))  # fmt: skip
    with pytest.raises(Http404):  # no longer the first agency's
        selectors.get_complaint(clerk, complaint.pk)
    complaint = services.complaint_dispute(actor=west_clerk, complaint=complaint, reason="经营者住所在东区")
    assert complaint.status == Status.DISPUTED
    with pytest.raises(Http404):  # 东区司法局 does not reach 西县: the city's bureau settles between counties
        services.complaint_settle(
            actor=supervisor, complaint=complaint, agency=agencies["east_market"], reason=""
        )
    complaint = services.complaint_settle(
        actor=city_supervisor,
        complaint=complaint,
        agency=agencies["east_market"],
        reason="违法行为发生地在东区",
    )
    assert (complaint.status, complaint.agency, complaint.accepted_on) == (
        Status.ACCEPTED, agencies["east_market"], date(2026, 3, 9))  # fmt: skip


def test_only_the_handling_agency_handles(submitted, west_clerk, supervisor):
    complaint = submitted[0]
    with pytest.raises(Http404):
        services.complaint_accept(actor=west_clerk, complaint=complaint)
    with pytest.raises(PermissionDenied):  # the supervisor sees it, and may not answer for the agency
        services.complaint_accept(actor=supervisor, complaint=complaint)


def test_duplicates_are_suggested_and_merged(city, catalogue, clerk, today):
    first, _ = services.complaint_submit(data=data(city))
    today(date(2026, 3, 20))
    second, _ = services.complaint_submit(data=data(city, title="后厨脏乱", name="孙小姐", phone="139"))
    other, _ = services.complaint_submit(
        data=data(city, subject_name="另一家饭店", phone="137", title="噪音")
    )
    assert list(selectors.duplicates_of(second, clerk)) == [first]
    assert list(selectors.duplicates_of(other, clerk)) == []
    merged = services.complaint_merge(actor=clerk, complaint=second, into=first)
    assert (merged.status, merged.merged_into, merged.conclusion) == (
        Status.CLOSED, first, f"与{first.number}重复，已合并办理")  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.complaint_merge(actor=clerk, complaint=other, into=other)
    assert refusal(exc) == {"into": "不能并入自身"}


def test_outside_the_window_is_no_duplicate(settings, city, catalogue, clerk, today):
    settings.ZHIFA_COMPLAINT_DUPLICATE_DAYS = 10
    services.complaint_submit(data=data(city))
    today(date(2026, 3, 17))
    later, _ = services.complaint_submit(data=data(city))
    assert list(selectors.duplicates_of(later, clerk)) == []


def test_an_accepted_complaint_with_no_case_becomes_an_unfiled_signal_until_a_case_is_opened(
    submitted, clerk, handler_user, today
):
    complaint = services.complaint_accept(actor=clerk, complaint=submitted[0])
    assert list(selectors.unfiled(on=date(2026, 3, 27))) == []
    assert list(selectors.unfiled(on=date(2026, 3, 30))) == [complaint]
    complaint = services.complaint_open_case(
        actor=handler_user, complaint=complaint, party=party(), place="东区某路"
    )
    assert complaint.case.source == "complaint" and complaint.case.summary == "饭店后厨卫生差"
    assert list(selectors.unfiled(on=date(2026, 3, 30))) == []
    with pytest.raises(ValidationError) as exc:
        services.complaint_open_case(actor=handler_user, complaint=complaint, party=party())
    assert refusal(exc) == {"status": "该投诉举报已登记案件，不能重复"}


def test_a_complaint_opens_a_supervision_item_and_an_oversight(submitted, supervisor, agencies):
    complaint = services.complaint_open_item(
        actor=supervisor, complaint=submitted[0], reason="群众反映处理不力"
    )
    item = complaint.supervision_item
    assert (item.agency, item.kind, item.title) == (
        agencies["east_market"], "routine", f"投诉举报{complaint.number}：饭店后厨卫生差")  # fmt: skip
    complaint = services.complaint_open_oversight(
        actor=supervisor, complaint=complaint, ground="repeated", description="限期查处并报告"
    )
    assert complaint.oversight.agency == agencies["east_market"]
    assert complaint.oversight.ground == "repeated"


def test_statistics_count_on_time_and_satisfaction(submitted, city, clerk, supervisor, today):
    _complaint, code = _replied(submitted, clerk)
    services.complaint_rate(code=code, rating=Rating.FAIRLY)
    late, _ = services.complaint_submit(data=data(city))
    services.complaint_accept(actor=clerk, complaint=late)
    today(date(2026, 3, 30))
    services.complaint_reply(actor=clerk, complaint=late, reply="答复")
    (row,) = selectors.statistics(supervisor, "agency")
    assert (row.label, row.total, row.replied, row.on_time, row.on_time_rate, row.rated, row.satisfaction) == (
        "东区市场监督管理局", 2, 2, 1, 50.0, 1, 100.0)  # fmt: skip
    (row,) = selectors.statistics(supervisor, "channel")
    assert row.label == "门户网站"
