"""The data of each document, built from the case: plain strings, numbers, lists and dicts only, so a
template (including one an agency uploads) can reach nothing but what is put here.

For a natural person the full ID number appears: the official document is served to the party, not
published (publication masks it elsewhere)."""

import json
from datetime import date

from django.utils import timezone

from zhifa.catalog import penalties
from zhifa.catalog.choices import CircumstanceLevel, ProcedureStep
from zhifa.core import formatting
from zhifa.core.models import Record
from zhifa.registry.choices import CertificateKind

from ..choices import DecisionKind, ExecutionKind, HandlerRole, PartyKind, ServiceMethod
from ..clocks import statement_workdays
from ..models import Case
from .kinds import KINDS, DocumentKind, has_decision

# ---- formatting: core.formatting, under the names document templates have always used -------------------
# cn_date 2026年3月20日; yuan ¥70,000.00 (figures, as on the pages); rmb_upper 柒万元整;
# money 人民币柒万元整（¥70,000.00） — the form a document states an amount the party must pay in.

cn_date = formatting.cn_date
yuan = formatting.money
rmb_upper = formatting.rmb_upper
money = formatting.money_in_words


def _text(value: str) -> str:
    """Free text as paragraphs: lines trimmed, empty lines dropped."""
    return "\n".join(line.strip() for line in (value or "").splitlines() if line.strip())


# ---- the case's records ----------------------------------------------------------------------------------


def case_records(case: Case) -> list[dict]:
    """The case's events in the record log, oldest first, payload parsed."""
    rows = Record.objects.for_subject(case).filter(agency_id=case.agency_id).order_by("seq")
    return [
        {
            "seq": r.seq,
            "action": r.action,
            "at": r.at,
            "actor": r.actor_name,
            "payload": json.loads(r.payload),
        }
        for r in rows
    ]


def recorded_steps(case: Case, events: list[dict] | None = None) -> dict[str, list[dict]]:
    """Investigation steps recorded with cases.services.case_record_step, by step code."""
    steps: dict[str, list[dict]] = {}
    for event in events if events is not None else case_records(case):
        if event["action"] == "case.step":
            payload = event["payload"]
            steps.setdefault(payload.get("step", ""), []).append(
                {
                    "at": cn_date(event["at"]),
                    "place": payload.get("place", "") or case.place,
                    "note": _text(payload.get("note", "")),
                    "actor": event["actor"],
                }
            )
    return steps


def _last(events: list[dict], action: str) -> dict | None:
    found = [e for e in events if e["action"] == action]
    return found[-1] if found else None


# ---- parts ------------------------------------------------------------------------------------------------


def party_of(case: Case) -> dict:
    person = case.party_kind == PartyKind.PERSON
    return {
        "kind": case.party_kind,
        "kind_label": case.get_party_kind_display(),
        "is_person": person,
        "name": case.party_name,
        "id_label": "身份证号码" if person else "统一社会信用代码",
        "id_value": case.party_id_number if person else case.party_credit_code,
        "id_number": case.party_id_number,
        "credit_code": case.party_credit_code,
        "representative": case.party_representative,
        "address": case.party_address,
        "phone": case.party_phone,
        "you": "你" if person else "你单位",
    }


def handlers_of(case: Case, on: date) -> list[dict]:
    """承办人员 with the number of the 执法证 valid on `on` (the latest one held otherwise)."""
    order = {HandlerRole.LEAD: 0, HandlerRole.CO: 1, HandlerRole.ASSISTANT: 2}
    rows = []
    handlers = sorted(
        case.handlers.select_related("officer").prefetch_related("officer__certificates"),
        key=lambda h: (order.get(h.role, 9), h.pk),
    )
    for handler in handlers:
        certificates = sorted(
            (c for c in handler.officer.certificates.all() if c.kind == CertificateKind.ENFORCEMENT),
            key=lambda c: (c.issued_on <= on <= c.expires_on and c.status == "valid", c.issued_on),
            reverse=True,
        )
        number = certificates[0].number if certificates and handler.role != HandlerRole.ASSISTANT else ""
        rows.append(
            {
                "name": handler.officer.name,
                "role": handler.get_role_display(),
                "certificate": number,
                "line": f"{handler.officer.name}（执法证号：{number}）"
                if number
                else f"{handler.officer.name}（{handler.get_role_display()}）",
            }
        )
    return rows


def legal_bases_of(case: Case) -> list[dict]:
    rows = []
    for item in case.items.order_by("code").prefetch_related("legal_bases"):
        for basis in item.legal_bases.all():
            rows.append(
                {
                    "item_code": item.code,
                    "item_name": item.name,
                    "law": basis.law_name,
                    "article": basis.article,
                    "text": basis.text,
                    "cite": f"《{basis.law_name}》{basis.article}",
                }
            )
    return rows


def evidence_of(case: Case) -> list[dict]:
    rows = []
    for index, ev in enumerate(case.evidence.order_by("created_at", "id"), start=1):
        when = cn_date(ev.captured_at or ev.created_at)
        line = f"{ev.get_kind_display()}：{ev.original_name}（{ev.get_step_display()}，{when}）"
        if ev.description:
            line += f"，{ev.description}"
        rows.append(
            {
                "index": index,
                "kind": ev.get_kind_display(),
                "step": ev.get_step_display(),
                "name": ev.original_name,
                "description": ev.description,
                "at": when,
                "sha256": ev.sha256,
                "size": ev.size,
                "line": line,
            }
        )
    return rows


def penalties_line(decision) -> str:
    return "；".join(penalties.parts(decision, money=money))


def discretion_of(case: Case, decision) -> dict | None:
    """The discretion applied: level, recommended range, where the decision falls, and the reason for
    departing from the benchmark."""
    if decision is None or decision.kind != DecisionKind.PENALTY:
        return None
    level = CircumstanceLevel(decision.level).label if decision.level in CircumstanceLevel.values else ""
    conditions = ""
    if decision.level:
        item = case.items.order_by("code").first()
        benchmark = getattr(item, "benchmark", None) if item else None
        found = benchmark.levels.filter(level=decision.level).first() if benchmark else None
        conditions = found.conditions if found else ""
    has_range = decision.recommended_min is not None and decision.recommended_max is not None
    within = (
        has_range
        and decision.fine is not None
        and decision.recommended_min <= decision.fine <= decision.recommended_max
    )
    lines = []
    if level:
        lines.append(f"本案违法情节属于“{level}”" + (f"（{conditions}）" if conditions else "") + "。")
    if has_range:
        lines.append(
            f"依照裁量基准，推荐罚款幅度为{yuan(decision.recommended_min)}至{yuan(decision.recommended_max)}。"
        )
        if decision.fine is not None:
            lines.append(
                f"本决定罚款{money(decision.fine)}，"
                + ("在推荐幅度内。" if within else "超出推荐幅度，理由如下。")
            )
    if decision.deviation_reason:
        lines.append(f"偏离裁量基准的理由：{decision.deviation_reason}")
    if not lines:
        lines.append("本事项未设定裁量基准，依照法定幅度综合考量违法事实、性质、情节和社会危害程度作出决定。")
    return {
        "level": decision.level,
        "level_label": level,
        "conditions": conditions,
        "recommended_min": yuan(decision.recommended_min),
        "recommended_max": yuan(decision.recommended_max),
        "range": f"{yuan(decision.recommended_min)}至{yuan(decision.recommended_max)}" if has_range else "",
        "within": within,
        "deviation_reason": decision.deviation_reason,
        "lines": lines,
        "text": "\n".join(lines),
    }


def decision_of(decision) -> dict | None:
    if decision is None:
        return None
    return {
        "kind": decision.kind,
        "kind_label": decision.get_kind_display(),
        "number": decision.number,
        "decided_on": cn_date(decision.decided_on),
        "penalties": penalties_line(decision),
        "measures": [m.label for m in penalties.measures(decision)],
        "fine": yuan(decision.fine),
        "fine_money": money(decision.fine),
        "fine_upper": rmb_upper(decision.fine),
        "confiscation": yuan(decision.confiscation),
        "reasoning": _text(decision.reasoning),
        "transfer_to": decision.transfer_to,
        "deviation_reason": decision.deviation_reason,
    }


def services_of(case: Case) -> list[dict]:
    return [
        {
            "document": s.document,
            "served_on": cn_date(s.served_on),
            "method": s.get_method_display(),
            "recipient": s.recipient,
            "late": s.late,
            "note": s.note,
        }
        for s in case.services.all()
    ]


def executions_of(case: Case) -> list[dict]:
    return [
        {
            "kind": e.get_kind_display(),
            "on": cn_date(e.on),
            "amount": yuan(e.amount),
            "note": e.note,
            "line": f"{cn_date(e.on)} {e.get_kind_display()}" + (f" {yuan(e.amount)}" if e.amount else ""),
        }
        for e in case.executions.all()
    ]


# ---- the whole ----------------------------------------------------------------------------------------------


def _as_of(case: Case, kind: str, decision, today: date) -> date:
    if kind in (DocumentKind.PENALTY_DECISION, DocumentKind.NO_PENALTY_DECISION) and decision:
        return decision.decided_on
    if kind == DocumentKind.PENALTY_NOTICE and case.notified_on:
        return case.notified_on
    return case.registered_on or today


def _served_documents(case: Case, decision, notice_number: str) -> list[dict]:
    """The rows of a 送达回证: the 告知书 and the decision, with their service when recorded."""
    rows = []
    if case.notified_on:
        rows.append(
            {
                "document": KINDS[DocumentKind.PENALTY_NOTICE].title,
                "number": notice_number,
                "served_on": cn_date(case.notice_served_on or case.notified_on),
                "method": "",
                "recipient": "",
            }
        )
    services = list(case.services.all())
    if decision and decision.number:
        title = (
            KINDS[DocumentKind.NO_PENALTY_DECISION].title
            if decision.kind == DecisionKind.NO_PENALTY
            else KINDS[DocumentKind.PENALTY_DECISION].title
        )
        served = services[0] if services else None
        rows.append(
            {
                "document": served.document if served else title,
                "number": decision.number,
                "served_on": cn_date(served.served_on) if served else "",
                "method": served.get_method_display() if served else "",
                "recipient": served.recipient if served else "",
            }
        )
    return rows


def build(case: Case, kind: str, number: str, *, today: date | None = None, notice_number: str = "") -> dict:
    """Everything a document template may use. `notice_number` is the 告知书's number (for 送达回证)."""
    today = today or timezone.localdate()
    spec = KINDS[kind]
    decision = case.decision if has_decision(case) else None
    events = case_records(case)
    steps = recorded_steps(case, events)
    bases = legal_bases_of(case)
    evidence = evidence_of(case)
    handlers = handlers_of(case, _as_of(case, kind, decision, today))
    notify = _last(events, "case.notify")
    close = _last(events, "case.close")
    decline = _last(events, "case.decline")
    hearing = _last(events, "case.hearing")
    discretion = discretion_of(case, decision)
    decision_data = decision_of(decision)
    facts = _text(case.facts) or case.summary
    reasoning_text = (
        decision_data["reasoning"]
        if decision_data and kind != DocumentKind.PENALTY_NOTICE
        else _text(case.investigation_report)
    )
    return {
        "kind": kind,
        "title": spec.title,
        "number": number,
        "today": cn_date(today),
        "agency": {"name": case.agency.name, "short_name": case.agency.short_name},
        "case": {
            "number": case.number,
            "summary": case.summary,
            "source": case.get_source_display(),
            "procedure": case.get_procedure_display(),
            "status": case.get_status_display(),
            "place": case.place,
            "discovered_on": cn_date(case.discovered_on),
            "occurred_at": cn_date(case.occurred_at),
            "registered_on": cn_date(case.registered_on),
            "registered_by": (case.registered_by.real_name or case.registered_by.username)
            if case.registered_by
            else "",
            "decision_due": cn_date(case.decision_due),
            "extension_days": case.extension_days,
            "extension_reason": _text(case.extension_reason),
            "facts": facts,
            "investigation_report": _text(case.investigation_report),
            "notified_on": cn_date(case.notified_on),
            "hearing_deadline": cn_date(case.hearing_deadline),
            "hearing_requested": case.hearing_requested,
            "hearing_held_on": cn_date(case.hearing_held_on),
            "hearing_summary": _text(hearing["payload"].get("summary", "")) if hearing else "",
            "statement": _text(case.statement),
            "declined_reason": _text(decline["payload"].get("reason", "")) if decline else "",
        },
        "party": party_of(case),
        "items": [{"code": i.code, "name": i.name} for i in case.items.order_by("code")],
        "bases": bases,
        "basis_cites": "、".join(dict.fromkeys(b["cite"] for b in bases)),
        "evidence": evidence,
        "handlers": handlers,
        "handlers_line": "、".join(h["line"] for h in handlers),
        "steps": steps,
        "on_site": steps.get(ProcedureStep.ON_SITE, []),
        "inquiry": steps.get(ProcedureStep.INQUIRY, []),
        "notice": {
            "on": cn_date(case.notified_on),
            "proposed": _text(notify["payload"].get("proposed", "")) if notify else "",
            "hearing_rights": case.hearing_deadline is not None,
            "hearing_deadline": cn_date(case.hearing_deadline),
            "statement_workdays": case.statement_workdays or statement_workdays(case.agency_id),
            "statement_deadline": cn_date(case.statement_deadline),
            "number": notice_number,
        },
        "decision": decision_data,
        "discretion": discretion,
        "reasoning": {
            "facts": facts,
            "evidence": [e["line"] for e in evidence],
            "basis": [f"{b['cite']}：{b['text']}" for b in bases],
            "discretion": discretion["text"] if discretion else "",
            "text": reasoning_text,
        },
        "services": services_of(case),
        "served_documents": _served_documents(case, decision, notice_number),
        "service_methods": [label for _, label in ServiceMethod.choices],
        "executions": executions_of(case),
        "executed": any(e.kind in (ExecutionKind.PAID, ExecutionKind.DONE) for e in case.executions.all()),
        "closing": {
            "on": cn_date(close["payload"].get("on")) if close else "",
            "summary": _text(close["payload"].get("summary", "")) if close else "",
            "approved_by": close["actor"] if close else "",
        },
    }
