"""部门协作配合 in 评议考核 (seed 004 七(四): 将部门协作配合落实的情况纳入法治政府考核): three computed leaves of
the evaluation app, each the share of one kind of hand-off an agency owed in the year that it did in time.

- 抄告按期率 — the 抄告 the agency had to send whose 抄告期限 fell in the year: sent on or before it;
- 协助请求按期答复率 — the 协助函 it received whose 答复期限 fell in the year, 不予协助 aside (a decline keeps
  no date of its own, as the dashboards' 协助答复按期率): answered on or before it;
- 移送按期处理率 — the transfers it received whose 接收处理期限 fell in the year: accepted or refused on or
  before it.

One still within its period and not yet done is not counted (as 投诉举报 and 公示): it is not late yet. Each is
built from its deadline in `ontime.py` — the same definition the dashboards' 抄告按期率 and 协助答复按期率 read
(移送按期率 there is the sender's duty, `TRANSFERS`; this leaf is the receiver's, `TRANSFER_ANSWERS`).
Registered from the collaboration app's wiring (it comes after evaluation in INSTALLED_APPS)."""

from django.urls import reverse
from django.utils import timezone

from zhifa.evaluation.indicators import Row, from_deadline, register

from .ontime import ASSISTANCE, NOTICES, TRANSFER_ANSWERS


def _notice_row(n) -> Row:
    sent = f"，{timezone.localdate(n.sent_at):%Y-%m-%d}抄告" if n.sent_at else "，未抄告"
    return Row(
        f"{n.title}（{n.party}，抄告期限{n.due_on:%Y-%m-%d}{sent}）",
        n.sent_at and timezone.localdate(n.sent_at),
        reverse("collaboration:notice_detail", args=[n.pk]),
    )


def _assistance_row(r) -> Row:
    answered = f"，{r.answered_on:%Y-%m-%d}答复" if r.answered_on else "，未答复"
    return Row(
        f"{r.subject}（{r.requester.name}请求，答复期限{r.due_on:%Y-%m-%d}{answered}）",
        r.answered_on,
        reverse("collaboration:assistance_detail", args=[r.pk]),
    )


def _transfer_row(t) -> Row:
    answered = (
        f"，{timezone.localdate(t.answered_at):%Y-%m-%d}{t.get_status_display()}"
        if t.answered_at
        else "，未处理"
    )
    return Row(
        f"{t.summary}（{t.party_name}，接收处理期限{t.answer_due:%Y-%m-%d}{answered}）",
        t.answered_at and timezone.localdate(t.answered_at),
        reverse("collaboration:transfer_detail", args=[t.pk]),
    )


def register_indicators() -> None:
    register(
        from_deadline(
            "collaboration.notices",
            "抄告按期率",
            "抄告期限在本年度的抄告（期限未到且未抄告的不计）中，在期限内抄告的比例",
            NOTICES,
            _notice_row,
            view_perm="collaboration.view_notice",
        )
    )
    register(
        from_deadline(
            "collaboration.assistance",
            "协助请求按期答复率",
            "答复期限在本年度的协助请求（不予协助的、期限未到且未答复的不计）中，在答复期限内书面答复的比例",
            ASSISTANCE,
            _assistance_row,
            view_perm="collaboration.view_assistancerequest",
        )
    )
    register(
        from_deadline(
            "collaboration.transfers",
            "移送按期处理率",
            "接收处理期限在本年度的移送案件（期限未到且未处理的不计）中，接收机关在期限内接收或拒收的比例",
            TRANSFER_ANSWERS,
            _transfer_row,
            view_perm="collaboration.view_transfer",
        )
    )
