"""站内消息 pages: the list (全部/未读), 查看 (marks the message read and opens its page) and 全部标为已读."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhifa.core.pagination import paginate

from . import selectors, services

SHOWS = (("", "全部"), ("unread", "未读"))


@login_required
def message_list(request):
    show = request.GET.get("show", "")
    show = show if show in dict(SHOWS) else ""
    page = paginate(request, selectors.inbox(request.user, unread_only=show == "unread"))
    context = {"page": page, "shows": SHOWS, "filters": {"show": show}}
    return render(request, "notifications/messages.html", context)


@login_required
@require_POST
def message_open(request, pk: int):
    """查看: a POST (reading is a write), then the message's page."""
    message = services.message_read(actor=request.user, message=pk)
    return redirect(message.link)


@login_required
@require_POST
def message_read_all(request):
    count = services.messages_read_all(actor=request.user)
    flash.success(request, f"已将{count}条消息标为已读" if count else "没有未读消息")
    return redirect("notifications:message_list")
