"""Automatic pre-check (自动预审): what the data already says about each checklist point, shown to the
reviewer beside the point with links to the evidence and documents. A finding is a hint, not a verdict:
the reviewer still decides every point."""

import json
from dataclasses import dataclass, field, replace
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import resolve, reverse
from django.utils import timezone

from zhifa.cases.choices import EvidenceKind, HandlerRole
from zhifa.cases.documents.kinds import DocumentKind
from zhifa.catalog import discretion
from zhifa.catalog.choices import ProcedureStep
from zhifa.core import access
from zhifa.core.formatting import money
from zhifa.core.models import Record
from zhifa.registry import selectors as registry
from zhifa.registry.choices import BodyStatus, PersonKind
from zhifa.registry.models import EnforcementBody

from .choices import CheckPoint

AV_STEPS_BEFORE_DECISION = ("on_site", "inquiry", "evidence", "seizure", "hearing")
STEP_DOCUMENTS = {"on_site": DocumentKind.INSPECTION_RECORD, "inquiry": DocumentKind.INQUIRY_RECORD}


@dataclass(frozen=True)
class Finding:
    point: str
    ok: bool
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Facts:
    """What the checks read, loaded once."""

    case: object
    round: object
    today: date
    steps: dict[str, list[date]]  # recorded investigation steps and their dates
    hearing_requests: list[date]  # the dates of the party's 听证 requests

    @property
    def step_dates(self) -> list[date]:
        dated = [self.case.registered_on, self.case.notified_on, self.case.hearing_held_on, self.today]
        return sorted({d for d in dated if d} | {d for days in self.steps.values() for d in days})


def _steps(case) -> tuple[dict[str, list[date]], list[date]]:
    """The investigation steps by code with the days they were recorded, and the 听证 request dates."""
    steps: dict[str, list[date]] = {}
    requests = []
    actions = ("case.step", "case.hearing_request")
    for record in Record.objects.for_subject(case).filter(action__in=actions).only("action", "at", "payload"):
        payload = json.loads(record.payload)
        if record.action == "case.step":
            steps.setdefault(payload.get("step", ""), []).append(timezone.localdate(record.at))
        elif payload.get("on"):
            requests.append(date.fromisoformat(payload["on"]))
    return steps, requests


def _links(case, *names) -> list[tuple[str, str]]:
    labels = {
        "case_detail": "案件全过程记录",
        "evidence_list": "证据",
        "case_documents": "文书",
        "case_recommend": "裁量基准计算",
    }
    return [(labels[name], reverse(f"cases:{name}", args=[case.pk])) for name in names]


def check_body(f: Facts) -> list[Finding]:
    body = EnforcementBody.objects.filter(agency_id=f.case.agency_id).first()
    if body is None or body.status != BodyStatus.CONFIRMED:
        state = "未登记" if body is None else body.get_status_display()
        return [
            Finding(
                CheckPoint.BODY, False, f"{f.case.agency.name}的执法主体资格{state}，未经本级人民政府确认"
            )
        ]
    links = [("执法主体", reverse("registry:body_detail", args=[body.pk]))]
    return [
        Finding(
            CheckPoint.BODY,
            True,
            f"执法主体已确认（{body.confirmation_document or body.confirmed_by}）",
            links,
        )
    ]


def check_authority(f: Facts) -> list[Finding]:
    items = list(f.case.items.select_related("version"))
    foreign = [
        i.name
        for i in items
        if i.version_id != f.case.catalog_version_id or i.version.agency_id != f.case.agency_id
    ]
    if foreign:
        return [
            Finding(
                CheckPoint.AUTHORITY,
                False,
                f"事项不在本机关清单第{f.case.catalog_version.number}版内：{'、'.join(foreign)}",
            )
        ]
    names = "、".join(i.code for i in items)
    return [
        Finding(
            CheckPoint.AUTHORITY,
            True,
            f"事项{names}在本机关执法事项清单第{f.case.catalog_version.number}版内",
        )
    ]


def check_law(f: Facts) -> list[Finding]:
    bases = [f"《{b.law_name}》{b.article}" for i in f.case.items.all() for b in i.legal_bases.all()]
    if not bases:
        return [Finding(CheckPoint.LAW, False, "事项没有设定依据")]
    return [Finding(CheckPoint.LAW, True, "依据：" + "；".join(dict.fromkeys(bases)))]


def check_handlers(f: Facts) -> list[Finding]:
    findings = []
    for handler in f.case.handlers.select_related("officer"):
        officer = handler.officer
        if handler.role == HandlerRole.ASSISTANT:
            continue
        if officer.kind == PersonKind.AUXILIARY:
            findings.append(
                Finding(CheckPoint.QUALIFICATION, False, f"{officer.name}是执法辅助人员，不得承办案件")
            )
            continue
        missing = [d for d in f.step_dates if not registry.can_enforce(officer, f.case.field_id, on=d)]
        if missing:
            days = "、".join(str(d) for d in missing)
            findings.append(
                Finding(
                    CheckPoint.QUALIFICATION,
                    False,
                    f"{officer.name}在{days}没有{f.case.field.name}领域的有效执法证件",
                    _links(f.case, "case_detail"),
                )
            )
    if not findings:
        findings.append(
            Finding(CheckPoint.QUALIFICATION, True, "承办人员在各环节均持有有效执法证件，无辅助人员承办")
        )
    return findings


def check_procedure(f: Facts) -> list[Finding]:
    case, findings = f.case, []
    if not case.registered_on:
        findings.append(Finding(CheckPoint.PROCEDURE, False, "案件未经立案审批"))
    if not f.steps:
        findings.append(
            Finding(CheckPoint.PROCEDURE, False, "全过程记录中没有调查取证环节", _links(case, "case_detail"))
        )
    if not case.investigation_report.strip():
        findings.append(Finding(CheckPoint.PROCEDURE, False, "没有调查终结报告"))
    if case.decision_due and f.today > case.decision_due:
        findings.append(Finding(CheckPoint.PROCEDURE, False, f"已超过作出决定的期限（{case.decision_due}）"))
    late = [d for d in f.hearing_requests if case.hearing_deadline and d > case.hearing_deadline]
    if late:
        findings.append(
            Finding(CheckPoint.PROCEDURE, False, f"听证申请日期{late[0]}晚于申请期限{case.hearing_deadline}")
        )
    if case.hearing_requested and not case.hearing_held_on:
        findings.append(Finding(CheckPoint.PROCEDURE, False, "当事人已申请听证，尚未组织听证"))
    findings += check_audio_video(f)
    if not findings:
        due = f"，决定期限{case.decision_due}" if case.decision_due else ""
        findings.append(
            Finding(
                CheckPoint.PROCEDURE,
                True,
                f"立案、调查取证、调查终结环节齐全{due}",
                _links(case, "case_detail"),
            )
        )
    return findings


def check_audio_video(f: Facts) -> list[Finding]:
    happened = set(f.steps) | ({"hearing"} if f.case.hearing_held_on else set())
    required = (
        {step for item in f.case.items.all() for step in item.av_steps}
        & happened
        & set(AV_STEPS_BEFORE_DECISION)
    )
    recorded = set(
        f.case.evidence.filter(
            step__in=required, kind__in=[EvidenceKind.AUDIO, EvidenceKind.VIDEO]
        ).values_list("step", flat=True)
    )
    return [
        Finding(
            CheckPoint.PROCEDURE,
            False,
            f"{ProcedureStep(step).label}环节须音像记录，未上传录音或视频",
            _links(f.case, "evidence_list"),
        )
        for step in sorted(required - recorded)
    ]


def check_evidence(f: Facts) -> list[Finding]:
    count = f.case.evidence.count()
    if not count:
        return [Finding(CheckPoint.FACTS, False, "案件没有任何证据", _links(f.case, "evidence_list"))]
    return [
        Finding(CheckPoint.FACTS, True, f"已上传证据{count}份（哈希已登记）", _links(f.case, "evidence_list"))
    ]


def check_discretion(f: Facts) -> list[Finding]:
    proposed = f.round
    if proposed.fine is None:
        return [Finding(CheckPoint.DISCRETION, True, "拟处理意见不含罚款")]
    item = f.case.items.order_by("code").first()
    links = _links(f.case, "case_recommend")
    try:
        recommendation = discretion.recommend(item, proposed.facts or {}, on=f.today)
    except ValidationError as exc:
        return [Finding(CheckPoint.DISCRETION, False, "无法计算裁量基准：" + "；".join(exc.messages), links)]
    span = (
        f"{money(recommendation.fine_min)}—{money(recommendation.fine_max)}"
        if recommendation.fine_min is not None
        else "该情节无罚款幅度"
    )
    if recommendation.allows_fine(proposed.fine):
        return [
            Finding(
                CheckPoint.DISCRETION,
                True,
                f"拟罚款{money(proposed.fine)}在裁量基准推荐范围（{span}）内",
                links,
            )
        ]
    if proposed.deviation_reason.strip():
        return [
            Finding(
                CheckPoint.DISCRETION,
                True,
                f"拟罚款{money(proposed.fine)}偏离推荐范围（{span}），已说明理由：{proposed.deviation_reason.strip()}",
                links,
            )
        ]
    return [
        Finding(
            CheckPoint.DISCRETION,
            False,
            f"拟罚款{money(proposed.fine)}不在裁量基准推荐范围（{span}）内，且未说明理由",
            links,
        )
    ]


def check_documents(f: Facts) -> list[Finding]:
    required = [DocumentKind.REGISTER_APPROVAL] + [STEP_DOCUMENTS[s] for s in STEP_DOCUMENTS if s in f.steps]
    if f.case.notified_on:
        required.append(DocumentKind.PENALTY_NOTICE)
    numbered = {}
    for kind, number in f.case.documents.values_list("kind", "number"):
        numbered[kind] = numbered.get(kind) or bool(number)
    for kind in f.case.evidence.exclude(signed_document="").values_list("signed_document", flat=True):
        numbered[kind] = True  # a signed scan stands in for the generated document
    links = _links(f.case, "case_documents")
    findings = [
        Finding(
            CheckPoint.DOCUMENTS,
            False,
            f"缺少{DocumentKind(kind).label}"
            if kind not in numbered
            else f"{DocumentKind(kind).label}没有文号",
            links,
        )
        for kind in required
        if not numbered.get(kind)
    ]
    return findings or [
        Finding(
            CheckPoint.DOCUMENTS,
            True,
            "应有文书均已制作并编号（或已上传签字扫描件）："
            + "、".join(DocumentKind(k).label for k in required),
            links,
        )
    ]


def check_crime(f: Facts) -> list[Finding]:
    answer = f.round.suspected_crime
    if answer is None:
        return [Finding(CheckPoint.CRIME, False, "送审材料未回答是否涉嫌犯罪")]
    if answer:
        return [
            Finding(
                CheckPoint.CRIME, False, f"承办机构认为涉嫌犯罪，应当依法移送司法机关：{f.round.crime_note}"
            )
        ]
    return [
        Finding(
            CheckPoint.CRIME,
            True,
            f"承办机构认为不涉嫌犯罪{('：' + f.round.crime_note) if f.round.crime_note else ''}",
        )
    ]


CHECKS = (
    check_body,
    check_handlers,
    check_procedure,
    check_evidence,
    check_law,
    check_discretion,
    check_authority,
    check_documents,
    check_crime,
)


def run(review, round=None, today: date | None = None) -> dict[str, list[Finding]]:
    """The findings of every check point for `round` (default: the latest), in checklist order."""
    round = round or review.rounds.order_by("-number").first()
    steps, requests = _steps(review.case)
    facts = Facts(review.case, round, today or timezone.localdate(), steps, requests)
    found = {point: [] for point in CheckPoint.values}
    for check in CHECKS:
        for finding in check(facts):
            found[finding.point].append(finding)
    return found


# What a finding's link opens, and the permission that page checks (its kwarg "pk" is the object's).
_LINK_TARGETS = {
    "cases:case_detail": ("cases.Case", "cases.view_case"),
    "cases:case_recommend": ("cases.Case", "cases.view_case"),
    "cases:evidence_list": ("cases.Case", "cases.view_evidence"),
    "cases:case_documents": ("cases.Case", "cases.view_casedocument"),
    "registry:body_detail": ("registry.EnforcementBody", "registry.view_enforcementbody"),
}


def openable_by(user, found: dict[str, list[Finding]]) -> dict[str, list[Finding]]:
    """`found` with only the links `user` may open: a pool reviewer of another agency sees the case's
    evidence and documents, but not its other pages or the agency's 执法主体 record."""
    return {
        point: [
            replace(f, links=[(label, url) for label, url in f.links if _may_open(user, url)]) for f in fs
        ]
        for point, fs in found.items()
    }


def _may_open(user, url: str) -> bool:
    match = resolve(url)
    if match.view_name not in _LINK_TARGETS:
        return True  # a page every reviewer may open (tests/test_crawl.py follows every link shown)
    model_name, perm = _LINK_TARGETS[match.view_name]
    return access.can(user, perm, apps.get_model(model_name)(pk=match.kwargs["pk"]))


def defects(review, round=None, today: date | None = None) -> list[Finding]:
    return [f for findings in run(review, round, today).values() for f in findings if not f.ok]
