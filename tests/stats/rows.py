"""Rows that keep one deadline each, made directly (the rates read stored dates, not the services' paths):
`make(code, agency, due, done)` makes a row of the rate `code` of `agency`, due on `due`, done on `done`
(None: not done). A timestamp is set at 23:30 in Asia/Shanghai on that day, so a row done late on its due
day is on time only if the local day is what counts (15:30 UTC)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import count
from zoneinfo import ZoneInfo

from zhifa.cases.models import Case, Decision, Service
from zhifa.catalog.models import CatalogVersion
from zhifa.collaboration.models import AssistanceRequest, Notice, Transfer
from zhifa.complaints.models import Complaint
from zhifa.publicity.models import Disclosure
from zhifa.review.models import Review, ReviewRound
from zhifa.stats.rates.cases import service_due
from zhifa.supervision.models import Problem, ProblemList, RectificationTask, SupervisionItem

from ..factories import AgencyFactory, field

TZ = ZoneInfo("Asia/Shanghai")
_n = count(1)


def late_evening(day: date | None) -> datetime | None:
    return datetime.combine(day, time(23, 30), TZ) if day else None


def case(agency, **more) -> Case:
    version = CatalogVersion.objects.filter(agency=agency).first() or CatalogVersion.objects.create(
        agency=agency, number=1, status="published"
    )
    values = {"procedure": "ordinary", "status": "investigating", **more}
    return Case.objects.create(
        agency=agency,
        source="inspection",
        summary="测试案件",
        discovered_on=date(2025, 1, 2),
        place="测试地点",
        catalog_version=version,
        field=field(),
        party_kind="organisation",
        party_name="某公司",
        **values,
    )


def decision(agency, due, done):
    c = case(agency, registered_on=due - timedelta(days=90), decision_due=due)
    if done:
        Decision.objects.create(case=c, kind="penalty", reasoning="说理", decided_on=done)
    return c


def decided_for_service(due: date) -> date:
    """The latest decision day whose 7-working-day service period ends on `due`."""
    day = due
    while service_due(day) != due:
        day -= timedelta(days=1)
        assert day > due - timedelta(days=40), f"no decision day gives {due}"
    return day


def service(agency, due, done, *, kind="penalty", procedure="ordinary"):
    c = case(agency, procedure=procedure, status="decided")
    made = Decision.objects.create(case=c, kind=kind, reasoning="说理", decided_on=decided_for_service(due))
    if done:
        Service.objects.create(
            case=c,
            document="行政处罚决定书",
            served_on=done,
            method="direct",
            recipient="某公司",
            late=done > due,
        )
    return made


def disclosure(agency, due, done, **more):
    return Disclosure.objects.create(
        agency=agency,
        kind="penalty",
        subject_kind="organisation",
        subject_name="某公司",
        conclusion="罚款",
        decided_on=due - timedelta(days=9),
        due_on=due,
        published_on=done,
        **{"status": "published" if done else "draft", **more},
    )


def review_round(agency, due, done):
    review = Review.objects.create(case=case(agency), status="submitted", due_on=due)
    return ReviewRound.objects.create(
        review=review,
        number=1,
        fine=Decimal(1000),
        confiscation=Decimal(0),
        proposal="拟罚款",
        submitted_at=late_evening(due - timedelta(days=7)),
        due_on=due,
        reviewed_at=late_evening(done),
    )


def transfer(agency, due, done, **more):
    receiver = AgencyFactory(region=agency.region)
    return Transfer.objects.create(
        agency=agency,
        receiver=receiver,
        kind="case",
        item_code="T-001",
        item_name="测试事项",
        summary="测试移送",
        facts="事实",
        source_material="材料",
        reasons="理由",
        party_kind="organisation",
        party_name="某公司",
        discovered_at=late_evening(due - timedelta(days=5)),
        due_on=due,
        sent_at=late_evening(done),
        **{"status": "sent" if done else "pending", **more},
    )


def notice(agency, due, done):
    return Notice.objects.create(
        kind="penalty",
        sender=agency,
        title="测试抄告",
        party="某公司",
        decided_on=due - timedelta(days=14),
        status="sent" if done else "pending",
        due_on=due,
        sent_at=late_evening(done),
    )


def assistance(agency, due, done, **more):
    requester = AgencyFactory(region=agency.region)
    return AssistanceRequest.objects.create(
        kind="consult",
        requester=requester,
        helper=agency,
        subject="测试协助",
        questions="问题",
        sent_at=late_evening(due - timedelta(days=8)),
        received_on=due - timedelta(days=7),
        due_on=due,
        answered_on=done,
        **{"status": "answered" if done else "received", **more},
    )


def complaint(agency, due, done, **more):
    values = {
        "clock_from": min(due - timedelta(days=20), done or due),
        "status": "replied" if done else "handling",
        **more,
    }
    return Complaint.objects.create(
        channel="portal",
        name="投诉人",
        phone="13800000000",
        subject_name="某公司",
        title="测试投诉",
        content="内容",
        region=agency.region,
        agency=agency,
        received_on=due - timedelta(days=20),
        routed_on=due - timedelta(days=20),
        ack_due=due - timedelta(days=17),
        reply_due=due,
        replied_on=done,
        **values,
    )


def _bureau(agency):
    return AgencyFactory(region=agency.region, kind="justice")


def item(agency, due, done):
    return SupervisionItem.objects.create(
        bureau=_bureau(agency),
        agency=agency,
        kind="routine",
        target_kind="agency",
        title="测试监督事项",
        status="closed" if done else "awaiting",
        due_on=due,
        closed_at=late_evening(done),
    )


def task(agency, due, done):
    problem_list = ProblemList.objects.get_or_create(agency=agency, year=due.year)[0]
    problem = Problem.objects.create(
        problem_list=problem_list,
        agency=agency,
        category="repeated",
        title="测试问题",
        description="描述",
        source="self",
    )
    return RectificationTask.objects.create(
        problem=problem,
        agency=agency,
        measures="整改措施",
        due_on=due,
        status="closed" if done else "rectifying",
        closed_at=late_evening(done),
    )


MAKERS = {
    "cases.decision": decision,
    "cases.service": service,
    "publicity.disclosure": disclosure,
    "review.round": review_round,
    "collaboration.transfer": transfer,
    "collaboration.notice": notice,
    "collaboration.assistance": assistance,
    "complaints.reply": complaint,
    "supervision.item": item,
    "supervision.task": task,
}

# the page each row's drill-down link opens
PAGES = {
    "cases.decision": lambda row: f"/cases/{row.pk}/",
    "cases.service": lambda row: f"/cases/{row.case_id}/",
    "publicity.disclosure": lambda row: f"/publicity/{row.pk}/",
    "review.round": lambda row: f"/review/{row.review_id}/",
    "collaboration.transfer": lambda row: f"/collaboration/transfers/{row.pk}/",
    "collaboration.notice": lambda row: f"/collaboration/notices/{row.pk}/",
    "collaboration.assistance": lambda row: f"/collaboration/assistance/{row.pk}/",
    "complaints.reply": lambda row: f"/complaints/{row.pk}/",
    "supervision.item": lambda row: f"/supervision/actions/{row.pk}/",
    "supervision.task": lambda row: f"/supervision/problems/tasks/{row.pk}/",
}


def make(code, agency, due, done):
    return MAKERS[code](agency, due, done)
