"""Writes on the catalogue: the draft, items and legal bases, publishing, benchmarks, delegations and
post duties. One function per action; each checks permission, validates, writes in one transaction and
appends a record to the agency's chain."""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from zhifa.core import access, kit, workdays
from zhifa.core.formatting import money
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.registry.services import refuse_stopped_fields

from . import reviewers, transitions, versioning
from .choices import (
    OPEN_STATUSES,
    ChangeReason,
    DelegationStatus,
    EvaluationOutcome,
    ItemCategory,
    ListReviewStatus,
    ReviewedList,
    VersionStatus,
)
from .models import (
    Benchmark,
    BenchmarkEvaluation,
    BenchmarkLevel,
    CatalogVersion,
    Delegation,
    DelegationEvaluation,
    DutyAssignment,
    EnforcementItem,
    Exemption,
    LegalBasis,
    OrgUnit,
    VersionReview,
)

MANAGE_CATALOG = transitions.MANAGE_CATALOG
APPROVE = transitions.APPROVE_VERSION
MANAGE_DELEGATION = "catalog.manage_delegation"


# ---- the draft ------------------------------------------------------------------------------------


def published_versions(agency: Agency):
    return CatalogVersion.objects.filter(agency=agency, status=VersionStatus.PUBLISHED).order_by("-number")


@transaction.atomic
def draft_open(*, actor: Actor, agency: Agency) -> CatalogVersion:
    """The agency's open version (a draft, one awaiting review or one returned), or a new draft copied
    from the latest published version."""
    access.require_for_agency(actor, MANAGE_CATALOG, agency)
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # one draft, even under a race
    draft = CatalogVersion.objects.filter(agency=agency, status__in=OPEN_STATUSES).first()
    if draft:
        return draft
    last = CatalogVersion.objects.filter(agency=agency).aggregate(n=Max("number"))["n"] or 0
    draft = CatalogVersion.objects.create(agency=agency, number=last + 1)
    if base := published_versions(agency).first():
        _copy_items(base, draft)
    return draft


def _copy_items(source: CatalogVersion, target: CatalogVersion) -> None:
    """Copy every item with its legal bases and benchmark into the draft (bulk: catalogues are large)."""
    items = list(versioning.items_of(source))
    copies = EnforcementItem.objects.bulk_create(
        [EnforcementItem(version=target, code=i.code, **_fields(i, versioning.ITEM_FIELDS)) for i in items],
        batch_size=2000,
    )
    bases, basis_map = [], {}
    for old, new in zip(items, copies, strict=True):
        for basis in old.legal_bases.all():
            basis_copy = LegalBasis(item=new, **_fields(basis, versioning.BASIS_FIELDS))
            bases.append(basis_copy)
            basis_map[basis.pk] = basis_copy
    LegalBasis.objects.bulk_create(bases, batch_size=2000)
    benchmarks, children = [], []
    for old, new in zip(items, copies, strict=True):
        benchmark = getattr(old, "benchmark", None)
        if benchmark is None:
            continue
        copy = Benchmark(
            item=new,
            legal_basis=basis_map[benchmark.legal_basis_id],
            fact_label=benchmark.fact_label,
            note=benchmark.note,
        )
        benchmarks.append(copy)
        children.append((copy, list(benchmark.levels.all()), list(benchmark.exemptions.all())))
    Benchmark.objects.bulk_create(benchmarks, batch_size=2000)
    BenchmarkLevel.objects.bulk_create(
        [
            BenchmarkLevel(benchmark=b, **_fields(level, versioning.LEVEL_FIELDS))
            for b, levels, _ in children
            for level in levels
        ]
    )
    Exemption.objects.bulk_create(
        [
            Exemption(benchmark=b, **_fields(ex, versioning.EXEMPTION_FIELDS))
            for b, _, exs in children
            for ex in exs
        ]
    )


def _fields(obj, names) -> dict:
    return {name: getattr(obj, name) for name in names}


def _draft_for_change(actor: Actor, version: CatalogVersion) -> CatalogVersion:
    version = kit.locked(CatalogVersion, version, actor=actor)
    access.require_for_agency(actor, MANAGE_CATALOG, version.agency)
    if version.status == VersionStatus.SUBMITTED:
        kit.refuse("version", "清单已报送审核，审核期间不能修改；如需修改，请待审核机关退回")
    if not transitions.allows(version.status, "edit"):
        kit.refuse("version", "已发布的清单版本不能修改，请在草稿中修改后重新发布")
    return version


# ---- items and legal bases ------------------------------------------------------------------------


@dataclass(frozen=True)
class BasisInput:
    law_name: str
    rank: str
    article: str
    text: str
    effective_from: date | None = None
    effective_to: date | None = None
    fine_basis: str = ""
    statutory_min: Decimal | None = None
    statutory_max: Decimal | None = None


@transaction.atomic
def item_save(
    *, actor: Actor, draft: CatalogVersion, code: str, legal_bases: list[BasisInput], **fields
) -> EnforcementItem:
    """Add or replace the item `code` in the draft. An item stands on at least one legal basis; a new item,
    or one moved to another 执法领域, names no 停用 one (an item keeps the field it has)."""
    draft = _draft_for_change(actor, draft)
    if not legal_bases:
        kit.refuse("legal_bases", "执法事项必须有设定依据（法律、法规、规章条款）")
    item = EnforcementItem.objects.filter(version=draft, code=code).first() or EnforcementItem(
        version=draft, code=code
    )
    kept = [item.field_id] if item.pk is not None else []
    refuse_stopped_fields([fields.get("field")], key="field", use="用于新的执法事项", kept=kept)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean(validate_unique=False)
    bases = [LegalBasis(item=item, **vars(basis)) for basis in legal_bases]
    errors = {}
    for index, basis in enumerate(bases, start=1):
        try:
            basis.full_clean(exclude=["item"])
        except ValidationError as exc:
            errors.update({f"legal_bases[{index}].{k}": v for k, v in exc.message_dict.items()})
        if (
            basis.statutory_min is not None
            and basis.statutory_max is not None
            and basis.statutory_min > basis.statutory_max
        ):
            errors[f"legal_bases[{index}].statutory_min"] = ["法定罚款下限不能高于上限"]
        if basis.effective_from and basis.effective_to and basis.effective_to <= basis.effective_from:
            errors[f"legal_bases[{index}].effective_to"] = ["失效日期应晚于施行日期"]
    if errors:
        raise ValidationError(errors)
    is_new = item.pk is None
    old_bases = [] if is_new else list(LegalBasis.objects.filter(item=item))
    item.save()
    for basis in bases:
        basis.item = item
        basis.save()
    if not is_new:
        _repoint_benchmark(item, bases)
        LegalBasis.objects.filter(pk__in=[basis.pk for basis in old_bases]).delete()
    kit.record(
        draft,
        "catalog.item_save",
        actor=actor,
        payload={"version": draft.number, "code": code, "name": item.name, "new": is_new},
    )
    return item


def _repoint_benchmark(item: EnforcementItem, bases: list[LegalBasis]) -> None:
    """Keep the item's benchmark when its penalty clause (law and article) is still among the bases and
    the levels still fit the statutory range; drop it when the clause is gone."""
    benchmark = Benchmark.objects.filter(item=item).select_related("legal_basis").first()
    if benchmark is None:
        return
    key = (benchmark.legal_basis.law_name, benchmark.legal_basis.article)
    match = next((basis for basis in bases if (basis.law_name, basis.article) == key), None)
    if match is None:
        benchmark.delete()
        return
    _check_levels(list(benchmark.levels.all()), match, benchmark.fact_label)
    Benchmark.objects.filter(pk=benchmark.pk).update(legal_basis=match)


@transaction.atomic
def item_create(
    *, actor: Actor, draft: CatalogVersion, code: str, legal_bases: list[BasisInput], **fields
) -> EnforcementItem:
    """Like item_save, but refuses a code the draft already has (duplicate item codes)."""
    draft = _draft_for_change(actor, draft)
    if EnforcementItem.objects.filter(version=draft, code=code).exists():
        kit.refuse("code", f"事项编码“{code}”已存在")
    return item_save(actor=actor, draft=draft, code=code, legal_bases=legal_bases, **fields)


@transaction.atomic
def item_remove(*, actor: Actor, draft: CatalogVersion, code: str) -> None:
    draft = _draft_for_change(actor, draft)
    deleted, _ = EnforcementItem.objects.filter(version=draft, code=code).delete()
    if not deleted:
        kit.refuse("code", f"草稿中没有事项“{code}”")
    kit.record(draft, "catalog.item_remove", actor=actor, payload={"version": draft.number, "code": code})


# ---- submitting, review and publishing (seed 003 二(一)2; the moves are catalog.transitions) --------


def _frozen_change(draft: CatalogVersion, reason: str) -> tuple[dict, dict]:
    """(snapshot, diff against the latest published version) of a draft fit to be submitted."""
    if reason not in ChangeReason.values:
        kit.refuse("reason", "请选择调整原因（立、改、废、释或改革）")
    missing = list(draft.items.filter(legal_bases__isnull=True).values_list("code", flat=True)[:10])
    if missing:
        kit.refuse("items", f"以下事项没有设定依据：{'、'.join(missing)}")
    previous = published_versions(draft.agency).first()
    if not draft.items.exists() and previous is None:
        kit.refuse("items", "清单为空，不能发布")
    new = versioning.snapshot(draft)
    old = versioning.snapshot(previous) if previous else {}
    change = versioning.diff(old, new)
    if previous and not any(change.values()):
        kit.refuse("items", "草稿与上一版本相同，无需发布")
    return new, change


def _random_list(snap: dict[str, dict]) -> dict[str, dict]:
    return {code: item for code, item in snap.items() if item.get("is_random_inspection")}


def _reviewers(draft: CatalogVersion, new: dict) -> list[tuple[str, Agency]]:
    """(list, reviewing agency) for each list of the draft that needs approval: always the 行政执法事项
    清单; the 随机抽查事项清单 when it differs from the one in the latest published version."""
    catalog = reviewers.justice_bureau_of(draft.agency)
    if catalog is None:
        kit.refuse("reviewer", f"未找到{draft.agency.name}所在县（区）的司法行政部门，不能报送审核")
    needed: list[tuple[str, Agency]] = [(ReviewedList.CATALOG, catalog)]
    previous = published_versions(draft.agency).first()
    old = versioning.snapshot(previous) if previous else {}
    if _random_list(new) != _random_list(old):
        market = reviewers.market_regulator_of(draft.agency)
        if market is None:
            kit.refuse(
                "reviewer",
                f"未找到{draft.agency.name}所在县（区）的市场监管部门，随机抽查事项清单无法报送审核",
            )
        needed.append((ReviewedList.RANDOM, market))
    return needed


@transaction.atomic
def version_submit(
    *, actor, draft: CatalogVersion, reason: str, reason_note: str = "", effective_from: date | None = None
) -> CatalogVersion:
    """报送审核: freeze the draft's reason, diff and content hash and send each list that needs it to
    its county reviewer. Nothing takes effect until every reviewer approves."""
    draft = _draft_for_change(actor, draft)
    transitions.require(draft, "submit")
    new, change = _frozen_change(draft, reason)
    needed = _reviewers(draft, new)
    draft.reason, draft.reason_note = reason, reason_note
    draft.submitted_at, draft.submitted_by = timezone.now(), actor
    draft.effective_from = effective_from or timezone.localdate()
    draft.diff, draft.content_hash = change, versioning.content_hash(new)
    VersionReview.objects.bulk_create(
        [VersionReview(version=draft, list_name=name, reviewer=agency) for name, agency in needed]
    )
    kit.move(
        draft,
        transitions.target("submit"),
        actor=actor,
        action="catalog.submit",
        fields=(
            "reason",
            "reason_note",
            "submitted_at",
            "submitted_by",
            "effective_from",
            "diff",
            "content_hash",
        ),
        payload={
            "version": draft.number,
            "reason": reason,
            "hash": draft.content_hash,
            "reviewers": {str(name): agency.name for name, agency in needed},
            **_diff_counts(change),
        },
    )
    return draft


def _diff_counts(change: dict) -> dict:
    return {key: len(change[key]) for key in ("added", "changed", "removed")}


def _locked_review(actor, review: VersionReview) -> VersionReview:
    """The review under lock, for its own reviewing agency only: another agency's is a 404 even when
    a supervisor's region covers it (the competent reviewer is one agency)."""
    review = kit.locked(
        VersionReview.objects.select_related("reviewer", "version__agency"), review, actor=actor, perm=APPROVE
    )
    if actor is not None and not actor.is_superuser and actor.agency_id != review.reviewer_id:
        raise Http404("未找到该审核，或您无权查看")
    if review.status != ListReviewStatus.PENDING:
        kit.refuse(
            "status", f"该{review.get_list_name_display()}审核已{review.get_status_display()}，不能再审核"
        )
    return review


@transaction.atomic
def version_approve(*, actor, review: VersionReview) -> CatalogVersion:
    """审核通过 one list. When no other list of the version is waiting, the version is published: it
    takes effect on its date (or today, if that date has passed) and appears on the portal."""
    review = _locked_review(actor, review)
    version = CatalogVersion.objects.select_for_update().get(pk=review.version_id)
    transitions.require(version, "approve")
    review.status, review.decided_by, review.decided_at = ListReviewStatus.APPROVED, actor, timezone.now()
    review.save(update_fields=["status", "decided_by", "decided_at"])
    waiting = version.reviews.filter(status=ListReviewStatus.PENDING).exists()
    payload = {"version": version.number, "list": review.list_name, "reviewer": review.reviewer.name}
    if waiting:
        kit.record(version, "catalog.approve", actor=actor, payload=payload)
        return version
    today = timezone.localdate()
    version.published_at, version.published_by = timezone.now(), actor
    if actor is not None:  # a person approves now; the system records an approval given at the date asked
        version.effective_from = max(version.effective_from or today, today)
    kit.move(
        version,
        transitions.target("publish"),
        actor=actor,
        action="catalog.publish",
        fields=("published_at", "published_by", "effective_from"),
        payload={
            **payload,
            "hash": version.content_hash,
            "effective_from": version.effective_from,
        },
    )
    _link_revisions(version)
    return version


@transaction.atomic
def version_return(*, actor, review: VersionReview, reason: str) -> CatalogVersion:
    """退回修改 with the reasons: the version goes back to its agency to be edited and resubmitted; the
    other lists' reviews of this round end with it."""
    review = _locked_review(actor, review)
    reason = (reason or "").strip()
    if not reason:
        kit.refuse("reason", "请填写退回理由")
    version = CatalogVersion.objects.select_for_update().get(pk=review.version_id)
    transitions.require(version, "return")
    now = timezone.now()
    review.status, review.reason, review.decided_by, review.decided_at = (
        ListReviewStatus.RETURNED,
        reason,
        actor,
        now,
    )
    review.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    version.reviews.filter(status=ListReviewStatus.PENDING).update(
        status=ListReviewStatus.CLOSED, decided_at=now
    )
    kit.move(
        version,
        transitions.target("return"),
        actor=actor,
        action="catalog.return",
        payload={
            "version": version.number,
            "list": review.list_name,
            "reviewer": review.reviewer.name,
            "reason": reason,
        },
    )
    return version


@transaction.atomic
def version_publish(
    *,
    actor: Actor,
    draft: CatalogVersion,
    reason: str,
    reason_note: str = "",
    effective_from: date | None = None,
) -> CatalogVersion:
    """The system's shortcut (commands, fixtures of other apps, benchmarks): a list approved outside
    this system is recorded as published at once. People go through submit and review."""
    if actor is not None:
        raise PermissionDenied("清单须报送县级审核机关审核通过后才能发布")
    draft = kit.locked(CatalogVersion, draft, actor=None)
    transitions.require(draft, "submit")
    new, change = _frozen_change(draft, reason)
    draft.reason, draft.reason_note = reason, reason_note
    draft.published_at, draft.published_by = timezone.now(), None
    draft.effective_from = effective_from or timezone.localdate()
    draft.diff, draft.content_hash = change, versioning.content_hash(new)
    kit.move(
        draft,
        VersionStatus.PUBLISHED,
        actor=None,
        action="catalog.publish",
        fields=(
            "reason",
            "reason_note",
            "published_at",
            "published_by",
            "effective_from",
            "diff",
            "content_hash",
        ),
        payload={
            "version": draft.number,
            "reason": reason,
            "hash": draft.content_hash,
            **_diff_counts(change),
        },
    )
    _link_revisions(draft)
    return draft


# ---- 裁量基准 ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelInput:
    level: str
    conditions: str
    fact_min: Decimal | None = None
    fact_max: Decimal | None = None
    warning: bool = False
    fine_basis: str = ""
    fine_min: Decimal | None = None
    fine_max: Decimal | None = None
    confiscate: bool = False
    suspend: bool = False
    revoke: bool = False


@dataclass(frozen=True)
class ExemptionInput:
    kind: str
    conditions: str
    required_facts: tuple[str, ...] = ()
    legal_basis: str = ""


@transaction.atomic
def benchmark_set(
    *,
    actor: Actor,
    item: EnforcementItem,
    legal_basis: LegalBasis,
    levels: list[LevelInput],
    exemptions: Sequence[ExemptionInput] = (),
    fact_label: str = "",
    note: str = "",
) -> Benchmark:
    """Set the benchmark of a penalty item in the draft: levels within the statutory range of the
    penalty clause, fact ranges that do not overlap, and the 减免责 exemptions."""
    _draft_for_change(actor, item.version)
    if item.category != ItemCategory.PENALTY:
        kit.refuse("item", "只有行政处罚事项才设裁量基准")
    if legal_basis.item_id != item.pk:
        kit.refuse("legal_basis", "处罚依据必须是该事项的设定依据")
    if not levels:
        kit.refuse("levels", "请至少设定一个裁量情节")
    level_rows = [BenchmarkLevel(**vars(level)) for level in levels]
    _check_levels(level_rows, legal_basis, fact_label)
    exemption_rows = [Exemption(**{**vars(e), "required_facts": list(e.required_facts)}) for e in exemptions]
    _check_exemptions(exemption_rows)
    Benchmark.objects.filter(item=item).delete()
    benchmark = Benchmark.objects.create(item=item, legal_basis=legal_basis, fact_label=fact_label, note=note)
    for row in level_rows:
        row.benchmark = benchmark
    BenchmarkLevel.objects.bulk_create(level_rows)
    for exemption in exemption_rows:
        exemption.benchmark = benchmark
    Exemption.objects.bulk_create(exemption_rows)
    kit.record(
        item.version,
        "catalog.benchmark_set",
        actor=actor,
        payload={"version": item.version.number, "code": item.code, "levels": [lvl.level for lvl in levels]},
    )
    return benchmark


def _check_levels(levels: list[BenchmarkLevel], basis: LegalBasis, fact_label: str) -> None:
    errors: dict[str, list[str]] = {}

    def add(index, field, message):
        errors.setdefault(f"levels[{index}].{field}", []).append(message)

    seen = set()
    for index, level in enumerate(levels, start=1):
        try:
            level.full_clean(exclude=["benchmark"])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    add(index, field, message)
        if level.level in seen:
            add(index, "level", "同一情节只能设定一次")
        seen.add(level.level)
        for field, message in _range_errors(level, basis):
            add(index, field, message)
        if (
            fact_label
            and level.fact_min is not None
            and level.fact_max is not None
            and level.fact_min >= level.fact_max
        ):
            add(index, "fact_max", "事实上限应大于下限")
    if fact_label:
        for message in _overlaps(levels):
            errors.setdefault("levels", []).append(message)
    if errors:
        raise ValidationError(errors)


def _check_exemptions(exemptions: list[Exemption]) -> None:
    from .discretion import FACT_LABELS

    errors: dict[str, list[str]] = {}
    for index, exemption in enumerate(exemptions, start=1):
        try:
            exemption.full_clean(exclude=["benchmark"])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(f"exemptions[{index}].{field}", []).extend(messages)
        unknown = [fact for fact in exemption.required_facts if fact not in FACT_LABELS]
        if unknown:
            errors.setdefault(f"exemptions[{index}].required_facts", []).append(
                f"未知的事实：{'、'.join(unknown)}"
            )
    if errors:
        raise ValidationError(errors)


def _range_errors(level: BenchmarkLevel, basis: LegalBasis) -> list[tuple[str, str]]:
    """(field, message) for each way the level's penalty falls outside what the law allows."""
    has_fine = level.fine_min is not None or level.fine_max is not None
    if not has_fine:
        measures = level.warning or level.confiscate or level.suspend or level.revoke
        return [] if measures else [("fine_min", "请设定处罚种类或罚款幅度")]
    if level.fine_min is None or level.fine_max is None or not level.fine_basis:
        return [("fine_min", "罚款须同时设定计算方式、下限和上限")]
    problems = []
    if level.fine_min > level.fine_max:
        problems.append(("fine_min", "罚款下限不能高于上限"))
    if basis.fine_basis and level.fine_basis != basis.fine_basis:
        problems.append(("fine_basis", "罚款计算方式与法定依据不一致"))
    if basis.statutory_min is not None and level.fine_min < basis.statutory_min:
        problems.append(("fine_min", f"罚款下限低于法定下限{money(basis.statutory_min)}"))
    if basis.statutory_max is not None and level.fine_max > basis.statutory_max:
        problems.append(("fine_max", f"罚款上限超出法定上限{money(basis.statutory_max)}"))
    return problems


def _overlaps(levels: list[BenchmarkLevel]) -> list[str]:
    """Fact ranges [min, max) of one benchmark must not overlap, or one case would fit two levels."""
    inf = Decimal("Infinity")
    spans = sorted(
        (
            (
                lvl.fact_min if lvl.fact_min is not None else -inf,
                lvl.fact_max if lvl.fact_max is not None else inf,
                lvl,
            )
            for lvl in levels
        ),
        key=lambda span: span[0],
    )
    return [
        f"情节“{a.get_level_display()}”与“{b.get_level_display()}”的适用范围重叠"
        for (_, a_max, a), (b_min, _, b) in itertools.pairwise(spans)
        if b_min < a_max
    ]


@transaction.atomic
def benchmark_evaluate(
    *, actor: Actor, agency: Agency, item_code: str, on: date, findings: str, needs_revision: bool
):
    """裁量基准定期评估: a finding on how a benchmark in force works in practice and its conclusion
    (继续适用 / 需修订). The benchmark's next evaluation falls due from this date (catalog.evaluations);
    a 需修订 is answered by the next published version that changes the benchmark (`_link_revisions`)."""
    access.require_for_agency(actor, MANAGE_CATALOG, agency)
    from .selectors import version_in_force

    item_code, findings = (item_code or "").strip(), (findings or "").strip()
    errors = {}
    if not item_code:
        errors["item_code"] = "请选择事项"
    else:
        version = version_in_force(agency)
        if version is None or not version.items.filter(code=item_code, benchmark__isnull=False).exists():
            errors["item_code"] = f"事项：{agency.name}施行中的清单没有编码为{item_code}的裁量基准"
    if on is None:
        errors["on"] = "请填写评估日期"
    elif on > timezone.localdate():
        errors["on"] = "评估日期不能晚于今天"
    if not findings:
        errors["findings"] = "请填写评估意见"
    if errors:
        raise ValidationError(errors)
    evaluation = BenchmarkEvaluation(
        agency=agency, item_code=item_code, on=on, findings=findings, needs_revision=needs_revision
    )
    evaluation.full_clean()
    evaluation.save()
    kit.record(
        evaluation,
        "catalog.benchmark_evaluate",
        actor=actor,
        payload={"code": item_code, "revise": needs_revision},
    )
    return evaluation


def _link_revisions(version: CatalogVersion) -> None:
    """A published version that changes an item's benchmark answers every open 需修订 evaluation of
    that item: the evaluation names the version (`revised_in`), and the page shows the link."""
    codes = [c["code"] for c in (version.diff or {}).get("changed", []) if "benchmark" in c.get("parts", ())]
    if codes:
        BenchmarkEvaluation.objects.filter(
            agency_id=version.agency_id, item_code__in=codes, needs_revision=True, revised_in__isnull=True
        ).update(revised_in=version)


# ---- 赋权乡镇 ---------------------------------------------------------------------------------------


def evaluation_due_after(on: date) -> date:
    """One year after the delegation (or the last evaluation), moved to a working day."""
    try:
        anniversary = on.replace(year=on.year + 1)
    except ValueError:  # 29 February
        anniversary = on.replace(year=on.year + 1, day=28)
    return workdays.next_workday_on_or_after(anniversary)


@transaction.atomic
def delegation_create(
    *, actor: Actor, from_agency: Agency, to_agency: Agency, item: EnforcementItem, **fields
) -> Delegation:
    access.require_for_agency(actor, MANAGE_DELEGATION, from_agency)
    if item.version.agency_id != from_agency.pk:
        kit.refuse("item", "只能下放本部门清单中的事项")
    if to_agency.kind != "township":
        kit.refuse("to_agency", "承接单位应为乡镇人民政府或街道办事处")
    if not to_agency.region.path.startswith(from_agency.region.path):
        kit.refuse("to_agency", "只能赋权给本辖区内的乡镇（街道）")
    if (
        Delegation.objects.filter(item_code=item.code, to_agency=to_agency)
        .exclude(status=DelegationStatus.WITHDRAWN)
        .exists()
    ):
        kit.refuse("item", "该事项已赋权给该乡镇（街道）")
    delegation = Delegation(
        from_agency=from_agency, to_agency=to_agency, item_code=item.code, item_name=item.name, **fields
    )
    if delegation.on:  # without it full_clean refuses the missing date
        delegation.evaluation_due = evaluation_due_after(delegation.on)
    delegation.full_clean()
    delegation.save()
    kit.record(
        delegation,
        "delegation.create",
        actor=actor,
        payload=_delegation_payload(delegation),
        agency=from_agency,
    )
    return delegation


@transaction.atomic
def delegation_evaluate(
    *, actor: Actor, delegation: Delegation, on: date, outcome: str, findings: str
) -> DelegationEvaluation:
    """评估: keep (next evaluation in a year), adjust, or withdraw (接不住、监管跟不上)."""
    delegation = kit.locked(Delegation, delegation, actor=actor, perm=MANAGE_DELEGATION)
    if delegation.status == DelegationStatus.WITHDRAWN:
        kit.refuse("outcome", "该事项已收回")
    if not findings.strip():
        kit.refuse("findings", "请填写评估意见")
    if on < delegation.on:
        kit.refuse("on", "评估日期不能早于赋权日期")
    evaluation = DelegationEvaluation(
        delegation=delegation, on=on, outcome=outcome, findings=findings.strip(), evaluator=actor
    )
    evaluation.full_clean()
    evaluation.save()
    delegation.status = {
        EvaluationOutcome.KEEP: DelegationStatus.ACTIVE,
        EvaluationOutcome.ADJUST: DelegationStatus.ADJUSTED,
        EvaluationOutcome.WITHDRAW: DelegationStatus.WITHDRAWN,
    }[EvaluationOutcome(outcome)]
    delegation.evaluation_due = evaluation_due_after(on)
    delegation.save(update_fields=["status", "evaluation_due", "updated_at"])
    kit.record(
        delegation,
        "delegation.evaluate",
        actor=actor,
        payload={**_delegation_payload(delegation), "outcome": outcome, "findings": findings.strip()},
        agency=delegation.from_agency,
    )
    return evaluation


def _delegation_payload(delegation: Delegation) -> dict:
    return {
        "item": delegation.item_code,
        "to": delegation.to_agency_id,
        "form": delegation.form,
        "document": delegation.document,
        "on": delegation.on,
        "status": delegation.status,
        "evaluation_due": delegation.evaluation_due,
    }


# ---- 岗位职权分解 -----------------------------------------------------------------------------------


@transaction.atomic
def org_unit_create(*, actor: Actor, agency: Agency, name: str, parent: OrgUnit | None = None) -> OrgUnit:
    access.require_for_agency(actor, MANAGE_CATALOG, agency)
    if parent and parent.agency_id != agency.pk:
        kit.refuse("parent", "上级机构不属于该机关")
    unit = OrgUnit(agency=agency, name=name.strip(), parent=parent)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def duty_assign(*, actor: Actor, unit: OrgUnit, item_code: str, division: str = "") -> DutyAssignment:
    access.require_for_agency(actor, MANAGE_CATALOG, unit.agency)
    assignment, _ = DutyAssignment.objects.update_or_create(
        unit=unit, item_code=item_code, defaults={"agency": unit.agency, "division": division.strip()}
    )
    kit.record(
        assignment,
        "duty.assign",
        actor=actor,
        payload={"unit": unit.name, "item": item_code, "division": division},
    )
    return assignment
