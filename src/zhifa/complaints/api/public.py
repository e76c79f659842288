"""/api/complaints/public/…: the portal's 投诉举报 for other front ends (a mini-program, the 政务服务 app), no
account. The same doors as the portal pages (views_public) and the same rules: filing goes through
`services.complaint_submit` (named or anonymous, attachments as base64 through the same upload checks and
limits), progress and rating by tracking code through `services.by_code` (only the code's SHA-256 is
looked up, never compared character by character) and `services.complaint_rate`.

Before the body is read (the `door` below runs as the operations' authentication, which django-ninja calls
before it parses anything) each request is counted against the portal's limits — the same counters as the
pages (`limits.over`: a client does not double its rate by using both) — and a body larger than the form's
(every file at its limit, as base64, plus 1 MiB) is a 413. A code that is malformed, wrong or unknown gets
one answer: 404 with the page's words, so codes cannot be probed. No cookie is read, so there is no CSRF
token to send."""

from datetime import date

from django.template.defaultfilters import filesizeformat
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from zhifa.supervision.attachments import uploads_of_api

from .. import limits, services
from ..choices import Channel
from ..choices import Status as ComplaintStatus
from ..views_public import NOT_FOUND
from .complaints import PortalComplaintIn, _region


class Limited(HttpError):
    """429 (with Retry-After) or 413, answered by zhifa.api's HttpError handler."""

    def __init__(self, status_code: int, message: str, retry_after: int | None = None):
        super().__init__(status_code, message)
        self.retry_after = retry_after


def _door(name: str):
    """The portal's limits, as the pages apply them: the size of a submission, then the rate per client."""
    submit = name == "submit"

    def door(request):
        if submit and limits.too_large(request, json=True):
            size = filesizeformat(limits.max_json_bytes())
            raise Limited(413, f"提交的内容超过{size}，请减少或压缩附件后重新提交")
        limit = limits.submits_per_minute() if submit else limits.lookups_per_minute()
        if limits.over(request, name, limit):
            raise Limited(429, f"每分钟最多提交 {limit} 次，请一分钟后再试", retry_after=60)
        if submit:
            limits.read_body(request)
        return "portal"

    return door


router = Router(tags=["投诉举报（门户网站）"])


class Detail(Schema):
    detail: str


class SubmittedOut(Schema):
    number: str
    agency_name: str
    reply_due: date
    code: str = Field(title="查询码（只返回这一次，请妥善保存）")


class CodeIn(Schema):
    code: str = Field("", title="查询码")


class RateIn(Schema):
    code: str = Field("", title="查询码")
    rating: str = Field("", title="评价")
    wish: str = Field("", title="不满意时的诉求")
    comment: str = Field("", title="评价意见")


class ProgressOut(Schema):
    """What the 查询进度 page shows, no more (no contact, no staff names)."""

    number: str
    title: str
    received_on: date
    agency_name: str
    status: str
    status_label: str
    reply_due: date
    reply: str
    replied_on: date | None
    rating: str
    rating_label: str
    wish: str
    wish_label: str
    conclusion: str
    can_rate: bool

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_reply(obj) -> str:
        return obj.reply if obj.replied_on else ""

    @staticmethod
    def resolve_rating_label(obj) -> str:
        return obj.get_rating_display() if obj.rating else ""

    @staticmethod
    def resolve_wish_label(obj) -> str:
        return obj.get_wish_display() if obj.wish else ""

    @staticmethod
    def resolve_can_rate(obj) -> bool:
        return obj.status == ComplaintStatus.REPLIED


def _not_found():
    return Status(404, {"detail": NOT_FOUND})


@router.post(
    "/public/complaints",
    auth=_door("submit"),
    response={201: SubmittedOut, 404: Detail, 413: Detail, 429: Detail},
    summary="提交投诉举报（门户网站，无需登录；返回只显示一次的查询码）",
)
def submit(request, data: PortalComplaintIn):
    complaint, code = services.complaint_submit(
        data=services.ComplaintInput(
            **data.dict(exclude={"files", "region_id"}),
            channel=Channel.PORTAL,
            region=_region(data.region_id),
            files=uploads_of_api(data.files),
        )
    )
    return Status(
        201,
        {"number": complaint.number, "agency_name": complaint.agency.name, "reply_due": complaint.reply_due,
         "code": code},
    )  # fmt: skip


@router.post(
    "/public/track",
    auth=_door("lookup"),
    response={200: ProgressOut, 404: Detail, 429: Detail},
    summary="凭查询码查询办理进度（无需登录）",
)
def track(request, data: CodeIn):
    complaint = services.by_code(data.code)
    return _not_found() if complaint is None else complaint


@router.post(
    "/public/rate",
    auth=_door("lookup"),
    response={200: ProgressOut, 404: Detail, 429: Detail},
    summary="凭查询码评价答复（满意、基本满意、不满意）",
)
def rate(request, data: RateIn):
    if services.by_code(data.code) is None:
        return _not_found()
    return services.complaint_rate(code=data.code, rating=data.rating, wish=data.wish, comment=data.comment)
