"""Two parties to one hand-off (抄告, 协助): the sending agency's jurisdiction scopes the row (its people, and
the supervisors of its region), a view grant lets the receiving agency see it too, and each action belongs to
one side: another agency gets a 404, a supervisor or the other side a refusal with the reason."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from zhifa.core import access, kit
from zhifa.core.kit import Actor


def receiver_rule(field: str) -> Callable[[object], Q]:
    """The view grant's rule: the rows whose `field` is the user's agency."""

    def rule(user) -> Q:
        return Q(**{f"{field}_id": user.agency_id}) if user.agency_id else Q(pk__in=[])

    return rule


def require_side(
    actor: Actor, obj, *, view: str, perm: str, agency_id: int | None, who: str, act: str
) -> None:
    """404 when `actor` cannot see `obj`; 403 without `perm`; refused (field "actor") unless the actor's
    agency is the party (`agency_id`) whose action it is: "只有<who>能<act>"."""
    if access.is_system(actor):
        return
    access.require(actor, view, obj)
    if not actor.has_perm(perm):
        raise PermissionDenied("您无权执行此操作")
    if agency_id is None or actor.agency_id != agency_id:
        kit.refuse("actor", f"只有{who}能{act}")


def side_of(user, obj, sides: dict[str, str]) -> set[str]:
    """The sides ("sender", "receiver", …: attribute names ending in the agency's id) the user belongs to."""
    agency_id = getattr(user, "agency_id", None)
    return {side for side, field in sides.items() if agency_id and getattr(obj, f"{field}_id") == agency_id}
