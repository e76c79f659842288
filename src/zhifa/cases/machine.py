"""A state machine as one table of transitions: from which states each action may be taken, where it
leads, who may take it. The case (cases.transitions) and the 法制审核 (review.transitions) each declare
theirs as a `Machine`; services guard and move through it, pages offer what it allows, charts draw it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import models

from zhifa.core import kit

START = "start"  # no subject yet: the action that creates one (a node of the flow charts only)


@dataclass(frozen=True)
class Transition:
    action: str  # the page's and the API's slug
    label: str
    perm: str
    sources: tuple[str, ...]
    target: str | None = None  # None: a step recorded without moving the subject
    variant: str = ""  # which of the action's rows (e.g. the kind of decision)
    condition: str = ""  # when this row applies, shown on the flow chart's edge
    rule: str = ""  # the time limit or condition of the step, shown on the flow chart
    refusal: str = ""  # what the refusal says cannot be done, when not the label
    procedures: tuple[str, ...] = ()  # the procedures whose flow chart draws it (cases)
    documents: tuple[str, ...] = ()  # the documents the step needs (issue 20)
    # who may take it in person (registry.choices.CaseRole): an officer-only role needs the actor to be
    # a certified officer; an auxiliary role may be taken by others assisting a named officer; "" no one
    role: str = ""
    # a further condition on the subject for offering the action (a button, an API hint); the
    # service checks the same condition with its reason
    when: Callable[[Any], bool] | None = None
    # the workflow's next step from its sources (the flow chart's main line): the page's main button
    main: bool = False
    # a refusal or withdrawal (不予立案, 驳回, 撤回): its button is outline-danger
    refuses: bool = False


@dataclass(frozen=True)
class Machine:
    statuses: type[models.TextChoices]
    table: tuple[Transition, ...]
    record_prefix: str  # records are "<prefix>.<action>"
    subject: str  # how a refusal names the subject: 案件, 法制审核
    start_label: str = ""
    # run by `require` once the status allows the action, with the rows open to the subject: refuses
    # when a row's further condition fails (the case's required documents, cases.documents.requirements)
    guard: Callable[[Any, list[Transition]], None] | None = None

    @cached_property
    def actions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.action for t in self.table))  # in the table's order

    def rows(self, action: str, *variants: str) -> list[Transition]:
        """The rows of `action` (only those of `variants` when given)."""
        found = [t for t in self.table if t.action == action and (not variants or t.variant in variants)]
        if not found:
            raise KeyError(action, variants)
        return found

    def first(self, action: str) -> Transition:
        return self.rows(action)[0]

    def sources(self, action: str, *variants: str) -> tuple[str, ...]:
        """The states from which `action` (of `variants`) may be taken, in the statuses' order."""
        allowed = {s for t in self.rows(action, *variants) for s in t.sources}
        return tuple(s for s in [START, *self.statuses.values] if s in allowed)

    def target(self, action: str, variant: str = "") -> str | None:
        (row,) = self.rows(action, variant)
        return row.target

    def allows(self, status: str, action: str, *variants: str) -> bool:
        return status in self.sources(action, *variants)

    def available(self, status: str, perms: set[str] | frozenset[str]) -> list[str]:
        """The actions a subject in `status` allows to someone holding `perms` (on that subject)."""
        return [a for a in self.actions if status in self.sources(a) and self.first(a).perm in perms]

    def offered(
        self, subject, perms: set[str] | frozenset[str], may: Callable[[Transition], bool] | None = None
    ) -> list[str]:
        """The actions to offer on `subject` to someone holding `perms`: those its status allows whose
        `when` (on any of the action's rows) holds and, when given, that the person `may` take."""
        return [
            action
            for action in self.available(subject.status, perms)
            if any(t.when is None or t.when(subject) for t in self.rows(action))
            and (may is None or may(self.first(action)))
        ]

    def open_rows(self, subject, action: str, *variants: str) -> list[Transition]:
        """The rows of `action` (of `variants`) the subject's status is a source of."""
        return [t for t in self.rows(action, *variants) if subject.status in t.sources]

    def main_action(self, subject, actions: Iterable[str]) -> str | None:
        """Of `actions` (those offered on `subject`), the workflow's next step: the first with a row
        marked `main` that is open to the subject's status, moves it elsewhere and whose `when` holds."""
        for action in actions:
            for t in self.open_rows(subject, action):
                if t.main and t.target not in (None, subject.status) and (t.when is None or t.when(subject)):
                    return action
        return None

    def buttons(self, subject, actions: Iterable[str]) -> list[tuple[str, str, str]]:
        """(action, label, button class) of each of `actions` offered on `subject` (docs/architecture.md
        §5 "Look and layout"): btn-primary for the one next step (`main_action`), btn-outline-danger for a
        refusal or withdrawal, btn-outline-secondary for the others."""
        actions = list(actions)
        main = self.main_action(subject, actions)
        return [
            (
                action,
                self.first(action).label,
                "btn btn-primary"
                if action == main
                else "btn btn-outline-danger"
                if self.first(action).refuses
                else "btn btn-outline-secondary",
            )
            for action in actions
        ]

    def button_classes(self, subject, actions: Iterable[str]) -> dict[str, str]:
        """action → its button's class (`buttons`), for a page whose actions are forms of their own."""
        return {action: button for action, _, button in self.buttons(subject, actions)}

    def require(self, subject, action: str, *variants: str) -> None:
        """Refuse (field "status") unless the subject's status allows `action` (of `variants`); then
        the machine's `guard` on the rows open to it (field "documents" for the case's documents)."""
        allowed = self.sources(action, *variants)
        if subject.status not in allowed:
            row = self.rows(action, *variants)[0]
            expected = "、".join(self.statuses(s).label for s in allowed)
            kit.refuse(
                "status",
                f"{self.subject}当前为“{subject.get_status_display()}”，"
                f"不能{row.refusal or row.label}（应为：{expected}）",
            )
        if self.guard is not None:
            self.guard(subject, self.open_rows(subject, action, *variants))

    def move(
        self,
        subject,
        action: str,
        *,
        actor: kit.Actor,
        variant: str = "",
        fields: tuple[str, ...] = (),
        payload: dict | None = None,
    ) -> None:
        """Move `subject` where `action` (of `variant`) leads, recorded as "<prefix>.<action>"."""
        target = self.target(action, variant)
        assert target is not None, f"{action} records a step without moving: use kit.record"
        kit.move(
            subject,
            target,
            actor=actor,
            action=f"{self.record_prefix}.{action.replace('-', '_')}",
            fields=fields,
            payload=payload,
        )

    def moves(self, procedure: str | None = None) -> list[tuple[str, str, Transition]]:
        """(from, to, row) of every move (of `procedure`) between states reached from START."""
        candidates = [
            (source, t.target, t)
            for t in self.table
            if t.target and (procedure is None or procedure in t.procedures)
            for source in t.sources
            if source != t.target
        ]
        reached, frontier = {START}, [START]
        while frontier:
            state = frontier.pop()
            for source, to, _ in candidates:
                if source == state and to not in reached:
                    reached.add(to)
                    frontier.append(to)
        return [(source, to, t) for source, to, t in candidates if source in reached]

    def edges(self, procedure: str | None = None) -> set[tuple[str, str]]:
        return {(source, to) for source, to, _ in self.moves(procedure)}

    def state_label(self, state: str) -> str:
        return self.start_label if state == START else self.statuses(state).label
