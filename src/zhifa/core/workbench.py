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
    note: str = ""  # shown after the title, e.g. 统计截至 when the figure was counted ahead


Provider = Callable[[object], Iterable[PendingItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def pending_for(user) -> list[PendingItem]:
    items = [item for provider in _providers for item in provider(user)]
    return sorted(items, key=lambda i: (not i.overdue, i.due or date.max, i.title))


# ---- KPI cards: each role's key figures at the top of the 工作台 -------------------------------------


@dataclass(frozen=True)
class Figure:
    """One key figure: its label, the number (already formatted for people) and the list it counts."""

    label: str
    value: str
    url: str
    alert: bool = False  # drawn as a warning (overdue …) when the number is not zero
    icon: str = ""  # a Bootstrap Icons name; empty: one that fits the label (FIGURE_ICONS)

    @property
    def shown_icon(self) -> str:
        if self.icon:
            return self.icon
        return figure_icon(self.label)


def figure_icon(label: str) -> str:
    """The card icon for a figure's label (also the 驾驶舱's tiles): the first word of FIGURE_ICONS in it."""
    return next((icon for word, icon in FIGURE_ICONS if word in label), "bar-chart")


# The card icon of a figure that names none, by the first word its label contains.
FIGURE_ICONS = (
    ("逾期", "alarm"),
    ("到期", "hourglass-split"),
    ("罚款", "cash-coin"),
    ("处罚", "hammer"),
    ("立案", "folder-plus"),
    ("抽查", "shuffle"),
    ("持证", "person-badge"),
    ("培训", "mortarboard"),
    ("满意", "emoji-smile"),
    ("线索", "lightbulb"),
    ("审核", "shield-check"),
    ("监督", "binoculars"),
    ("投诉", "telephone"),
    ("举报", "telephone"),
    ("检查", "clipboard-check"),
    ("案件", "folder2-open"),
    ("待", "inbox"),
)


@dataclass(frozen=True)
class CardSet:
    """A provider's figures under one heading (e.g. 我的案件). Counted in the database, one grouped
    query per card set, so the 工作台 costs the same however large the organisation."""

    title: str
    figures: tuple[Figure, ...]
    order: int = 50


CardProvider = Callable[[object], Iterable[CardSet]]
_card_providers: list[CardProvider] = []


def register_cards(provider: CardProvider) -> None:
    if provider not in _card_providers:
        _card_providers.append(provider)


def cards_for(user) -> list[CardSet]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    sets = [card for provider in _card_providers for card in provider(user)]
    return sorted(sets, key=lambda c: (c.order, c.title))


def count(n: int | None) -> str:
    return f"{n or 0:,}"


def money(amount) -> str:
    """An amount in yuan for a card: 1,234,567.00元 (万元 past ten thousand)."""
    amount = amount or 0
    if amount >= 10000:
        return f"{amount / 10000:,.2f}万元"
    return f"{amount:,.2f}元"
