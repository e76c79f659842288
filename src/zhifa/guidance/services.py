"""典型案例 — writes: propose a closed case with its write-up, resubmit after a return, and the justice
bureau's adopt, return (the proposer is told) and publish (masked by publicity's masking). One
transaction each, recorded on the proposing agency's chain; a refusal writes nothing."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case
from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.notifications import events as notices
from zhifa.publicity.drafting import plain, public_subject
from zhifa.publicity.masking import mask_name, mask_personal_data, scrub_known

from .models import Exemplar
from .selectors import EXEMPLARS
from .transitions import MACHINE, PROPOSE, SELECT

CLOSED = (CaseStatus.CLOSED, CaseStatus.ARCHIVED)
LIMITS = {"title": ("标题", 200), "facts": ("案情", 5000), "outcome": ("处理结果", 3000),
          "significance": ("典型意义", 3000)}  # fmt: skip


@dataclass(frozen=True)
class WriteUp:
    title: str
    facts: str
    outcome: str
    significance: str

    def checked(self) -> dict[str, str]:
        """Each part typed, within its length; refused by the field otherwise."""
        values = {}
        for field, (label, limit) in LIMITS.items():
            text = plain(getattr(self, field))
            if not text:
                kit.refuse(field, f"请填写{label}")
            if len(text) > limit:
                kit.refuse(field, f"“{label}”最多{limit}个字符")
            values[field] = text
        return values


@transaction.atomic
def exemplar_propose(*, actor: Actor, case: Case, data: WriteUp) -> Exemplar:
    """推荐典型案例: a case of the actor's agency that is closed (已结案/已归档), not already proposed."""
    case = kit.locked(Case.objects.select_related("agency"), case, actor=actor, perm="cases.view_case")
    access.require_for_agency(actor, PROPOSE, case.agency, "您无权推荐该机关的典型案例")
    if case.status not in CLOSED:
        kit.refuse(
            "case", f"案件当前为“{case.get_status_display()}”，只有已结案或已归档的案件可以推荐为典型案例"
        )
    if Exemplar.objects.filter(case=case).exists():
        kit.refuse("case", "该案件已推荐为典型案例")
    values = data.checked()
    item = case.items.order_by("code").first()
    exemplar = Exemplar.objects.create(
        agency=case.agency,
        case=case,
        item=item,
        item_code=item.code if item else "",
        proposed_by=actor,
        proposed_on=timezone.localdate(),
        **values,
    )
    kit.record(
        exemplar, "guidance.propose", actor=actor, payload={"status": exemplar.status, "case": case.pk}
    )
    return exemplar


@transaction.atomic
def exemplar_resubmit(*, actor: Actor, exemplar: Exemplar, data: WriteUp) -> Exemplar:
    """修改后重新推荐: the write-up of a returned case, corrected."""
    exemplar = kit.locked(EXEMPLARS, exemplar, actor=actor, perm=PROPOSE)
    MACHINE.require(exemplar, "resubmit")
    for field, value in data.checked().items():
        setattr(exemplar, field, value)
    exemplar.proposed_by, exemplar.proposed_on = actor, timezone.localdate()
    MACHINE.move(exemplar, "resubmit", actor=actor, fields=(*LIMITS, "proposed_by", "proposed_on"))
    return exemplar


@transaction.atomic
def exemplar_adopt(*, actor: Actor, exemplar: Exemplar) -> Exemplar:
    """采纳: the justice bureau selects the case; publishing is a separate step."""
    exemplar = kit.locked(EXEMPLARS, exemplar, actor=actor, perm=SELECT)
    MACHINE.require(exemplar, "adopt")
    exemplar.selected_by = actor
    MACHINE.move(exemplar, "adopt", actor=actor, fields=("selected_by",))
    return exemplar


@transaction.atomic
def exemplar_return(*, actor: Actor, exemplar: Exemplar, reason: str) -> Exemplar:
    """退回 with the reason; whoever proposed it is told (站内消息)."""
    exemplar = kit.locked(EXEMPLARS, exemplar, actor=actor, perm=SELECT)
    MACHINE.require(exemplar, "return")
    reason = plain(reason)
    if not reason:
        kit.refuse("reason", "请填写退回理由")
    exemplar.return_reason, exemplar.selected_by = reason, actor
    MACHINE.move(
        exemplar, "return", actor=actor, fields=("return_reason", "selected_by"), payload={"reason": reason}
    )
    notices.exemplar_returned(exemplar, actor)
    return exemplar


def public_text(case: Case, text: str) -> str:
    """`text` as the portal shows it: the party's name masked as in 公示 (a person's 张某某), the
    representative's too, the address, ID number and phone removed, then publicity's masking of
    whatever personal data remains."""
    names = {case.party_name: public_subject(case.party_kind, case.party_name)}
    if case.party_representative:
        names[case.party_representative] = mask_name(case.party_representative)
    remove = [case.party_address, case.party_id_number, case.party_phone]
    return mask_personal_data(scrub_known(plain(text), names=names, remove=remove))


@transaction.atomic
def exemplar_publish(*, actor: Actor, exemplar: Exemplar) -> Exemplar:
    """发布为指导案例: the masked write-up goes on the portal, searchable by its item."""
    exemplar = kit.locked(EXEMPLARS, exemplar, actor=actor, perm=SELECT)
    MACHINE.require(exemplar, "publish")
    case = exemplar.case
    exemplar.public_title = public_text(case, exemplar.title)[:200]
    exemplar.public_facts = public_text(case, exemplar.facts)
    exemplar.public_outcome = public_text(case, exemplar.outcome)
    exemplar.public_significance = public_text(case, exemplar.significance)
    exemplar.published_on = timezone.localdate()
    MACHINE.move(
        exemplar,
        "publish",
        actor=actor,
        fields=("public_title", "public_facts", "public_outcome", "public_significance", "published_on"),
        payload={"published_on": exemplar.published_on, "item_code": exemplar.item_code},
    )
    return exemplar


def offered(actor: Actor, exemplar: Exemplar) -> list[str]:
    """The actions the page offers `actor` on `exemplar` (the table's, with the permission on it)."""
    perms = {perm for perm in (PROPOSE, SELECT) if access.can(actor, perm, exemplar)}
    return MACHINE.available(exemplar.status, perms)
