"""1+X 协同: 移送按期率, 抄告按期率, 协助答复按期率 — each counted for the agency that owes the duty, on the
deadlines collaboration defines (collaboration/ontime.py, shared with its 评议考核 leaves)."""

from __future__ import annotations

from django.urls import reverse

from zhifa.collaboration.assistance.clocks import REPLY_WORKDAYS
from zhifa.collaboration.notices.clocks import NOTICE_WORKDAYS
from zhifa.collaboration.ontime import ASSISTANCE, NOTICES, TRANSFERS
from zhifa.collaboration.transfers.clocks import SEND_WORKDAYS, URGENT_HOURS

from ..ontime import OnTimeRate
from ._build import local_day, rate


def transfers() -> OnTimeRate:
    return rate(
        "collaboration.transfer",
        "移送按期率",
        TRANSFERS,
        url=lambda t: reverse("collaboration:transfer_detail", args=[t.pk]),  # type: ignore[attr-defined]
        definition=(
            f"移送期限（发现之日起{SEND_WORKDAYS}个工作日；协同机制 五(三)3）在统计期间内的案件和线索移送，"
            f"计入移送机关：在期限当日或之前经批准移送，且紧急移送在发现后{URGENT_HOURS}小时内移送的比例。"
            "移送前撤回的不计；期限未到且尚未移送的不计。"
        ),
        view_perm="collaboration.view_transfer",
        row_due=lambda t: t.due_on,  # type: ignore[attr-defined]
        row_done=lambda t: local_day(t.sent_at),  # type: ignore[attr-defined]
    )


def notices() -> OnTimeRate:
    return rate(
        "collaboration.notice",
        "抄告按期率",
        NOTICES,
        url=lambda n: reverse("collaboration:notice_detail", args=[n.pk]),  # type: ignore[attr-defined]
        definition=(
            f"抄告期限（决定之日起{NOTICE_WORKDAYS}个工作日，情况紧急的当日；协同机制 五(一)）在统计期间内的抄告，"
            "计入抄告机关：在期限当日或之前抄告的比例。期限未到且尚未抄告的不计。"
        ),
        view_perm="collaboration.view_notice",
        row_due=lambda n: n.due_on,  # type: ignore[attr-defined]
        row_done=lambda n: local_day(n.sent_at),  # type: ignore[attr-defined]
    )


def assistance() -> OnTimeRate:
    return rate(
        "collaboration.assistance",
        "协助答复按期率",
        ASSISTANCE,
        url=lambda r: reverse("collaboration:assistance_detail", args=[r.pk]),  # type: ignore[attr-defined]
        definition=(
            f"书面答复期限（收函之日起{REPLY_WORKDAYS}个工作日，查阅档案按设置，经延期的按延长后的日期；协同机制"
            " 五(二)）在统计期间内的协助请求，计入协助机关：在期限当日或之前书面答复的比例。不予协助的不计；"
            "期限未到且尚未答复的不计。"
        ),
        view_perm="collaboration.view_assistancerequest",
        row_due=lambda r: r.due_on,  # type: ignore[attr-defined]
        row_done=lambda r: r.answered_on,  # type: ignore[attr-defined]
    )
