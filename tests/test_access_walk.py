"""The generated access walk (rule: a user sees and changes only what their agency or region may; another
agency's object is a 404). Nothing here lists the pages or endpoints to check: they are found.

- Pages: an insider crawls the demo (tests/crawling.py); every URL they opened with 200 whose pattern takes
  an object id (resolve() gives kwargs) is opened by an outsider — a user made with the insider's roles
  in another county's agency (or township, or 司法局) — and must answer 404. Every form the insider was
  shown that posts to such a URL is posted (empty) by the outsider: 404, and not one row written.
- API: every operation of /api/openapi.json with a path parameter is called by the outsider with the ids
  of the insider agency's objects (found from the model behind the parameter, API_PARAMS) and a minimal
  body valid for its schema: 404, and not one row written.

A new page or endpoint is covered on merge. When it is deliberately not scoped to an agency (the public
portal, the shared calendar, the user's own things), add its URL name or operation path to PAGE_ALLOWED /
API_ALLOWED with the statuses it may give the outsider and a one-line reason. When the walk cannot fill a
new path parameter, add the model behind it to API_PARAMS.

Vertical oversight (core.access.read_down: 江州市市场监督管理局 reads its county counterparts) and justice
bureaus reading their region are deliberate: the outsiders are chosen so that neither applies, and
test_read_down_is_read_only checks that the oversight reads and never acts."""

import pytest
from django.apps import apps
from django.test import Client

from tests import crawling
from tests.access_walk import (
    Pair,
    Param,
    allowed,
    changed,
    make_users,
    object_url,
    operations,
    params_of,
    prefix_of,
    row_counts,
)
from tests.crawling import crawl
from zhifa.accounts.choices import RoleCode

# The shared demo, with its evidence files in one place for its tests.
demo_site = crawling.demo_site

PAIRS = [
    # 东湖区市场监督管理局's business roles against the same roles at 青山县市场监督管理局
    Pair("dh_cbfz", "青山县市场监督管理局"),
    Pair("dh_fzsh", "青山县市场监督管理局"),
    Pair("dh_jgfz", "青山县市场监督管理局"),
    # another department of the same county: same region, different agency
    Pair("dh_d2_zf", "东湖区市场监督管理局"),
    # the county 司法局 reads its region's agencies; 青山县司法局 reads none of them
    Pair("dh_jd", "青山县司法局"),
    # a township (综合行政执法 under 相对集中行政处罚权)
    Pair(
        "dh_town",
        "青山镇人民政府",
        insider_agency="东湖街道办事处",
        roles=(RoleCode.OFFICER, RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD),
    ),
    # the 三员's console (accounts.console): a county's 安全管理员 keeps their county's accounts; the next
    # county's sees none of them
    Pair("dh_secadmin", "青山县司法局", insider_agency="东湖区司法局", roles=(RoleCode.SECURITY_ADMIN,)),
    Pair("dh_sysadmin", "青山县司法局", insider_agency="东湖区司法局", roles=(RoleCode.SYSTEM_ADMIN,)),
]

# URL name (or "namespace:*") → (statuses the outsider may get, why the page is not the insider agency's).
PUBLIC = frozenset({200})
PAGE_ALLOWED: dict[str, tuple[frozenset[int], str]] = {
    "publicity_public:*": (PUBLIC, "公示平台：向社会公开"),
    "guidance_public:*": (PUBLIC, "公示平台：公开的指导案例"),
    "catalog_public:*": (PUBLIC, "公示平台：公开的执法事项清单"),
    "registry_public:*": (PUBLIC, "公示平台：公开的执法人员名单"),
    "inspections_public:*": (PUBLIC, "公示平台：公开的抽查计划、抽取结果和企业码"),
    "inspections_public:enterprise": (
        frozenset({200, 302}),
        "企业码页面公开；提交评价后总是重定向回本页（成功或被拒都以提示显示），任何访客都可匿名评价",
    ),
    "campaigns_public:*": (PUBLIC, "公示平台：公开的评查结果和抽取文件"),
    "registry:import_template": (PUBLIC, "空白导入模板，按种类而非对象"),
    "catalog:import_template": (PUBLIC, "空白导入模板，按种类而非对象"),
    "inspections:scan": (PUBLIC, "企业码张贴在企业：各机关执法人员扫码只看到本机关的任务和报备"),
    # 评查活动 is shared by the agencies whose files it drew; their files stay scoped (files_visible_to).
    "supervision:campaign_detail": (frozenset({200, 404}), "被抽中案卷的各机关共见该评查活动"),
    "supervision:campaign_draw_file": (frozenset({200, 404}), "抽取文件向社会公开（另见公示平台）"),
    "supervision:campaign_files": (frozenset({200, 404}), "同上；列表只含本机关的案卷"),
    "supervision:campaign_files_export": (frozenset({200, 404}), "同上；导出只含本机关的案卷"),
    # a joint action is shared by its participants and the office (the walk's pair 东湖区生态环境局 ↔
    # 东湖区市场监督管理局 are both participants of the demo action and attend its meeting); acting stays each party's
    "collaboration:joint_detail": (frozenset({200, 404}), "联合执法行动由参与部门和领导小组办公室共见"),
    "collaboration:joint_step": (
        frozenset({200, 403, 404}),
        "同上；各参与部门均可记录问题，其他步骤仅限相应一方（403）",
    ),
    "collaboration:meeting_detail": (frozenset({200, 404}), "联席会议和联合会商由参会部门共见"),
    "collaboration:decision_complete": (
        frozenset({200, 403, 404}),
        "议定事项由参会部门共见，报告落实仅限责任单位（403）",
    ),
    # the trainers a justice bureau registers are its region's shared pool (training.selectors)
    "training:trainer_detail": (
        frozenset({200, 404}),
        "区司法局登记的培训师资由本区各机关共见（共享师资库）",
    ),
    # 执法领域 is the instance's list: a county's 系统管理员 reads it, only the city's keeps it (403)
    "registry:field_edit": (frozenset({403}), "执法领域全市统一，不属于哪个机关：县级系统管理员只读（403）"),
    "registry:field_deactivate": (frozenset({403}), "同上"),
    "registry:field_activate": (frozenset({403}), "同上"),
    "collaboration:joint_new": (
        frozenset({200}),
        "申请、报告、部署联合执法的空白表单：按启动方式而非对象，以提交人本部门名义",
    ),
}


@pytest.fixture(scope="module")
def walkers(demo_site, django_db_blocker):
    with django_db_blocker.unblock():
        make_users(PAIRS)


def _logged_in(username: str) -> Client:
    from zhifa.accounts.models import User

    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize("pair", PAIRS, ids=str)
def test_an_agencys_pages_are_404_for_another(walkers, db, pair):
    insider, outsider = _logged_in(pair.insider), _logged_in(pair.outsider)
    found = crawl(insider, ["/"], pair.insider)
    assert not found.failures, found.failures
    leaks = []
    for url, status in found.opened.items():
        target = object_url(url) if status == 200 else None
        if target is None:
            continue
        name = target[0]
        expected = allowed(PAGE_ALLOWED, name) or frozenset({404})
        got = outsider.get(url).status_code
        if got not in expected:
            leaks.append(f"GET {url}（{name}）：{pair.outsider} 得到 {got}，应为 {sorted(expected)}")
    for url, page in found.post_forms.items():
        target = object_url(url)
        if target is None:
            continue
        name = target[0]
        expected = allowed(PAGE_ALLOWED, name) or frozenset({404})
        before = row_counts()
        got = outsider.post(url, {}).status_code
        written = changed(before, row_counts())
        if got not in expected or written:
            leaks.append(
                f"POST {url}（{name}，表单见于 {page}）：{pair.outsider} 得到 {got}，应为 {sorted(expected)}"
                + (f"；写入了 {written}" if written else "")
            )
    assert not leaks, f"{pair}：{len(leaks)} 处越权\n" + "\n".join(leaks)


# ---- the API ---------------------------------------------------------------------------------------


def _first_computed_node(result) -> int:
    """The first leaf of the result's scheme that the platform computes (a manual leaf has no drill)."""
    from zhifa.evaluation import scoring

    return next(n.pk for n in scoring.tree(result.ranking.scheme) if getattr(n, "computed", None))


# The model behind each path parameter, by the path up to it (without /api). A new endpoint whose
# parameter is not here fails test_every_api_parameter_has_its_model until its line is added.
API_PARAMS: dict[str, Param] = {
    "/accounts/tokens/{token_id}": Param("accounts.ApiToken"),
    "/agencies/{agency_id}": Param("core.Agency"),
    "/registry/agencies/{agency_id}": Param("core.Agency"),
    "/catalog/agencies/{agency_id}": Param("core.Agency"),
    "/registry/officers/{officer_id}": Param("registry.Officer"),
    "/registry/certificates/{certificate_id}": Param("registry.Certificate"),
    "/registry/bodies/{body_id}": Param("registry.EnforcementBody"),
    "/catalog/versions/{version_id}": Param("catalog.CatalogVersion"),
    "/catalog/drafts/{version_id}": Param("catalog.CatalogVersion"),
    "/catalog/drafts/{version_id}/items/{code}": Param(
        "catalog.EnforcementItem", "code", (("version_id", "version_id"),)
    ),
    "/catalog/items/{item_id}": Param("catalog.EnforcementItem"),
    "/catalog/reviews/{review_id}": Param("catalog.VersionReview"),
    "/catalog/delegations/{delegation_id}": Param("catalog.Delegation"),
    "/filings/{filing_id}": Param("filings.Filing"),
    "/cases/{case_id}": Param("cases.Case"),
    "/cases/{case_id}/challenges/{challenge_id}": Param("cases.Challenge", parents=(("case_id", "case_id"),)),
    "/cases/uploads/{session_id}": Param("cases.UploadSession", owner="uploader"),
    "/cases/evidence/{evidence_id}": Param("cases.Evidence"),
    "/cases/documents/{document_id}": Param("cases.CaseDocument"),
    "/review/{review_id}": Param("review.Review"),
    "/review/cases/{case_id}": Param("cases.Case"),
    "/review/pre-reviews/{pre_review_id}": Param("review.PreReview"),
    "/publicity/disclosures/{disclosure_id}": Param("publicity.Disclosure"),
    "/inspections/plans/{plan_id}": Param("inspections.Plan"),
    "/inspections/draws/{draw_id}": Param("inspections.Draw"),
    "/inspections/tasks/{task_id}": Param("inspections.Task"),
    "/inspections/inspections/{inspection_id}": Param("inspections.Inspection"),
    "/inspections/subjects/{subject_id}": Param("inspections.Subject"),
    "/inspections/reports/{report_id}": Param("inspections.PriorReport"),
    "/supervision/plans/{plan_id}": Param("supervision.SupervisionPlan"),
    "/supervision/ledger/{entry_id}": Param("supervision.LedgerEntry"),
    "/supervision/cases/{case_id}": Param("cases.Case"),
    "/supervision/oversights/{oversight_id}": Param("supervision.Oversight"),
    "/supervision/items/{item_id}": Param("supervision.SupervisionItem"),
    "/supervision/instruments/{instrument_id}": Param("supervision.Instrument"),
    "/supervision/campaigns/{campaign_id}": Param("supervision.Campaign"),
    "/supervision/campaign-files/{file_id}": Param("supervision.CampaignFile"),
    "/supervision/campaign-reviews/{review_id}": Param("supervision.FileReview", owner="reviewer"),
    "/supervision/campaign-templates/versions/{version_id}": Param("supervision.TemplateVersion"),
    "/supervision/problems/{problem_id}": Param("supervision.Problem"),
    "/supervision/rectifications/{task_id}": Param("supervision.RectificationTask"),
    "/supervision/devices/{device_id}": Param("supervision.MonitoringDevice"),
    "/supervision/accountability/{proceeding_id}": Param("supervision.AccountabilityCase"),
    "/supervision/sources/{key}/{source_id}": Param("cases.Case"),
    "/complaints/complaints/{complaint_id}": Param("complaints.Complaint"),
    "/social/supervisors/{supervisor_id}": Param("social.Supervisor"),
    "/social/points/{point_id}": Param("social.ContactPoint"),
    "/social/feedback/{feedback_id}": Param("social.Feedback"),
    "/social/surveys/{campaign_id}": Param("social.SurveyCampaign"),
    "/training/plans/{plan_id}": Param("training.TrainingPlan"),
    "/training/plans/{plan_id}/items/{item_id}": Param(
        "training.PlanItem", parents=(("plan_id", "plan_id"),)
    ),
    "/training/trainers/{trainer_id}": Param("training.Trainer"),
    "/training/studies/{study_id}": Param("training.LeaderStudy"),
    "/recognition/awards/{award_id}": Param("recognition.Award"),
    "/detection/hits/{hit_id}": Param("detection.Hit"),
    "/evaluation/schemes/{scheme_id}": Param("evaluation.Scheme"),
    "/evaluation/nodes/{node_id}": Param("evaluation.Node"),
    "/evaluation/schemes/{scheme_id}/drill/{node_id}": Param("evaluation.Node"),
    # an agency's line of the published ranking, drilled into on the scheme's first computed indicator
    "/evaluation/schemes/{scheme_id}/drill/{node_id}/{agency_id}": Param(
        "evaluation.Result",
        "agency_id",
        (("scheme_id", lambda result: result.ranking.scheme_id), ("node_id", _first_computed_node)),
    ),
    "/evaluation/results/{result_id}": Param("evaluation.Result"),
    "/collaboration/transfers/{transfer_id}": Param("collaboration.Transfer"),
    "/collaboration/disputes/{dispute_id}": Param("collaboration.Dispute"),
    "/collaboration/joint/{action_id}": Param("collaboration.JointAction"),
    "/collaboration/joint/findings/{finding_id}": Param("collaboration.Finding"),
    "/collaboration/joint/shares/{share_id}": Param("collaboration.FindingShare"),
    "/collaboration/joint/handovers/{handover_id}": Param("collaboration.Handover"),
    "/collaboration/organisation/liaisons/{agency_id}": Param("core.Agency"),
    "/collaboration/meetings/{meeting_id}": Param("collaboration.Meeting"),
    "/collaboration/meetings/decisions/{decision_id}": Param("collaboration.MeetingDecision"),
    "/collaboration/notices/{notice_id}": Param("collaboration.Notice"),
    "/collaboration/notices/sharing/{entry_id}": Param("collaboration.SharingEntry"),
    "/collaboration/assistance/{request_id}": Param("collaboration.AssistanceRequest"),
    "/collaboration/referrals/{referral_id}": Param("collaboration.Referral"),
    "/collaboration/referrals/court/{case_id}": Param("cases.Case"),
    "/stats/reports/rounds/{round_id}": Param("stats.ReportRound"),
    "/stats/reports/submissions/{submission_id}": Param("stats.Submission"),
    "/exchange/batches/{batch_id}": Param("exchange.Batch"),
    "/stats/agencies/{agency_id}": Param("core.Agency"),
    "/number-formats/{format_id}": Param("core.NumberFormat"),
    "/notifications/messages/{message_id}": Param("notifications.Message", owner="recipient"),
    "/publicity/credit-repairs/{repair_id}": Param("publicity.CreditRepair"),
    "/guidance/exemplars/{exemplar_id}": Param("guidance.Exemplar"),
    "/guidance/cases/{case_id}": Param("cases.Case"),
    "/equipment/devices/{device_id}": Param("equipment.Device"),
    "/equipment/systems/{system_id}": Param("equipment.InformationSystem"),
    "/equipment/agencies/{agency_id}": Param("core.Agency"),
    "/equipment/evidence/{evidence_id}": Param("cases.Evidence"),
}
# Parameters that name no object: a value the operation accepts.
API_CONSTANTS = {"year": "2025", "fmt": "pdf", "decision": "approve", "key": "case"}
# Query parameters an insider's call needs a real value for (the minimal one is not an existing code).
API_QUERY = {
    "GET /api/registry/officers/{officer_id}/can-enforce": lambda: {
        "field": apps.get_model("registry.EnforcementField").objects.order_by("pk").first().code
    },
}

# Operation ("METHOD /api/path") → (statuses the outsider may get, why it is not an agency's object).
API_ALLOWED: dict[str, tuple[frozenset[int], str]] = {
    "GET /api/workdays/{day}": (frozenset({200}), "工作日历全国统一，不属于哪个机关"),
    "GET /api/workdays/{day}/plus/{n}": (frozenset({200}), "工作日历全国统一，不属于哪个机关"),
    "PUT /api/calendar/overrides/{override_id}": (
        frozenset({403}),
        "节假日调整全国统一，不属于哪个机关：只有市级系统管理员可以修改，业务人员得到403",
    ),
    "DELETE /api/calendar/overrides/{override_id}": (
        frozenset({403}),
        "节假日调整全国统一，不属于哪个机关：只有市级系统管理员可以删除，业务人员得到403",
    ),
    "PUT /api/registry/fields/{code}": (
        frozenset({403}),
        "执法领域全市统一，不属于哪个机关：只有市级系统管理员可以修改，业务人员得到403",
    ),
    "POST /api/registry/fields/{code}/deactivate": (
        frozenset({403}),
        "执法领域全市统一，不属于哪个机关：只有市级系统管理员可以停用，业务人员得到403",
    ),
    "POST /api/registry/fields/{code}/activate": (
        frozenset({403}),
        "执法领域全市统一，不属于哪个机关：只有市级系统管理员可以启用，业务人员得到403",
    ),
}

# Operations the demo has no object of 东湖区 for (so the walk cannot try them): operation → why.
API_NO_DEMO_OBJECT = {
    "POST /api/review/pre-reviews/{pre_review_id}/answer": "演示数据中东湖区没有法制审核预审",
    "POST /api/inspections/reports/{report_id}/{decision}": "演示数据中东湖区没有事前报备",
}

# The insider region: the objects the outsiders try are those of agencies in 东湖区.
INSIDER_REGION = "东湖区"
API_OUTSIDERS = {"walk_api_market": "青山县市场监督管理局", "walk_api_justice": "青山县司法局"}
PER_PARAM = 2  # objects tried per parameter (the first and the last of the insider region's)


@pytest.fixture(scope="module")
def api_users(demo_site, django_db_blocker):
    from zhifa.accounts import services
    from zhifa.accounts.choices import BUSINESS_ROLES
    from zhifa.core.models import Agency

    with django_db_blocker.unblock():
        for username, agency in API_OUTSIDERS.items():
            services.user_create(
                actor=None,
                username=username,
                real_name="巡检员",
                agency=Agency.objects.get(name=agency),
                password="Walk@2026x",
                roles=sorted(BUSINESS_ROLES),
            )
        _arrange_what_the_demo_lacks()


def _arrange_what_the_demo_lacks() -> None:
    """Objects of 东湖区 the demo has none of, so their endpoints are walked too: an API token, a
    challenge (复议) of a case, an upload session with its uploader (the demo's are the system's)."""
    import datetime

    from zhifa.accounts import services
    from zhifa.accounts.models import User
    from zhifa.cases.choices import ChallengeKind
    from zhifa.cases.models import Case, Challenge, UploadSession

    officer = User.objects.get(username="dh_zf1")
    services.api_token_create(actor=officer, name="巡检")
    case = Case.objects.filter(agency=officer.agency).order_by("pk").first()
    Challenge.objects.create(
        case=case, kind=ChallengeKind.values[0], organ="东湖区人民政府", filed_on=datetime.date(2026, 1, 5)
    )
    session = UploadSession.objects.filter(case__agency=officer.agency).order_by("pk").first()
    UploadSession.objects.filter(pk=session.pk).update(uploader=officer)


@pytest.fixture(scope="module")
def schema(demo_site):
    """The operations of the API."""
    from zhifa.api import api

    return operations(api)


def _objects(param: Param, agency=None) -> list:
    """The first and last objects of the model behind `param` whose agency lies in the insider region
    (or is `agency`)."""
    from zhifa.core.models import Region

    model = apps.get_model(param.model)
    field = model.jurisdiction_field
    if agency is not None:
        where = {"pk" if field == "pk" else field: agency.pk}
    else:
        path = Region.objects.get(name=INSIDER_REGION).path
        where = {"region__path__startswith" if field == "pk" else f"{field}__region__path__startswith": path}
    objects = model._default_manager.filter(**where).order_by("pk")
    if param.owner:
        objects = objects.filter(**{f"{param.owner}__isnull": False})
    return list(dict.fromkeys(o for o in (objects.first(), objects.last()) if o is not None))[:PER_PARAM]


def _urls(operation, agency=None) -> list[tuple[str, object, Param | None]] | None:
    """(URL, the object behind it) for the operation filled with the insider region's objects ([] when
    it has none; None when a parameter is neither in API_PARAMS nor in API_CONSTANTS)."""
    names = params_of(operation.path)
    objects = [n for n in names if n not in API_CONSTANTS]
    if not objects:
        return [
            (
                _with_query(operation, operation.path.format(**{n: API_CONSTANTS[n] for n in names})),
                None,
                None,
            )
        ]
    param = API_PARAMS.get(prefix_of(operation.path, objects[-1]))
    if param is None:
        return None
    urls = []
    for obj in _objects(param, agency):
        values = {n: API_CONSTANTS[n] for n in names if n in API_CONSTANTS}
        values[objects[-1]] = getattr(obj, param.value)
        values.update(
            {name: attr(obj) if callable(attr) else getattr(obj, attr) for name, attr in param.parents}
        )
        urls.append((_with_query(operation, operation.path.format(**values)), obj, param))
    return urls


def _agency_of(obj):
    """The agency whose jurisdiction `obj` lies in (core.access's jurisdiction_field, followed)."""
    field = type(obj).jurisdiction_field
    if field == "pk":
        return obj
    for part in field.split("__"):
        obj = getattr(obj, part)
    return obj


def _insider(agency, clients: dict) -> Client:
    """A client logged in as a user with every business role at `agency` (made once per test)."""
    from zhifa.accounts import services
    from zhifa.accounts.choices import BUSINESS_ROLES

    if agency.pk not in clients:
        user = services.user_create(
            actor=None,
            username=f"walk_in_{agency.pk}",
            real_name="巡检员",
            agency=agency,
            password="Walk@2026x",
            roles=sorted(BUSINESS_ROLES),
        )
        clients[agency.pk] = _logged_in(user.username)
    return clients[agency.pk]


def _with_query(operation, url: str) -> str:
    from urllib.parse import urlencode

    query = API_QUERY[str(operation)]() if str(operation) in API_QUERY else operation.query
    return f"{url}?{urlencode(query)}" if query else url


def _call(client, method: str, url: str, body):
    import json

    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_every_api_parameter_has_its_model(schema):
    missing = [
        f"{op}：参数 {name}（在 API_PARAMS 中加上 {prefix_of(op.path, name)!r} 背后的模型）"
        for op in schema
        if str(op) not in API_ALLOWED
        for name in params_of(op.path)
        if name not in API_CONSTANTS and prefix_of(op.path, name) not in API_PARAMS
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("outsider", API_OUTSIDERS)
def test_an_agencys_api_objects_are_404_for_another(api_users, schema, db, outsider):
    other, insiders = _logged_in(outsider), {}
    leaks, untested = [], []
    for operation in schema:
        urls = _urls(operation)
        expected = allowed(API_ALLOWED, str(operation))
        if not urls:
            if expected is None and str(operation) not in API_NO_DEMO_OBJECT:
                untested.append(str(operation))
            continue
        expected = expected or frozenset({404})
        for url, obj, param in urls:
            if operation.method == "get" and obj is not None:
                insider = (
                    _logged_in(getattr(obj, param.owner).username)
                    if param.owner
                    else _insider(_agency_of(obj), insiders)
                )
                seen = insider.get(url).status_code
                if seen != 200:
                    leaks.append(
                        f"GET {url}（{operation.path}）：本机关用户得到 {seen}，API_PARAMS 的模型不对？"
                    )
                    continue
            before = row_counts()
            response = _call(other, operation.method, url, operation.body)
            got = response.status_code
            written = changed(before, row_counts())
            if got not in expected or written:
                said = response.content[:200].decode(errors="replace") if got == 422 else ""
                leaks.append(
                    f"{operation.method.upper()} {url}（{operation.path}）：{outsider} 得到 {got}{said}，"
                    f"应为 {sorted(expected)}" + (f"；写入了 {written}" if written else "")
                )
    assert not leaks, f"{outsider}：{len(leaks)} 处越权\n" + "\n".join(leaks)
    assert untested == [], f"演示数据中{INSIDER_REGION}没有这些接口的对象：{untested}"


# ---- vertical oversight reads, never acts ----------------------------------------------------------


# Mutations the city may reach on a county object it reads, refused by a business rule (422) rather than
# by access: operation → why that refusal is the right one. Nothing may be written either way.
READ_DOWN_REFUSED = {
    "POST /api/inspections/tasks/{task_id}/start": "检查以本部门名义开始：市局不是县局检查任务的参与部门",
}


def test_read_down_is_read_only(api_users, schema, db):
    """js_sj (承办机构负责人 of 江州市市场监督管理局) reads the cases of 东湖区市场监督管理局 through
    core.access.read_down; every mutating operation on that agency's objects answers 403 or 404 and
    writes nothing."""
    from zhifa.cases.models import Case
    from zhifa.core.models import Agency

    county = Agency.objects.get(name="东湖区市场监督管理局")
    city = _logged_in("js_sj")
    case = Case.objects.filter(agency=county).order_by("pk").first()
    assert city.get(f"/cases/{case.pk}/").status_code == 200
    assert city.get(f"/api/cases/{case.pk}").status_code == 200
    acted = []
    for operation in schema:
        if operation.method == "get":
            continue
        for url, obj, _ in _urls(operation, county) or ():
            if obj is None:
                continue
            before = row_counts()
            got = _call(city, operation.method, url, operation.body).status_code
            written = changed(before, row_counts())
            refusals = {403, 404, 422} if str(operation) in READ_DOWN_REFUSED else {403, 404}
            if got not in refusals or written:
                acted.append(
                    f"{operation.method.upper()} {url}：js_sj 得到 {got}"
                    + (f"；写入了 {written}" if written else "")
                )
    assert acted == [], "\n".join(acted)
