"""节假日调整: the city's 系统管理员 adds, edits and deletes one day of the calendar — on the page, through the
API, each recorded and audited — and the working-day clock counts it at once; a county's admin sees the
year read-only; a refusal writes nothing."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.helpers import html
from zhifa.accounts.choices import RoleCode
from zhifa.audit.models import AuditEntry
from zhifa.core import holiday_overrides, workdays
from zhifa.core.choices import DayKind
from zhifa.core.holidays import COUNTY_DENIED
from zhifa.core.models import HolidayOverride, Record

pytestmark = pytest.mark.django_db

AT = datetime(2026, 11, 20, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
# 2026 on the chinesecalendar package: 春节 in February, 国庆节 in October
WORKDAYS_2026 = [21, 16, 22, 21, 19, 21, 23, 21, 22, 18, 21, 23]


@pytest.fixture
def sysadmin(agencies, make_user):
    """The city's 系统管理员: the city is a top-level region."""
    return make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="city_sys", real_name="郑强")


@pytest.fixture
def county_admin(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SYSTEM_ADMIN, username="east_sys", real_name="王五")


@pytest.fixture
def at(monkeypatch):
    monkeypatch.setattr("zhifa.core.holiday_overrides.timezone.now", lambda: AT)


def snapshot():
    return HolidayOverride.objects.count(), Record.objects.count(), AuditEntry.objects.count()


def add(actor, day=date(2026, 11, 25), kind=DayKind.HOLIDAY, name="测试调休"):
    return holiday_overrides.holiday_override_set(actor=actor, day=day, kind=kind, name=name)


# ---- services ---------------------------------------------------------------------------------------


def test_an_override_is_saved_recorded_and_audited(sysadmin, at):
    override = add(sysadmin, name="  测试调休  ")
    assert (override.date, override.kind, override.name) == (date(2026, 11, 25), "holiday", "测试调休")
    assert (override.set_by, override.set_at) == (sysadmin, AT)
    record = Record.objects.get()
    assert (record.agency, record.action, record.actor) == (
        sysadmin.agency,
        "calendar.override_set",
        sysadmin,
    )
    assert record.subject_type == "core.holidayoverride" and record.subject_id == str(override.pk)
    assert record.action_label == "新增节假日调整"
    audit = AuditEntry.objects.get()
    assert (audit.action, audit.actor_id) == ("admin_action", sysadmin.pk)
    assert audit.detail == "新增节假日调整：2026-11-25 休息日（法定节假日）"


def test_the_clock_counts_a_new_override_at_once(sysadmin):
    assert workdays.is_workday(date(2026, 11, 25))  # read, and cached
    assert workdays.add_workdays(date(2026, 11, 24), 1) == date(2026, 11, 25)
    add(sysadmin)
    assert not workdays.is_workday(date(2026, 11, 25))
    assert workdays.add_workdays(date(2026, 11, 24), 1) == date(2026, 11, 26)


def test_a_make_up_day_on_a_saturday_counts_as_a_working_day(sysadmin):
    add(sysadmin, day=date(2026, 11, 28), kind=DayKind.WORKDAY)
    assert workdays.add_workdays(date(2026, 11, 27), 1) == date(2026, 11, 28)
    assert holiday_overrides.workdays_per_month(2026)[10] == (11, 22)


def test_the_working_days_per_month_follow_the_calendar():
    assert holiday_overrides.workdays_per_month(2026) == list(enumerate(WORKDAYS_2026, start=1))


@pytest.mark.parametrize(
    ("day", "kind", "name", "field", "message"),
    [
        (date(1999, 12, 31), DayKind.HOLIDAY, "", "date", "“日期”应在2000年至2100年之间"),
        (date(2101, 1, 1), DayKind.HOLIDAY, "", "date", "“日期”应在2000年至2100年之间"),
        (None, DayKind.HOLIDAY, "", "date", "请填写日期"),
        (date(2027, 1, 1), "", "", "kind", "请选择类型（法定节假日或调休上班）"),
        (date(2027, 1, 1), DayKind.HOLIDAY, "元" * 65, "name", "“说明”最多64个字符"),
    ],
)
def test_a_bad_override_is_refused_and_nothing_is_written(sysadmin, day, kind, name, field, message):
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        add(sysadmin, day=day, kind=kind, name=name)
    assert exc.value.message_dict == {field: [message]}
    assert snapshot() == before


def test_a_date_once_only(sysadmin):
    add(sysadmin)
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        add(sysadmin, kind=DayKind.WORKDAY)
    assert exc.value.message_dict == {"date": ["“日期”2026-11-25已有节假日调整，请修改该条"]}
    assert snapshot() == before
    assert HolidayOverride.objects.get().kind == DayKind.HOLIDAY


def test_a_county_admin_may_not_change_the_calendar(sysadmin, county_admin):
    override = add(sysadmin)
    before = snapshot()
    for change in (
        lambda: add(county_admin, day=date(2026, 11, 26)),
        lambda: holiday_overrides.holiday_override_update(
            actor=county_admin, override=override, day=override.date, kind=DayKind.WORKDAY
        ),
        lambda: holiday_overrides.holiday_override_delete(actor=county_admin, override=override),
    ):
        with pytest.raises(PermissionDenied) as exc:
            change()
        assert str(exc.value) == COUNTY_DENIED
    assert snapshot() == before


def test_an_edit_and_a_delete_are_recorded_and_the_clock_follows(sysadmin, at):
    override = add(sysadmin)
    holiday_overrides.holiday_override_update(
        actor=sysadmin, override=override, day=date(2026, 11, 27), kind=DayKind.HOLIDAY, name="改期"
    )
    override.refresh_from_db()
    assert (override.date, override.name) == (date(2026, 11, 27), "改期")
    assert workdays.is_workday(date(2026, 11, 25)) and not workdays.is_workday(date(2026, 11, 27))
    holiday_overrides.holiday_override_delete(actor=sysadmin, override=override)
    assert not HolidayOverride.objects.exists()
    assert workdays.is_workday(date(2026, 11, 27))
    actions = list(Record.objects.order_by("seq").values_list("action", "payload"))
    assert [a for a, _ in actions] == [
        "calendar.override_set",
        "calendar.override_update",
        "calendar.override_delete",
    ]
    assert '"date":"2026-11-27"' in actions[2][1]
    assert AuditEntry.objects.count() == 3


# ---- pages ------------------------------------------------------------------------------------------


def test_the_year_page_lists_the_overrides_and_the_working_days(
    client, sysadmin, at, django_assert_max_num_queries
):
    add(sysadmin, day=date(2026, 11, 28), kind=DayKind.WORKDAY, name="测试调休上班")
    add(sysadmin, day=date(2025, 5, 6), kind=DayKind.HOLIDAY, name="另一年")
    client.force_login(sysadmin)
    with django_assert_max_num_queries(12):
        page = html(client.get("/org/calendar/?year=2026"))
    assert "节假日调整：2026年" in page
    row = "<td>2026-11-28</td><td>星期六</td><td>工作日（含调休上班）</td><td>测试调休上班</td>"
    assert row in page
    assert "<td>郑强</td><td>2026-11-20 09:30</td>" in page
    assert "另一年" not in page
    assert "<th>11月</th>" in page and "<td>22天</td>" in page and "<td>249天</td>" in page
    assert "新增节假日调整" in page and "/org/calendar/new/" in page


def test_a_county_admin_sees_the_year_read_only(client, sysadmin, county_admin):
    override = add(sysadmin)
    client.force_login(county_admin)
    page = html(client.get("/org/calendar/?year=2026"))
    assert "<td>2026-11-25</td>" in page
    assert "本页仅供查看" in page and "/org/calendar/new/" not in page and "/edit/" not in page
    before = snapshot()
    assert client.get("/org/calendar/new/").status_code == 403
    data = {"date": "2026-11-26", "kind": "holiday", "name": ""}
    assert client.post("/org/calendar/new/", data).status_code == 403
    assert client.post(f"/org/calendar/{override.pk}/edit/", data).status_code == 403
    assert client.post(f"/org/calendar/{override.pk}/delete/").status_code == 403
    assert snapshot() == before
    assert client.get("/org/holidays/").status_code == 403  # the notice, too


def test_an_officer_does_not_see_the_calendar_pages(client, officer):
    client.force_login(officer)
    assert client.get("/org/calendar/").status_code == 403


def test_adding_on_the_page_moves_the_clock(client, sysadmin):
    client.force_login(sysadmin)
    response = client.post("/org/calendar/new/", {"date": "2026-11-25", "kind": "holiday", "name": "测试"})
    assert response.status_code == 302 and response["Location"] == "/org/calendar/?year=2026"
    assert not workdays.is_workday(date(2026, 11, 25))
    refused = client.post("/org/calendar/new/", {"date": "2026-11-25", "kind": "workday", "name": ""})
    assert refused.context["form"].errors == {"date": ["“日期”2026-11-25已有节假日调整，请修改该条"]}
    assert HolidayOverride.objects.count() == 1


def test_edit_and_delete_on_the_page(client, sysadmin):
    override = add(sysadmin)
    client.force_login(sysadmin)
    form = html(client.get(f"/org/calendar/{override.pk}/edit/"))
    assert 'value="2026-11-25"' in form and 'value="测试调休"' in form
    client.post(
        f"/org/calendar/{override.pk}/edit/", {"date": "2026-11-25", "kind": "workday", "name": "上班"}
    )
    override.refresh_from_db()
    assert (override.kind, override.name) == ("workday", "上班")
    confirm = html(client.get(f"/org/calendar/{override.pk}/delete/"))
    assert "删除节假日调整：2026-11-25（星期三）" in confirm and HolidayOverride.objects.exists()
    response = client.post(f"/org/calendar/{override.pk}/delete/")
    assert response.status_code == 302 and not HolidayOverride.objects.exists()


def test_a_year_out_of_range_is_a_bad_request(client, sysadmin):
    client.force_login(sysadmin)
    assert client.get("/org/calendar/?year=1800").status_code == 400


# ---- API --------------------------------------------------------------------------------------------


def test_the_api_adds_lists_edits_and_deletes(client, sysadmin, at):
    client.force_login(sysadmin)
    created = client.post(
        "/api/calendar/overrides",
        {"date": "2026-11-25", "kind": "holiday", "name": "测试"},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert {k: body[k] for k in ("date", "kind", "name", "set_by")} == {
        "date": "2026-11-25",
        "kind": "holiday",
        "name": "测试",
        "set_by": "郑强",
    }
    assert not workdays.is_workday(date(2026, 11, 25))
    listed = client.get("/api/calendar/overrides?year=2026").json()
    assert [item["date"] for item in listed["items"]] == ["2026-11-25"]
    again = client.post(
        "/api/calendar/overrides", {"date": "2026-11-25", "kind": "workday"}, content_type="application/json"
    )
    assert again.status_code == 422
    assert again.json()["detail"][0]["msg"] == "“日期”2026-11-25已有节假日调整，请修改该条"
    url = f"/api/calendar/overrides/{body['id']}"
    changed = client.put(
        url, {"date": "2026-11-25", "kind": "workday", "name": "改"}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["kind"] == "workday"
    assert client.delete(url).status_code == 204
    assert not HolidayOverride.objects.exists()
    assert Record.objects.count() == 3


def test_the_api_refuses_a_county_admin_as_the_page_does(client, sysadmin, county_admin):
    override = add(sysadmin)
    client.force_login(county_admin)
    before = snapshot()
    response = client.post(
        "/api/calendar/overrides", {"date": "2026-11-26", "kind": "holiday"}, content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["detail"] == COUNTY_DENIED
    assert client.delete(f"/api/calendar/overrides/{override.pk}").status_code == 403
    assert snapshot() == before
    assert client.get("/api/calendar/overrides?year=2026").status_code == 200


def test_a_county_admins_menu_has_the_year_but_not_the_notice(sysadmin, county_admin):
    from tests.accounts.test_roles import menu_labels

    assert {"节假日安排", "节假日调整", "文号格式"} <= menu_labels(sysadmin)
    county = menu_labels(county_admin)
    assert {"节假日调整", "文号格式"} <= county and "节假日安排" not in county
