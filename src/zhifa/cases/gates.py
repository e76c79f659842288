"""Decision gates: checks that later modules add before a case may be decided. The legal-review module
registers "a major decision needs a passed 法制审核"; cases.services.case_decide runs every gate inside
its transaction, so neither the UI, the API nor any other caller can decide around it. Closing gates
(`register_closing`) are the same for 结案: collaboration registers 不得以罚代刑 (a case with an open
criminal referral is not closed with a fine alone); cases.services.case_close runs them."""

from collections.abc import Callable

Gate = Callable[..., None]  # gate(case, decision_input) raises ValidationError with the reason
_gates: list[Gate] = []


def register(gate: Gate) -> None:
    if gate not in _gates:
        _gates.append(gate)


def check(case, decision_input) -> None:
    for gate in _gates:
        gate(case, decision_input)


ClosingGate = Callable[..., None]  # gate(case) raises ValidationError with the reason
_closing: list[ClosingGate] = []


def register_closing(gate: ClosingGate) -> None:
    if gate not in _closing:
        _closing.append(gate)


def check_closing(case) -> None:
    for gate in _closing:
        gate(case)
