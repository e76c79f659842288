"""Writing the audit log: one function, `audit_event`, called by whatever did the thing."""

import ipaddress

from django.db import models, transaction
from django.utils import timezone

from zhifa.core.ratelimit import client_ip

from .chain import entry_digest
from .choices import AuditAction, AuditOutcome
from .middleware import current_request
from .models import AuditChain, AuditEntry


def audit_event(
    action: AuditAction,
    *,
    actor=None,
    request=None,
    obj: models.Model | None = None,
    outcome: AuditOutcome = AuditOutcome.SUCCESS,
    detail: str = "",
    username: str = "",
    object_repr: str | None = None,
    object_type: str = "",
    object_id: str = "",
) -> AuditEntry:
    """Append one entry. `actor` defaults to the request's user; `username` names the account a failed
    login tried, when there is no user. `obj` is named by type, id and a neutral name (`neutral_repr`,
    or `object_repr` where the caller knows a better one) — never its content. Without `obj` (an object
    already deleted), `object_type` and `object_id` name it.

    It runs in a transaction of its own when called outside one; inside one (a service's), the entry
    commits or rolls back with the change it describes."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    name = object_repr if object_repr is not None else neutral_repr(obj) if obj is not None else ""
    with transaction.atomic():
        AuditChain.objects.get_or_create(pk=1)
        chain = AuditChain.objects.select_for_update().get(pk=1)
        entry = AuditEntry(
            seq=chain.head_seq + 1,
            at=timezone.now(),
            actor_id=getattr(actor, "pk", None),
            actor_username=actor.get_username() if actor is not None else username[:150],
            actor_name=(getattr(actor, "real_name", "") or "")[:64] if actor is not None else "",
            # A service handed no request still runs inside one: its IP is the client's (audit.middleware).
            ip=_ip_of(request if request is not None else current_request()),
            action=action,
            object_type=obj._meta.label_lower if obj is not None else object_type[:64],
            object_id=str(obj.pk) if obj is not None else object_id[:64],
            object_repr=name[:200],
            outcome=outcome,
            detail=detail[:500],
            prev_hash=chain.head_hash,
        )
        entry.hash = entry_digest(entry)
        entry.save(force_insert=True)
        AuditChain.objects.filter(pk=1).update(head_seq=entry.seq, head_hash=entry.hash)
    return entry


def neutral_repr(obj: models.Model) -> str:
    """A name for `obj` that carries none of its content: str() of a case holds its summary, of an
    evidence item its file name, so every object but a user account is named by its kind and its
    number (案号, 文号 …) or id. A user is named by name and username, which is what an audit needs."""
    from django.contrib.auth.base_user import AbstractBaseUser

    if isinstance(obj, AbstractBaseUser):
        return str(obj)
    number = getattr(obj, "number", "")
    return f"{obj._meta.verbose_name} {number if isinstance(number, str) and number else obj.pk}"


def _ip_of(request) -> str | None:
    """The client's address; without a request handed in, that of the request being served, if any
    (a service called from a form that does not carry its request)."""
    if request is None:
        from .middleware import current_request

        request = current_request()
    if request is None:
        return None
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def audit_personal_data(request, obj: models.Model, what: str) -> AuditEntry:
    """查看个人信息: a page showed `obj`'s `what` (an ID number, a phone) in full, which only the roles
    that need it see (the others see it masked, core.privacy)."""
    return audit_event(AuditAction.PERSONAL_DATA_VIEW, request=request, obj=obj, detail=f"完整显示{what}")
