"""Subscribers to sibling apps' events (wired in PublicityConfig.ready)."""

from . import services


def on_case_decided(*, case, decision, actor=None, **_):
    services.draft_for_decision(case=case, decision=decision, actor=actor)


def on_decision_challenged(*, case, challenge, actor=None, **_):
    services.schedule_withdrawal(case=case, challenge=challenge, actor=actor)


def on_inspection_result(*, source, agency, actor=None, **result):
    services.draft_for_inspection(source=source, agency=agency, actor=actor, **result)
