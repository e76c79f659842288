"""Domain events between sibling apps (cases → publicity, inspections → publicity …).

Apps depend downwards only, so a lower app announces what happened and a sibling that cares subscribes
from its AppConfig.ready(). Handlers run synchronously inside the publisher's transaction: if a handler
refuses (raises), the whole step is rolled back, so nothing is half-written.

Events in use (payload keywords):
- "case.decided": case, decision (cases.Decision), actor — every decision, both procedures.
- "case.decision_challenged": case, challenge (cases.Challenge), actor — a 复议/诉讼 outcome was recorded;
  `challenge.voids_decision` tells whether the decision was revoked, changed or found unlawful.
- "inspection.result_recorded": the result of one inspection of one subject, for disclosure within 20
  working days. Keywords: source (the inspections model instance the result belongs to), agency
  (core.Agency that inspected; for a joint task, one event per agency), actor, subject_kind
  ("organisation" | "individual_business" | "person"), subject_name, credit_code ("" for a person),
  items (list of 抽查事项 names), result (Chinese label, e.g. "未发现问题"), inspected_on (date),
  result_on (date the result was recorded: the 公示 clock starts there), summary (free text; may contain personal data, the receiver masks it).
- "exchange.imported": batch (exchange.Batch, an accepted import: its source_instance, created_at, cd_batch),
  receiver (core.Agency that collected it), actor (None when the command ran it) — every accepted import.
"""

from collections import defaultdict
from collections.abc import Callable

Handler = Callable[..., None]
_handlers: dict[str, list[Handler]] = defaultdict(list)


def subscribe(name: str, handler: Handler) -> None:
    if handler not in _handlers[name]:
        _handlers[name].append(handler)


def publish(name: str, **payload) -> None:
    for handler in list(_handlers[name]):
        handler(**payload)
