"""The top bar's unread count (base.html → notifications/_topbar.html)."""

from . import selectors


def unread_messages(request) -> dict:
    """Context processor: `message_centre` ({"unread": n}) for a signed-in user, one COUNT query per request; nothing
    for the public (the portal) or a user who must first change their password."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.must_change_password:
        return {}
    return {"message_centre": {"unread": selectors.unread_count(user)}}
