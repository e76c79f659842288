"""Every write of 法制审核: one function per action. Each locks the review (or the case), checks the
actor and the transition table (review.transitions), validates with the reason in Chinese, writes and
appends a record in the same transaction."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.cases.choices import CaseStatus, DecisionKind
from zhifa.cases.documents.kinds import DocumentKind
from zhifa.cases.models import Case
from zhifa.catalog import penalties
from zhifa.catalog.choices import ProcedureStep
from zhifa.core import access, kit, numbering, workdays
from zhifa.core.choices import AgencyKind
from zhifa.core.kit import Actor
from zhifa.notifications import events as notifications

from . import precheck, reviewers
from .choices import AdviserRole, CheckPoint, OpinionResult, ResolutionMethod, ResolutionOutcome, ReviewStatus
from .clocks import review_workdays
from .models import Dispute, InvitedOpinion, PoolMember, PreReview, Review, ReviewRound
from .transitions import COORDINATE, MACHINE, OPINION, RESOLVE, SUBMIT

SUBMITTABLE = (CaseStatus.REVIEWING, CaseStatus.NOTIFIED, CaseStatus.HEARING)
OPINION_NUMBER_KIND = "法审"


REVIEWS = Review.objects.select_related("case__agency")  # what `kit.locked` re-reads a review with


def _note(review: Review, action: str, *, actor: Actor, **payload) -> None:
    """Record a step that leaves the review where it is (its status in the payload, like a move's)."""
    kit.record(review, action, actor=actor, payload={"status": review.status, **payload})


@dataclass(frozen=True)
class ProposalInput:
    """送审材料: the proposed decision (拟处理意见) with its discretion facts, the evidence list and the
    answer to "涉嫌犯罪吗"; the investigation report, evidence and documents come from the case."""

    proposal: str
    kind: str = DecisionKind.PENALTY
    measures: tuple[str, ...] = ()  # PenaltyMeasure values of catalog.penalties.KINDS
    fine: Decimal | None = None
    confiscation: Decimal | None = None
    other_measures: str = ""
    deviation_reason: str = ""
    facts: dict = field(default_factory=dict)
    evidence_list: str = ""
    suspected_crime: bool | None = None
    crime_note: str = ""

    @classmethod
    def from_decision(cls, decision, proposal: str, **extra) -> ProposalInput:
        """The proposal matching a cases.services.DecisionInput (demo and tests)."""
        names = (
            "kind",
            "measures",
            "fine",
            "confiscation",
            "other_measures",
            "deviation_reason",
            "facts",
        )
        return cls(proposal=proposal, **{name: getattr(decision, name) for name in names}, **extra)


def _check_materials(case: Case, data: ProposalInput) -> None:
    """完整性: refuse a package without its required materials, naming every one missing; an amount
    below zero is refused beside its field first."""
    for name, measure in penalties.AMOUNTS.items():
        if (getattr(data, name) or 0) < 0:
            kit.refuse(name, f"{measure.label}金额不能为负数")
    if case.status not in SUBMITTABLE:
        kit.refuse(
            "status",
            f"案件当前为“{case.get_status_display()}”，调查终结后（审核、告知或听证阶段）才能送法制审核",
        )
    missing = []
    if not case.investigation_report.strip():
        missing.append("调查终结报告")
    if not data.proposal.strip():
        missing.append("拟处理意见")
    if data.kind not in (DecisionKind.PENALTY, DecisionKind.NO_PENALTY):
        missing.append("拟作出的决定类型（行政处罚或不予行政处罚）")
    if data.kind == DecisionKind.PENALTY and not penalties.measures(data):
        missing.append("拟处罚种类和幅度")
    if not case.evidence.exists():
        missing.append("证据材料")
    approval = DocumentKind.REGISTER_APPROVAL
    if not (
        case.documents.filter(kind=approval).exists()
        or case.evidence.filter(signed_document=approval).exists()
    ):
        missing.append("立案审批表")
    if missing:
        kit.refuse("materials", "送审材料不全，缺少：" + "、".join(missing))


def _new_round(review: Review, actor: Actor, data: ProposalInput, answers: dict) -> ReviewRound:
    number = (review.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    today = timezone.localdate()
    review.due_on = workdays.add_workdays(today, review_workdays())
    values = asdict(data)
    values["evidence_list"] = data.evidence_list.strip() or _evidence_list(review.case)
    values["measures"] = penalties.stored(data)
    return ReviewRound.objects.create(
        review=review,
        number=number,
        answers=answers,
        submitted_by=actor,
        submitted_at=timezone.now(),
        due_on=review.due_on,
        **values,
    )


def _step_label(step: str) -> str:
    return ProcedureStep(step).label if step in ProcedureStep.values else step


def _evidence_list(case: Case) -> str:
    rows = case.evidence.order_by("created_at", "id").values_list("step", "original_name", "sha256")
    return "\n".join(
        f"{i}. {name}（{_step_label(step)}，SHA-256 {sha[:12]}…）"
        for i, (step, name, sha) in enumerate(rows, 1)
    )


def _last_round(review: Review) -> ReviewRound:
    last = review.rounds.order_by("-number").first()
    assert last is not None  # review_submit creates the first round with the review
    return last


@transaction.atomic
def review_submit(*, actor: Actor, case: Case, data: ProposalInput) -> Review:
    """送审: the handling unit submits the package; a reviewer of the agency (or of the pool) is assigned."""
    case = kit.locked(Case.objects.select_related("agency__region"), case, actor=actor, perm=SUBMIT)
    if Review.objects.filter(case=case).exists():
        kit.refuse("case", "本案已送法制审核，请在审核页重新送审")
    _check_materials(case, data)
    reviewer, from_pool = reviewers.pick(case)
    status = MACHINE.target("submit")
    assert status is not None  # the table's submit row moves the review to 待审核
    review = Review.objects.create(
        case=case, reviewer=reviewer, from_pool=from_pool, created_by=actor, status=status
    )
    made = _new_round(review, actor, data, {})
    review.save(update_fields=["due_on"])
    _note(
        review,
        "review.submit",
        actor=actor,
        round=made.number,
        reviewer=reviewer.pk,
        from_pool=from_pool,
        due_on=review.due_on,
        proposal=data.proposal.strip(),
    )
    notifications.review_assigned(review, actor)
    return review


@transaction.atomic
def review_resubmit(*, actor: Actor, review: Review, data: ProposalInput, answers: dict[str, str]) -> Review:
    """再次送审: after 存在问题, every problem answered point by point; after a pass, a changed proposal
    (e.g. heavier after the hearing) goes through review again. Every round is kept."""
    review = kit.locked(REVIEWS, review, actor=actor, perm=SUBMIT)
    MACHINE.require(review, "resubmit")
    variant = "answer" if review.status == ReviewStatus.PROBLEMS else "change"  # the table's two rows
    last = _last_round(review)
    answers = {
        point: (answers.get(point) or "").strip()
        for point in (last.problems if review.status == ReviewStatus.PROBLEMS else {})
    }
    unanswered = [CheckPoint(point).label for point, text in answers.items() if not text]
    if unanswered:
        kit.refuse("answers", "请逐项答复审核意见指出的问题：" + "；".join(unanswered))
    _check_materials(review.case, data)
    if reviewers.conflict(review.reviewer, review.case):
        review.reviewer, review.from_pool = reviewers.pick(review.case)
    made = _new_round(review, actor, data, answers)
    review.passed_by = ""
    MACHINE.move(
        review,
        "resubmit",
        actor=actor,
        variant=variant,
        fields=("due_on", "reviewer", "from_pool", "passed_by"),
        payload={"round": made.number, "answers": answers, "proposal": data.proposal.strip()},
    )
    return review


@transaction.atomic
def review_assign(*, actor: Actor, review: Review, reviewer) -> Review:
    """指派 by the justice bureau (协作机制): any reviewer of the agency or of the pool, never one who
    must withdraw."""
    review = kit.locked(REVIEWS, review, actor=actor, perm=COORDINATE)
    MACHINE.require(review, "assign")
    review.from_pool = reviewers.check_assignable(reviewer, review.case)
    review.reviewer = reviewer
    review.save(update_fields=["reviewer", "from_pool", "updated_at"])
    _note(review, "review.assign", actor=actor, reviewer=reviewer.pk, from_pool=review.from_pool)
    notifications.review_assigned(review, actor)
    return review


def _require_reviewer(actor: Actor, review: Review) -> None:
    """Only the assigned reviewer writes the opinion — also one from another agency (the pool)."""
    if access.is_system(actor):
        return
    if review.reviewer_id != actor.pk:
        access.require(actor, OPINION, review)  # 404 outside the agency, else:
        raise PermissionDenied("本案未指派给您审核")
    if not actor.has_perm(OPINION):
        raise PermissionDenied("您不是法制审核人员")


def clean_checklist(checklist: dict) -> dict[str, dict]:
    """Every point judged; a point with a problem needs a comment saying what and why."""
    errors, cleaned = {}, {}
    for point in CheckPoint:
        row = checklist.get(point.value)
        if row is None or row.get("ok") is None:
            errors[f"point_{point.value}"] = f"请审核“{point.label}”"
            continue
        ok, comment = bool(row["ok"]), (row.get("comment") or "").strip()
        if not ok and not comment:
            errors[f"comment_{point.value}"] = f"“{point.label}”存在问题，须写明问题和理由"
        cleaned[point.value] = {"ok": ok, "comment": comment}
    if errors:
        raise ValidationError(errors)
    return cleaned


def answer_precheck(review: Review, cleaned: dict[str, dict]) -> dict[str, dict]:
    """A point the automatic pre-check (自动预审) marks ✗ passes only with the reviewer's written reason
    (the point's comment), refused naming the point and what the pre-check found. Each flagged point
    keeps the pre-check's findings beside the opinion ("precheck"); returns the points passed over a ✗
    with their findings and reason (for the record)."""
    flagged = {
        point: [f.text for f in findings if not f.ok] for point, findings in precheck.run(review).items()
    }
    errors, overridden = {}, {}
    for point, texts in flagged.items():
        if not texts:
            continue
        row = cleaned[point]
        row["precheck"] = texts
        if row["ok"] and not row["comment"]:
            errors[f"comment_{point}"] = (
                f"“{CheckPoint(point).label}”自动预审未通过（{'；'.join(texts)}），判定通过须写明理由"
            )
        elif row["ok"]:
            overridden[point] = {"precheck": texts, "reason": row["comment"]}
    if errors:
        raise ValidationError(errors)
    return overridden


@transaction.atomic
def review_give_opinion(*, actor: Actor, review: Review, checklist: dict, summary: str = "") -> Review:
    """法制审核意见: each point pass or problem; 同意 when every point passes, otherwise 存在问题 and the
    handling unit must answer. A point the automatic pre-check marks ✗ passes only with a written
    reason, kept with the opinion. The opinion gets its number (法制审核意见书)."""
    review = kit.locked(REVIEWS, review, actor=actor)
    _require_reviewer(actor, review)
    MACHINE.require(review, "opinion")
    why = actor and reviewers.conflict(actor, review.case)
    if why:
        kit.refuse("reviewer", why)
    cleaned = clean_checklist(checklist)
    overridden = answer_precheck(review, cleaned)
    result = OpinionResult.AGREE if all(row["ok"] for row in cleaned.values()) else OpinionResult.PROBLEMS
    now = timezone.now()
    last = _last_round(review)
    last.result, last.checklist, last.reviewed_by, last.reviewed_at = result, cleaned, actor, now
    last.summary = summary.strip() or (
        "经审核，同意承办机构的拟处理意见。"
        if result == OpinionResult.AGREE
        else "经审核，存在以下问题，请承办机构研究处理后再次送审。"
    )
    last.opinion_number = numbering.next_number(
        review.case.agency, OPINION_NUMBER_KIND, year=timezone.localdate(now).year
    )
    last.save(
        update_fields=["result", "checklist", "summary", "opinion_number", "reviewed_by", "reviewed_at"]
    )
    passed = result == OpinionResult.AGREE
    review.passed_by = "opinion" if passed else ""
    MACHINE.move(
        review,
        "opinion",
        variant="agree" if passed else "problems",
        actor=actor,
        fields=("passed_by",),
        payload={
            "round": last.number,
            "result": result,
            "number": last.opinion_number,
            "problems": last.problems,
            **({"precheck_overridden": overridden} if overridden else {}),
        },
    )
    if not passed:
        notifications.review_returned(review, actor)
    return review


@transaction.atomic
def review_dispute(*, actor: Actor, review: Review, reason: str) -> Dispute:
    """承办机构对存在问题的意见有异议: it goes to 集体讨论 or the agency head."""
    review = kit.locked(REVIEWS, review, actor=actor, perm=SUBMIT)
    MACHINE.require(review, "dispute")
    if not reason.strip():
        kit.refuse("reason", "请写明异议理由")
    last = _last_round(review)
    dispute = Dispute.objects.create(review=review, round=last, reason=reason.strip(), raised_by=actor)
    MACHINE.move(review, "dispute", actor=actor, payload={"round": last.number, "reason": reason.strip()})
    return dispute


@transaction.atomic
def review_resolve(*, actor: Actor, review: Review, method: str, outcome: str, note: str) -> Dispute:
    """集体讨论 / 机关负责人决定 on a disagreement, recorded with the outcome: upholding the opinion
    sends the case back to the handling unit; overruling it lets the proposal go ahead."""
    review = kit.locked(REVIEWS, review, actor=actor, perm=RESOLVE)
    MACHINE.require(review, "resolve")
    if method not in ResolutionMethod.values:
        kit.refuse("method", "请选择处理方式（集体讨论或机关负责人决定）")
    if outcome not in ResolutionOutcome.values:
        kit.refuse("outcome", "请选择处理结果")
    if not note.strip():
        kit.refuse("note", "请记录讨论情况（参加人员、主要意见、结论）")
    dispute = review.disputes.filter(resolved_at__isnull=True).order_by("-raised_at").first()
    assert dispute is not None  # "resolve" is allowed only while disputed, entered by review_dispute
    dispute.method, dispute.outcome, dispute.note = method, outcome, note.strip()
    dispute.resolved_by, dispute.resolved_at = actor, timezone.now()
    dispute.save(update_fields=["method", "outcome", "note", "resolved_by", "resolved_at"])
    overruled = outcome == ResolutionOutcome.OVERRULE
    review.passed_by = method if overruled else ""
    MACHINE.move(
        review,
        "resolve",
        variant="overrule" if overruled else "uphold",
        actor=actor,
        fields=("passed_by",),
        payload={"method": method, "outcome": outcome, "note": note.strip()},
    )
    return dispute


@transaction.atomic
def review_request_pre_review(*, actor: Actor, review: Review, question: str) -> PreReview:
    """提请县司法行政机关预审核 — for a complex or difficult case only."""
    review = kit.locked(REVIEWS, review, actor=actor)
    if not access.is_system(actor) and review.reviewer_id != actor.pk:
        access.require(actor, SUBMIT, review)
    if not review.case.is_complex:
        kit.refuse("question", "只有负责人认定的疑难复杂案件可以提请司法行政机关预审核")
    if not question.strip():
        kit.refuse("question", "请写明提请预审核的事项")
    justice = reviewers.justice_bureaus_over(review.case.agency).first()
    if justice is None:
        kit.refuse("question", "本地区没有司法行政机关")
    pre = PreReview.objects.create(
        review=review, justice=justice, question=question.strip(), requested_by=actor
    )
    _note(review, "review.pre_review", actor=actor, justice=justice.pk, question=question.strip())
    return pre


@transaction.atomic
def review_answer_pre_review(*, actor: Actor, pre_review: PreReview, opinion: str) -> PreReview:
    pre = PreReview.objects.select_for_update().select_related("review__case__agency").get(pk=pre_review.pk)
    if not access.is_system(actor):
        access.require(actor, COORDINATE, pre.review)
        if actor.agency_id != pre.justice_id:
            raise PermissionDenied("只有受理预审核的司法行政机关可以答复")
    if pre.answered_at:
        kit.refuse("opinion", "该预审核已答复")
    if not opinion.strip():
        kit.refuse("opinion", "请填写预审核意见")
    pre.opinion, pre.answered_by, pre.answered_at = opinion.strip(), actor, timezone.now()
    pre.save(update_fields=["opinion", "answered_by", "answered_at"])
    _note(pre.review, "review.pre_review_answer", actor=actor, pre_review=pre.pk, opinion=pre.opinion)
    return pre


@transaction.atomic
def review_invite_opinion(
    *, actor: Actor, review: Review, author: str, role: str, text: str
) -> InvitedOpinion:
    """法律顾问、公职律师的书面意见, registered by the reviewer or the handling unit."""
    review = kit.locked(REVIEWS, review, actor=actor)
    if not access.is_system(actor) and review.reviewer_id != actor.pk:
        access.require(actor, SUBMIT, review)
    if role not in AdviserRole.values:
        kit.refuse("role", "请选择法律顾问或公职律师")
    if not author.strip():
        kit.refuse("author", "请填写姓名")
    longest = InvitedOpinion._meta.get_field("author").max_length
    assert longest is not None  # a CharField's
    if len(author.strip()) > longest:
        kit.refuse("author", f"姓名不能超过{longest}个字")
    if not text.strip():
        kit.refuse("text", "请填写书面意见")
    invited = InvitedOpinion.objects.create(
        review=review, author=author.strip(), role=role, text=text.strip(), added_by=actor
    )
    _note(review, "review.invited_opinion", actor=actor, author=invited.author, role=role, text=invited.text)
    return invited


@transaction.atomic
def pool_add(*, actor: Actor, justice, user) -> PoolMember:
    """协作库: a 司法局 adds a 法制审核人员 of its region (or its own staff) to its pool."""
    if justice.kind != AgencyKind.JUSTICE:
        kit.refuse("justice", "只有司法行政机关可以建立法制审核协作库")
    access.require_for_agency(actor, COORDINATE, justice, "您无权管理该司法局的协作库")
    if not user.is_active or not (user.agency and user.agency.region.path.startswith(justice.region.path)):
        kit.refuse("user", "只能将本地区的在职人员加入协作库")
    if PoolMember.objects.filter(justice=justice, user=user).exists():
        kit.refuse("user", "该人员已在协作库中")
    member = PoolMember.objects.create(justice=justice, user=user, added_by=actor)
    kit.record(justice, "review.pool_add", actor=actor, payload={"user": user.pk})
    return member
