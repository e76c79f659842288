"""Writing the audit log: one function, `audit_event`, called by whatever did the thing."""

import ipaddress

from django.db import models, transaction
from django.utils import timezone

from zhifa.core.ratelimit import client_ip

from .chain import entry_digest
from .choices import AuditAction, AuditOutcome
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
) -> AuditEntry:
    """Append one entry. `actor` defaults to the request's user; `username` names the account a failed
    login tried, when there is no user. `obj` is named by type, id and str() — never its content.

    It runs in a transaction of its own when called outside one; inside one (a service's), the entry
    commits or rolls back with the change it describes."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        AuditChain.objects.get_or_create(pk=1)
        chain = AuditChain.objects.select_for_update().get(pk=1)
        entry = AuditEntry(
            seq=chain.head_seq + 1,
            at=timezone.now(),
            actor_id=getattr(actor, "pk", None),
            actor_username=actor.get_username() if actor is not None else username[:150],
            actor_name=(getattr(actor, "real_name", "") or "")[:64] if actor is not None else "",
            ip=_ip_of(request),
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:200] if obj is not None else "",
            outcome=outcome,
            detail=detail[:500],
            prev_hash=chain.head_hash,
        )
        entry.hash = entry_digest(entry)
        entry.save(force_insert=True)
        AuditChain.objects.filter(pk=1).update(head_seq=entry.seq, head_hash=entry.hash)
    return entry


def _ip_of(request) -> str | None:
    if request is None:
        return None
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
