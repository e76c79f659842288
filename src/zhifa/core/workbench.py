"""工作台 — the home page's list of things waiting for the signed-in user.

Each app registers a provider: a function user -> iterable of PendingItem. Deadline clocks (review
limits, disclosure deadlines, certificate expiry…) appear here as the apps that own them land.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PendingItem:
    category: str
    title: str
    url: str
    due: date | None = None
    overdue: bool = False


Provider = Callable[[object], Iterable[PendingItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def pending_for(user) -> list[PendingItem]:
    items = [item for provider in _providers for item in provider(user)]
    return sorted(items, key=lambda i: (not i.overdue, i.due or date.max, i.title))
