"""执法信息系统台账: 登记 and 更新 through the service, the pages and the API alike; the list's search, filters,
sort and Excel; another agency's system a 404; refusals by field in Chinese with nothing written; and the
摸底统计's systems column read from the register."""

import json
from datetime import date

import pytest
from django.urls import reverse

from tests.helpers import Api, Writes, errors, exported_rows, xlsx_rows
from zhifa.core.models import Record
from zhifa.equipment import survey
from zhifa.equipment.systems import services
from zhifa.equipment.systems.models import InformationSystem
from zhifa.equipment.systems.selectors import systems_by_agency

pytestmark = pytest.mark.django_db


class SystemWrites(Writes):
    counted = (InformationSystem,)


def system_input(name: str = "市场监管综合执法办案系统", **more) -> services.SystemInput:
    values = {"name": name, "kind": "case_handling", "level": "national", **more}
    return services.SystemInput(**values)


@pytest.fixture
def system(market, head):
    return services.system_register(actor=head, agency=market, data=system_input())


def _actions(system) -> list[str]:
    rows = Record.objects.filter(subject_type="equipment.informationsystem", subject_id=str(system.pk))
    return list(rows.order_by("id").values_list("action", flat=True))


# ---- service -----------------------------------------------------------------------------------------


def test_register_then_connect_records_each_change(head, market, system):
    assert (system.agency, system.connection, system.status, system.registered_by) == (
        market,
        "none",
        "in_use",
        head,
    )
    services.system_update(
        actor=head,
        system=system,
        data=system_input(
            connection="connected", connected_on=date(2026, 3, 2), in_use_since=date(2025, 1, 1)
        ),
    )
    system.refresh_from_db()
    assert (system.get_connection_display(), system.connected_on) == ("已对接", date(2026, 3, 2))
    assert _actions(system) == ["equipment_system.register", "equipment_system.update"]
    last = Record.objects.filter(subject_type="equipment.informationsystem").order_by("-id").first()
    assert json.loads(last.payload)["changed"] == {
        "connection": ["none", "connected"],
        "connected_on": [None, "2026-03-02"],
        "in_use_since": [None, "2025-01-01"],
    }


def test_an_update_that_changes_nothing_records_nothing(head, system):
    writes = SystemWrites()
    services.system_update(actor=head, system=system, data=system_input())
    assert writes.none


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": "  "}, "name", "请填写系统名称"),
        ({"name": "系" * 101}, "name", "系统名称最多100个字"),
        ({"kind": ""}, "kind", "请选择系统类别"),
        ({"kind": "erp"}, "kind", "“系统类别”的取值无效"),
        ({"level": ""}, "level", "请选择建设层级"),
        ({"connection": "yes"}, "connection", "“与本平台对接情况”的取值无效"),
        ({"connection": "connected"}, "connected_on", "已对接的系统请填写对接日期"),
        (
            {"connected_on": date(2026, 1, 5)},
            "connected_on",
            "只有已对接的系统填写对接日期，请清空对接日期或将对接情况改为已对接",
        ),
        ({"in_use_since": date(2099, 1, 1)}, "in_use_since", "启用日期（2099-01-01）不能晚于今天"),
        (
            {"connection": "connected", "connected_on": date(2024, 5, 1), "in_use_since": date(2025, 1, 1)},
            "connected_on",
            "对接日期（2024-05-01）不能早于启用日期（2025-01-01）",
        ),
        (
            {"name": "市场监管综合执法办案系统"},
            "name",
            "东区市场监督管理局已登记名为“市场监管综合执法办案系统”的执法信息系统，同一机关的系统名称不能重复",
        ),
    ],
)
def test_refusals_name_the_field_and_write_nothing(head, market, system, values, field, message):
    writes = SystemWrites()
    with pytest.raises(Exception) as refused:
        services.system_register(actor=head, agency=market, data=system_input(**{"name": "新系统", **values}))
    assert refused.value.message_dict == {field: [message]}
    assert writes.none


def test_one_name_may_serve_two_agencies(west_head, agencies, system):
    other = services.system_register(actor=west_head, agency=agencies["west_market"], data=system_input())
    assert other.name == system.name and other.agency != system.agency


def test_another_agencys_head_may_not_register_for_it(west_head, market):
    writes = SystemWrites()
    with pytest.raises(Exception) as refused:
        services.system_register(actor=west_head, agency=market, data=system_input())
    assert str(refused.value.args[0]) == "您无权登记东区市场监督管理局的执法信息系统"
    assert writes.none


# ---- pages -------------------------------------------------------------------------------------------


def test_register_and_update_through_the_pages(client, head, market):
    client.force_login(head)
    assert client.get(reverse("equipment:system_new")).status_code == 200
    done = client.post(
        reverse("equipment:system_new"),
        {"agency": market.pk, "name": "移动执法系统", "kind": "mobile", "level": "provincial",
         "connection": "none", "status": "in_use"},
    )  # fmt: skip
    system = InformationSystem.objects.get(name="移动执法系统")
    assert done.url == reverse("equipment:system_detail", args=[system.pk])
    page = client.get(done.url).content.decode()
    assert "省级统建" in page and "未对接" in page and "登记执法信息系统" in page
    writes = SystemWrites()
    refused = client.post(
        reverse("equipment:system_edit", args=[system.pk]),
        {
            "name": "移动执法系统",
            "kind": "mobile",
            "level": "provincial",
            "connection": "connected",
            "status": "in_use",
        },
    )
    assert refused.status_code == 200
    assert refused.context["form"].errors["connected_on"] == ["已对接的系统请填写对接日期"]
    assert refused.context["form"]["kind"].value() == "mobile"  # nothing typed is lost
    assert writes.none
    client.post(
        reverse("equipment:system_edit", args=[system.pk]),
        {"name": "移动执法系统", "kind": "mobile", "level": "provincial", "connection": "connected",
         "connected_on": "2026-02-27", "status": "retired"},
    )  # fmt: skip
    system.refresh_from_db()
    assert (system.connection, system.connected_on, system.status) == (
        "connected",
        date(2026, 2, 27),
        "retired",
    )


def test_the_list_searches_filters_sorts_and_exports(
    client, supervisor, head, market, agencies, west_head, system
):
    services.system_register(
        actor=head,
        agency=market,
        data=system_input("双随机监管平台", kind="random_inspection", level="provincial"),
    )
    services.system_register(
        actor=west_head, agency=agencies["west_market"], data=system_input("西县办案系统")
    )
    client.force_login(supervisor)

    def names(**params):
        return [s.name for s in client.get(reverse("equipment:system_list"), params).context["page"]]

    assert names() == ["双随机监管平台", "市场监管综合执法办案系统"]  # the county's own region only
    assert names(sort="-name") == ["市场监管综合执法办案系统", "双随机监管平台"]
    assert names(sort="kind") == [
        "市场监管综合执法办案系统",
        "双随机监管平台",
    ]  # case_handling < random_inspection
    assert names(q="双随机") == ["双随机监管平台"]
    assert names(level="national") == ["市场监管综合执法办案系统"]
    assert names(sort="agency__name") == [
        "双随机监管平台",
        "市场监管综合执法办案系统",
    ]  # unknown: default order
    rows = exported_rows(client, reverse("equipment:system_export"), {"level": "provincial"})
    assert rows == [
        (
            "使用机关",
            "系统名称",
            "系统类别",
            "建设层级",
            "建设（承建）单位",
            "启用日期",
            "与本平台对接",
            "对接日期",
            "状态",
            "备注",
        ),
        (
            "东区市场监督管理局",
            "双随机监管平台",
            "“双随机、一公开”监管系统",
            "省级统建",
            None,
            None,
            "未对接",
            None,
            "在用",
            None,
        ),
    ]


def test_another_agency_gets_404_and_writes_nothing(client, west_head, system):
    client.force_login(west_head)
    writes = SystemWrites()
    assert client.get(reverse("equipment:system_detail", args=[system.pk])).status_code == 404
    assert client.post(reverse("equipment:system_edit", args=[system.pk]), {"name": "x"}).status_code == 404
    assert writes.none


def test_the_supervisor_reads_but_does_not_keep_the_register(client, supervisor, system):
    client.force_login(supervisor)
    page = client.get(reverse("equipment:system_detail", args=[system.pk])).content.decode()
    assert "市场监管综合执法办案系统" in page and "更新系统信息" not in page
    assert client.get(reverse("equipment:system_edit", args=[system.pk])).status_code == 403
    assert client.get(reverse("equipment:system_new")).status_code == 404


# ---- API ---------------------------------------------------------------------------------------------


@pytest.fixture
def api(client):
    return Api(client, "/api/equipment")


def test_the_api_registers_updates_and_lists(api, head, market):
    api.login(head)
    made = api.post(
        "/systems", {"agency_id": market.pk, "name": "执法办案系统", "kind": "case_handling", "level": "own"}
    )
    assert made.status_code == 201
    body = made.json()
    assert (body["kind_label"], body["level_label"], body["connection_label"], body["status_label"]) == (
        "执法办案系统", "本级自建", "未对接", "在用"
    )  # fmt: skip
    updated = api.post(
        f"/systems/{body['id']}",
        {"name": "执法办案系统", "kind": "case_handling", "level": "own", "connection": "connected",
         "connected_on": "2026-01-15"},
    )  # fmt: skip
    assert (updated.status_code, updated.json()["connection_label"]) == (200, "已对接")
    listed = api.get("/systems", connection="connected").json()
    assert [s["name"] for s in listed["items"]] == ["执法办案系统"]
    assert api.get("/systems", sort="agency").status_code == 422


def test_the_api_refuses_by_field_with_nothing_written(api, head, west_head, market, system):
    api.login(head)
    writes = SystemWrites()
    refused = api.post(
        "/systems", {"agency_id": market.pk, "name": "", "kind": "case_handling", "level": "own"}
    )
    assert errors(refused) == {"name": "请填写系统名称"}
    api.login(west_head)
    assert api.get(f"/systems/{system.pk}").status_code == 404
    assert (
        api.post(f"/systems/{system.pk}", {"name": "x", "kind": "other", "level": "own"}).status_code == 404
    )
    assert writes.none


# ---- 摸底统计 ------------------------------------------------------------------------------------------


def test_the_survey_counts_systems_in_use_and_connected(client, supervisor, head, market, system):
    services.system_register(
        actor=head, agency=market,
        data=system_input("双随机监管平台", kind="random_inspection", connection="connected", connected_on=date(2026, 1, 5)),
    )  # fmt: skip
    services.system_register(actor=head, agency=market, data=system_input("旧系统", status="retired"))
    row = next(r for r in survey.survey_rows([market]) if r.agency == market)
    assert (row.systems, row.systems_connected) == (2, 1)
    client.force_login(supervisor)
    exported = xlsx_rows(client.get(reverse("equipment:survey_export")))
    header, market_row = exported[0], next(r for r in exported if r[0] == "东区市场监督管理局")
    assert header[-3:] == ("执法信息系统（在用）", "其中已对接本平台", "本平台账号")
    assert market_row[-3:-1] == (2, 1)


def test_the_survey_counts_systems_in_one_query(django_assert_num_queries, head, market, agencies, system):
    ids = [market.pk, agencies["west_market"].pk]
    with django_assert_num_queries(1):
        counts = {pk: (row.in_use, row.connected) for pk, row in systems_by_agency(ids).items()}
    assert counts == {market.pk: (1, 0), agencies["west_market"].pk: (0, 0)}
