"""{% supervisors_for case request.user as supervisors %}: the 指导执法人员 to choose from when the user is
not certified for the case's field (a 事务性 step done assisting; empty when they act on their own)."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def supervisors_for(case, user):
    return selectors.supervisors_for(user, case)
