"""协助 (seed 004 五(二); seed 000 §1): 认定、鉴定、咨询 answered in writing within 5 working days of receipt;
on-site help on the hour clock; extensions only before the due date, with a later date and a reason; a
refusal only with its reason; requests to another county's agencies; only the helper answers."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tests.collaboration.conftest import HandoffWrites
from zhifa.collaboration.assistance import selectors, services
from zhifa.collaboration.assistance.choices import AssistanceStatus
from zhifa.collaboration.assistance.transitions import is_overdue, offered
from zhifa.collaboration.assistance.workbench import pending

pytestmark = pytest.mark.django_db


def ask(actor, agency, helper, kind="identify", **overrides):
    data = {
        "kind": kind,
        "helper": helper,
        "subject": "无证经营食品的认定",
        "questions": "请认定当事人是否应当取得食品经营许可。",
    }
    return services.assistance_request(
        actor=actor, agency=agency, data=services.RequestInput(**{**data, **overrides})
    )


@pytest.fixture
def request_(urban, urban_officer, agencies):
    return ask(urban_officer, urban, agencies["east_market"])


def test_answered_in_writing_within_five_working_days_of_receipt(request_, clerk, urban_officer, today):
    assert (request_.status, request_.number, request_.cross_region) == (
        AssistanceStatus.SENT,
        request_.number,
        False,
    )
    assert request_.number.endswith("1号")
    services.assistance_receive(actor=clerk, request=request_)
    request_.refresh_from_db()
    # received Friday 2026-03-06: the 5th working day after is Friday 2026-03-13
    assert (request_.received_on, request_.due_on, request_.due_workdays) == (
        date(2026, 3, 6),
        date(2026, 3, 13),
        5,
    )
    today(date(2026, 3, 16))
    assert is_overdue(request_)
    assert [p.overdue for p in pending(urban_officer)] == [True]  # the requester sees it overdue too
    services.assistance_answer(
        actor=clerk, request=request_, answer="经认定，属于应当取得食品经营许可的情形。"
    )
    request_.refresh_from_db()
    assert (request_.status, request_.answered_on) == (AssistanceStatus.ANSWERED, date(2026, 3, 16))


def test_only_the_helper_answers(request_, clerk, urban_officer, transport_officer):
    writes = HandoffWrites()
    with pytest.raises(Http404):
        services.assistance_receive(actor=transport_officer, request=request_)
    with pytest.raises(ValidationError) as refused:
        services.assistance_receive(actor=urban_officer, request=request_)
    assert refused.value.message_dict == {"actor": ["只有协助机关能签收协助函"]}
    assert writes.none
    assert offered(clerk, request_) == ["receive", "decline"] and offered(urban_officer, request_) == []


def test_an_extension_before_the_due_date_with_a_later_day(request_, clerk, today):
    services.assistance_receive(actor=clerk, request=request_)
    writes = HandoffWrites()
    for new_due, reason, field, message in [
        (date(2026, 3, 20), "", "reason", "请填写延期理由"),
        (date(2026, 3, 13), "需送检", "new_due", "新的答复日期应晚于原期限（2026-03-13）"),
        (date(2026, 3, 21), "需送检", "new_due", "新的答复日期应为工作日"),
    ]:
        with pytest.raises(ValidationError) as refused:
            services.assistance_extend(actor=clerk, request=request_, new_due=new_due, reason=reason)
        assert refused.value.message_dict == {field: [message]}
    assert writes.none
    services.assistance_extend(
        actor=clerk, request=request_, new_due=date(2026, 3, 20), reason="需送检测机构检验"
    )
    request_.refresh_from_db()
    assert (request_.due_on, request_.due_workdays, request_.extended_reason) == (
        date(2026, 3, 20),
        None,
        "需送检测机构检验",
    )


def test_an_extension_after_the_due_date_is_refused(request_, clerk, today):
    services.assistance_receive(actor=clerk, request=request_)
    today(date(2026, 3, 16))
    writes = HandoffWrites()
    with pytest.raises(ValidationError) as refused:
        services.assistance_extend(actor=clerk, request=request_, new_due=date(2026, 3, 20), reason="需送检")
    assert refused.value.message_dict == {
        "new_due": ["答复期限已于2026-03-13届满，不能再延期（应当事先告知）"]
    }
    assert writes.none


def test_a_refusal_without_a_reason_is_refused(request_, clerk):
    writes = HandoffWrites()
    with pytest.raises(ValidationError) as refused:
        services.assistance_decline(actor=clerk, request=request_, reason="  ")
    assert refused.value.message_dict == {"reason": ["请填写不予协助的理由"]}
    assert writes.none
    services.assistance_decline(actor=clerk, request=request_, reason="该事项不属于本部门职责")
    request_.refresh_from_db()
    assert (request_.status, request_.decline_reason) == (AssistanceStatus.DECLINED, "该事项不属于本部门职责")


def test_on_site_help_runs_on_the_hour_clock(urban, urban_officer, agencies, settings):
    settings.ZHIFA_ASSISTANCE_ONSITE_HOURS = 2
    made = ask(urban_officer, urban, agencies["east_market"], kind="onsite", subject="现场扣押过期食品")
    assert made.urgent and made.due_at == made.sent_at + timedelta(hours=2)
    assert made.due_on is None and not is_overdue(made)


def test_cross_region_request_seen_by_both_counties_parties_only(urban, urban_officer, west_transport, west_officer,
                                                                 transport_officer, supervisor):  # fmt: skip
    made = ask(urban_officer, urban, west_transport, kind="archive", subject="查阅道路运输经营许可档案")
    assert made.cross_region
    for user in (urban_officer, west_officer, supervisor):
        assert selectors.get_request(user, made.pk) == made
    with pytest.raises(Http404):
        selectors.get_request(transport_officer, made.pk)


def test_bad_request_input(urban, urban_officer):
    writes = HandoffWrites()
    for data, field, message in [
        ({"kind": "x", "helper": urban}, "kind", "请选择协助事项"),
        ({"kind": "identify", "helper": None}, "helper", "请选择协助机关（本机关以外的有效机关）"),
        ({"kind": "identify", "helper": urban}, "helper", "请选择协助机关（本机关以外的有效机关）"),
    ]:
        with pytest.raises(ValidationError) as refused:
            services.assistance_request(actor=urban_officer, agency=urban,
                                        data=services.RequestInput(subject="s", questions="q", **data))  # fmt: skip
        assert refused.value.message_dict == {field: [message]}
    assert writes.none
