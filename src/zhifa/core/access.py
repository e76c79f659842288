"""Jurisdiction: the one place that decides who sees and changes what.

Every business model names the path to its agency in `jurisdiction_field` ("agency", or "pk" for
Agency itself). A user's roles give each permission a scope: AGENCY (their own agency) or REGION (every
agency in the subtree of their agency's region). Lists go through `visible_to`; detail views through
`get_visible_or_404`, so another agency's object is a 404, never a hint that it exists.

Vertical oversight (seed 002 (十三)): with a view permission an app declares with `read_down`, a user of a
city or province agency also sees the objects of its counterparts below (`Agency.objects.counterparts_below`:
the same 系统 in the regions under it). Only view permissions, so acting on them stays refused.

司法所 (seed 001 二: 设在乡镇（街道）的司法所协助县级司法行政部门依法开展行政执法监督工作): a user of a
司法所 keeps a region-wide role's view permissions over its township (the region it sits in) but acts
only on its own agency's objects (`township_reader`).
"""

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from typing_extensions import TypeIs

if TYPE_CHECKING:
    from zhifa.accounts.models import User

M = TypeVar("M", bound=models.Model)


class Scope(StrEnum):
    AGENCY = "agency"
    REGION = "region"


def is_system(actor: "User | None") -> TypeIs[None]:
    """actor=None is the system itself (commands, demo data); a superuser exists only to bootstrap.
    (Typed so that after `if not is_system(actor):` the checker knows `actor` is a user.)"""
    return actor is None or actor.is_superuser


def default_permission(model: type[models.Model], action: str = "view") -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def _agency_path(model: type[models.Model]) -> str:
    field = getattr(model, "jurisdiction_field", None)
    if field is None:
        raise ImproperlyConfigured(f"{model.__name__} must declare jurisdiction_field to be scoped")
    return field


# Visibility beyond jurisdiction, registered by the apps that give it: (model, view perms, rule), where
# rule(user) is the Q of the objects of `model` the user may also see with one of those perms.
_grants: list[tuple[type[models.Model], frozenset[str], Callable[[Any], Q]]] = []


def grant_view(model: type[models.Model], perms: Iterable[str], rule: Callable[[Any], Q]) -> None:
    """Let a user see, with any of `perms` (view permissions only: a grant never lets anyone act), the
    objects of `model` that `rule(user)` selects, whatever their agency. E.g. the reviewer a justice
    bureau assigns to another agency's case sees that case's evidence and documents."""
    _grants.append((model, frozenset(perms), rule))


# View permissions that reach down to an agency's counterparts below (vertical oversight): see read_down.
_read_down: set[str] = set()


def read_down(perms: Iterable[str]) -> None:
    """Let a user of a city or province agency see, with any of `perms`, the objects of the agencies of
    its 系统 in the regions below (市市场监管局 reads the cases of 各县区市场监管局). View permissions only:
    a superior department reads its counterparts' work, it never acts on it."""
    perms = set(perms)
    if acting := sorted(p for p in perms if not is_view_permission(p)):
        raise ImproperlyConfigured(f"read_down takes view permissions only, not {acting}")
    _read_down.update(perms)


def jurisdiction_q(user, model: type[models.Model], perm: str) -> Q | None:
    """The filter for objects of `model` that `user` may touch with `perm`; None means "nothing"."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    q = _jurisdiction_q(user, model, perm)
    for granted_model, perms, rule in _grants:
        if granted_model is model and perm in perms:
            q = rule(user) if q is None else q | rule(user)
    return q


def _jurisdiction_q(user, model: type[models.Model], perm: str) -> Q | None:
    if user.is_superuser:
        return Q()
    if user.agency_id is None or not user.has_perm(perm):
        return None
    field = _agency_path(model)
    q = Q(pk__in=[])
    scopes = user.jurisdiction_scopes(perm)
    if Scope.REGION in scopes and township_reader(user) and not is_view_permission(perm):
        scopes = (scopes - {Scope.REGION}) | {Scope.AGENCY}
    if Scope.REGION in scopes:
        in_region = Q(region__path__startswith=user.agency.region.path)
        if field == "pk":
            q |= in_region
        else:
            # the scope first: the region's agencies as a subquery, which the table's index on its agency
            # reads row by row (joining agency and region instead let SQLite read every row of the table,
            # other regions' too: the supervisor's 工作台 counted 100,000 cases of another city)
            agencies = type(user.agency)._default_manager.filter(in_region).values("pk")
            q |= Q(**{f"{field}__in": agencies})
    if Scope.AGENCY in scopes:
        q |= Q(**{("pk" if field == "pk" else field): user.agency_id})
    if perm in _read_down and Scope.REGION not in scopes:
        # One subquery on agency ids, so a list stays one query however many counterparts there are. A
        # region-wide scope already holds them (they are below the agency's region): OR-ing the subquery
        # onto it anyway made the database read every row of the table, other regions' too (the
        # supervisor's 工作台 took seconds from another region's cases, docs/performance.md).
        counterparts = type(user.agency).objects.counterparts_below(user.agency)
        if not counterparts.query.is_empty():
            q |= Q(**{f"{'pk' if field == 'pk' else field}__in": counterparts.values("pk")})
    return q


def is_view_permission(perm: str) -> bool:
    return perm.partition(".")[2].startswith("view_")


def township_reader(user) -> bool:
    """A 司法所's user: with a region-wide role they read the records of the agencies in their township
    (supervision assisted, not carried out) and change nothing but their own agency's."""
    from .choices import AgencyKind

    agency = getattr(user, "agency", None)
    return agency is not None and agency.kind == AgencyKind.JUSTICE_OFFICE


def visible_to(user, queryset: models.QuerySet, perm: str | None = None) -> models.QuerySet:
    """`queryset` narrowed to what `user` may see (or do with `perm`)."""
    q = jurisdiction_q(user, queryset.model, perm or default_permission(queryset.model))
    return queryset.none() if q is None else queryset.filter(q)


def get_visible_or_404(user, queryset: models.QuerySet[M], perm: str | None = None, **lookup) -> M:
    """One object the user may see; 404 when it does not exist or lies outside their jurisdiction."""
    try:
        return visible_to(user, queryset, perm).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该对象，或您无权查看") from exc


def require(user, perm: str, obj: models.Model) -> None:
    """Raise unless `user` may do `perm` to `obj`: 404 when the object is outside what the user can
    see at all, 403 when they can see it but not do this. The system actor (None) may."""
    if is_system(user):
        return
    same = type(obj)._default_manager.filter(pk=obj.pk)
    if visible_to(user, same, perm).exists():
        return
    if visible_to(user, same, default_permission(type(obj))).exists():
        raise PermissionDenied("您无权执行此操作")
    raise Http404("未找到该对象，或您无权查看")


def require_for_agency(actor, perm: str, agency, message: str = "您无权对该机关执行此操作") -> None:
    """Raise PermissionDenied(message) unless `actor` may do `perm` on objects of `agency` (checked
    before the object exists, e.g. before creating it or reading a file of them). The system may."""
    if is_system(actor):
        return
    if not visible_to(actor, type(agency)._default_manager.filter(pk=agency.pk), perm).exists():
        raise PermissionDenied(message)


def can(user, perm: str, obj: models.Model) -> bool:
    try:
        require(user, perm, obj)
    except (Http404, PermissionDenied):
        return False
    return True
