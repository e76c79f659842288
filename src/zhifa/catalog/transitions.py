"""The catalogue version's state machine, in one table: from which states each action may be taken,
where it leads and who may take it. The services' status guards, the version page's buttons and the
API read it, so "which states allow action X" is written here and nowhere else.

A version is edited while it is a draft or has been returned; submitting sends it to the county
reviewers (seed 003 二(一)2); it is published — takes effect on its date and appears on the portal —
only when every reviewer has approved it. A return sends it back with the reviewer's reasons.
"""

from dataclasses import dataclass

from zhifa.core import kit

from .choices import VersionStatus

MANAGE_CATALOG = "catalog.manage_catalog"
APPROVE_VERSION = "catalog.approve_version"

S = VersionStatus


@dataclass(frozen=True)
class Transition:
    action: str  # the page's and the API's slug; records are "catalog.<action>"
    label: str
    perm: str
    sources: tuple[str, ...]
    target: str | None = None  # None: the version stays where it is


TABLE: tuple[Transition, ...] = (
    Transition("edit", "修改清单", MANAGE_CATALOG, (S.DRAFT, S.RETURNED)),
    Transition("submit", "报送审核", MANAGE_CATALOG, (S.DRAFT, S.RETURNED), S.SUBMITTED),
    # one reviewer's approval while another list of the version still waits
    Transition("approve", "审核通过", APPROVE_VERSION, (S.SUBMITTED,)),
    Transition("publish", "审核通过并发布", APPROVE_VERSION, (S.SUBMITTED,), S.PUBLISHED),
    Transition("return", "退回修改", APPROVE_VERSION, (S.SUBMITTED,), S.RETURNED),
)


def row(action: str) -> Transition:
    return next(t for t in TABLE if t.action == action)


def target(action: str) -> str:
    """Where `action` leads (every catalogue action moves the version)."""
    leads_to = row(action).target
    assert leads_to is not None, action
    return leads_to


def allows(status: str, action: str) -> bool:
    return status in row(action).sources


def require(version, action: str) -> None:
    """Refuse (field "status") unless the version's status allows `action`."""
    transition = row(action)
    if version.status not in transition.sources:
        expected = "、".join(S(s).label for s in transition.sources)
        kit.refuse(
            "status",
            f"清单版本当前为“{version.get_status_display()}”，不能{transition.label}（应为：{expected}）",
        )
