"""Regions: a supervisor's run covers their region only (every model starts from Context.scoped), run
counts as each viewer sees them, and the parameters a region's supervisor sets — checked (type, range,
Chinese messages naming the parameter, nothing written on refusal), recorded with old and new values,
inherited region → parent region → settings → default, read by the runs — through the page and the API."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from tests.factories import OfficerFactory
from tests.helpers import Api, errors, html
from zhifa.accounts.choices import RoleCode
from zhifa.cases.choices import CaseStatus
from zhifa.core.models import Record
from zhifa.detection import framework, selectors, services
from zhifa.detection.framework import Context, Params
from zhifa.detection.models import ParamSetting

from .conftest import TODAY, DetectionWrites

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_supervisor(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_supervisor")


@pytest.fixture
def east_data(make_case):
    """Hits of six models, all in 东区."""
    make_case(fine="80000", low="50000", high="70000")  # discretion
    for fine in ("5000", "5000", "5000", "5000", "5000", "60000"):  # disparity (and repeat_fine: one party)
        make_case(fine=fine, item="SCJG-CF-003")
    make_case(status=CaseStatus.INVESTIGATING, decision_due=TODAY - timedelta(days=3), decide=False)
    make_case(status=CaseStatus.DECIDED, decided_on=date(2026, 5, 10))  # overdue service
    make_case(officers=(OfficerFactory(name="无证"),))  # certificates


def test_every_model_reads_only_the_runs_region(east_data, city):
    scoped = {}
    for model in framework.registered():
        params = Params(model)
        keys = {
            r: {f.key for f in model.find(Context(model, TODAY, params, city[r]))} for r in ("east", "west")
        }
        everywhere = {f.key for f in model.find(Context(model, TODAY, params))}
        assert keys["west"] == set(), model.code
        assert keys["east"] == everywhere, model.code
        scoped[model.code] = len(everywhere)
    assert {code for code, n in scoped.items() if n} >= {
        "discretion", "disparity", "overlimit", "certificates", "overdue", "repeat_fine"
    }  # fmt: skip


def test_runs_by_region_and_counts_per_viewer(
    make_case, agencies, supervisor, west_supervisor, city_supervisor, city
):
    for agency in ("east_market", "east_market", "west_market"):
        make_case(agencies[agency], fine="80000", low="50000", high="70000")
    nightly = services.run_model(actor=None, model="discretion", today=TODAY)
    west = services.run_model(actor=west_supervisor, model="discretion", today=TODAY)
    east = services.run_model(actor=supervisor, model="discretion", today=TODAY)
    assert (nightly.region, nightly.found, nightly.added) == (None, 3, 3)
    assert (west.region, west.found, west.added) == (city["west"], 1, 0)
    assert (east.region, east.found, east.added) == (city["east"], 2, 0)

    def seen(user):
        return {
            r.pk: (r.seen_found, r.seen_added)
            for r in selectors.with_counts(user, selectors.runs_visible_to(user))
        }

    assert seen(supervisor) == {nightly.pk: (2, 2), east.pk: (2, 0)}  # not 西县's run
    assert seen(city_supervisor) == {nightly.pk: (3, 3), east.pk: (2, 0), west.pk: (1, 0)}
    with pytest.raises(ValidationError):
        services.run_model(actor=supervisor, model="discretion", region=city["west"])


def test_the_page_runs_the_supervisors_region(client, supervisor, make_case, agencies):
    make_case(fine="80000", low="50000", high="70000")
    make_case(agencies["west_market"], fine="80000", low="50000", high="70000")
    client.force_login(supervisor)
    client.post("/detection/run/", {"model": "discretion"})
    page = html(client.get("/detection/runs/"))
    assert "<td>东区</td><td>1</td><td>1</td>" in page


# ---- parameters -------------------------------------------------------------------------------------------


def test_setting_records_old_and_new_and_runs_read_it(supervisor, make_case, agencies):
    case = make_case(fine="72000", low="50000", high="70000")  # 2.86 % above the range
    services.params_set(actor=supervisor, model="discretion", values={"tolerance_pct": "2.5"})
    assert set(Params(framework.get("discretion")).by_region) == {"970102"}
    assert {
        f.key
        for f in framework.get("discretion").find(
            Context(framework.get("discretion"), TODAY, Params(framework.get("discretion")))
        )
    } == {f"case:{case.pk}"}
    services.params_set(actor=supervisor, model="discretion", values={"tolerance_pct": 3})
    run = services.run_model(actor=supervisor, model="discretion", today=TODAY)
    assert (run.found, run.params["regions"]) == (0, {"970102": {"tolerance_pct": 3}})
    services.params_set(actor=supervisor, model="discretion", values={"tolerance_pct": ""})
    setting = ParamSetting.objects.get()
    assert (setting.value, setting.bureau, setting.set_by) == (None, agencies["east_justice"], supervisor)
    history = selectors.param_history(supervisor.agency.region)
    assert [(h["param"], h["old"], h["new"], h["actor"]) for h in history] == [
        ("容差", 3, None, supervisor.real_name),
        ("容差", 2.5, 3, supervisor.real_name),
        ("容差", None, 2.5, supervisor.real_name),
    ]
    assert services.params_set(actor=supervisor, model="discretion", values={"tolerance_pct": None}) == []
    assert Record.objects.filter(action="detection.param.set").count() == 3


@pytest.mark.parametrize(
    ("model", "values", "field", "message"),
    [
        ("not_filing", {"grace_days": "三天"}, "grace_days", "“有案不立”的参数“宽限天数”须为数字"),
        ("not_filing", {"grace_days": "1.5"}, "grace_days", "“有案不立”的参数“宽限天数”须为整数"),
        ("not_filing", {"grace_days": "-1"}, "grace_days", "“有案不立”的参数“宽限天数”不能小于0日"),
        ("not_filing", {"grace_days": "3651"}, "grace_days", "“有案不立”的参数“宽限天数”不能大于3650日"),
        ("not_filing", {"grace_days": "NaN"}, "grace_days", "“有案不立”的参数“宽限天数”须为数字"),
        ("not_filing", {"grace_days": True}, "grace_days", "“有案不立”的参数“宽限天数”须为数字"),
        ("discretion", {"tolerance_pct": "101"}, "tolerance_pct", "“决定超出裁量基准未说明理由”的参数“容差”不能大于100%"),
        ("discretion", {"tolerance_pct": "1e999999"}, "tolerance_pct", "“决定超出裁量基准未说明理由”的参数“容差”不能大于100%"),
        ("discretion", {"tolerance_pct": "1.005"}, "tolerance_pct", "“决定超出裁量基准未说明理由”的参数“容差”最多保留两位小数"),
        ("disparity", {"ratio": "1", "min_group": "5"}, "ratio", "“同案不同罚”的参数“倍数”不能小于1.1倍"),
        ("disparity", {"ratio": "3", "min_group": "2"}, "min_group", "“同案不同罚”的参数“最少案件数”不能小于3件"),
        ("disparity", {"size": "3"}, "size", "“同案不同罚”没有该参数"),
        ("nothing", {}, "model", "没有该问题发现模型"),
    ],
)  # fmt: skip
def test_refusals_name_the_parameter_and_write_nothing(supervisor, model, values, field, message):
    writes = DetectionWrites()
    with pytest.raises(ValidationError) as refused:
        services.params_set(actor=supervisor, model=model, values=values)
    assert refused.value.message_dict == {field: [message]}
    assert writes.none


def test_only_a_justice_bureaus_supervisor_sets(head, officer):
    writes = DetectionWrites()
    for user in (head, officer):
        with pytest.raises(ValidationError):
            services.params_set(actor=user, model="not_filing", values={"grace_days": 3})
    assert writes.none


def test_inheritance_and_its_sources(supervisor, city_supervisor, west_supervisor, settings, city):
    model = framework.get("not_filing")
    services.params_set(actor=city_supervisor, model="not_filing", values={"grace_days": 5})
    services.params_set(actor=supervisor, model="not_filing", values={"grace_days": 3})

    def row(region):
        (r,) = selectors.param_rows(region, model)
        return (r.value, r.source, r.own, r.inherited)

    assert row(city["east"]) == (3, "本区划设定", 3, "上级区划（测试市）的设定5日")
    assert row(city["west"]) == (5, "上级区划（测试市）的设定", None, "上级区划（测试市）的设定5日")
    assert row(city["city"]) == (5, "本区划设定", 5, "默认值0日")
    services.params_set(actor=city_supervisor, model="not_filing", values={"grace_days": ""})
    settings.ZHIFA_DETECTION_PARAMS = {"not_filing": {"grace_days": 1}}
    assert row(city["west"]) == (1, "全局配置", None, "全局配置1日")
    assert west_supervisor


def test_parameter_pages(client, supervisor, head):
    client.force_login(supervisor)
    page = html(client.get("/detection/parameters/"))
    assert "设定本区划参数" in page and "默认值" in page and "尚无变更" in page
    assert client.get("/detection/parameters/set/?model=crime").status_code == 404  # no parameters
    writes = DetectionWrites()
    refused = client.post("/detection/parameters/set/?model=not_filing", {"grace_days": "-2"})
    assert refused.status_code == 200 and "“有案不立”的参数“宽限天数”不能小于0日" in html(refused)
    assert writes.none
    assert client.post("/detection/parameters/set/?model=not_filing", {"grace_days": "4"}).status_code == 302
    page = html(client.get("/detection/parameters/"))
    assert "本区划设定" in page and "<td>未设定</td><td>4日</td>" in page
    client.force_login(head)
    assert "设定本区划参数" not in html(client.get("/detection/parameters/"))
    assert client.get("/detection/parameters/set/?model=not_filing").status_code == 403


def test_parameter_api(client, supervisor, head):
    api = Api(client, "/api/detection").login(supervisor)
    writes = DetectionWrites()
    bad = api.post("/parameters", {"model": "not_filing", "values": {"grace_days": "x"}})
    assert errors(bad) == {"grace_days": "“有案不立”的参数“宽限天数”须为数字"}
    assert writes.none
    body = api.post("/parameters", {"model": "not_filing", "values": {"grace_days": 6}}).json()
    assert body["region_code"] == "970102"
    assert body["params"][0] | {} == {
        "name": "grace_days", "label": "宽限天数", "unit": "日", "value": 6, "source": "本区划设定", "own": 6,
        "minimum": "0", "maximum": "3650", "decimal": False,
    }  # fmt: skip
    listed = {m["code"]: m for m in api.get("/parameters").json()}
    assert listed["not_filing"]["params"][0]["value"] == 6
    (change,) = api.get("/parameters/history").json()
    assert (change["param"], change["old"], change["new"]) == ("宽限天数", None, 6)
    assert (
        Api(client, "/api/detection")
        .login(head)
        .post("/parameters", {"model": "not_filing", "values": {"grace_days": 1}})
        .status_code
        == 422
    )
