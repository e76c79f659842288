"""The 执法档案's card of 法制审核 opinions the officer gave (through their login account), for
core.panels."""

from zhifa.core import access

from .models import Review, ReviewRound

LIMIT = 20


def opinions_given(officer, user) -> dict:
    if officer.user_id is None:
        return {"opinions": [], "opinion_count": 0, "opinion_limit": LIMIT}
    visible = access.visible_to(user, Review.objects.all())
    given = ReviewRound.objects.filter(reviewed_by_id=officer.user_id, review__in=visible)
    rows = given.select_related("review__case").order_by("-reviewed_at", "-id")[:LIMIT]
    return {"opinions": list(rows), "opinion_count": given.count(), "opinion_limit": LIMIT}
