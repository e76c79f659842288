"""1+X 协同 (zhifa.collaboration), the two rows issue 15 asks for.

collaboration.notices_deliver: 抄告 created and delivered per second — a business department's approval
entered through `notice_enter_approval` (checked, numbered, sent at once to the 综合行政执法部门 of the region,
its records and the 信息共享 register written) and acknowledged by the receiver through `notice_acknowledge`.
ZHIFA_BENCH_NOTICES notices (default 2,000 × ZHIFA_BENCH_SCALE; the issue's 100,000 by setting it).

collaboration.overdue_list: the overdue hand-off list — the 抄告 list page filtered to 逾期, rendered whole through
the Django test client, as the receiving agency's officer and as the region's supervisor — p95 over 20 requests
with ZHIFA_BENCH_HANDOFFS notices in the database (default 100,000 × scale, one in ten overdue; the issue's
1,000,000 by setting it), made by bulk inserts across 50 agencies.
"""

import os
import statistics
import time
from datetime import timedelta

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import Role, User
from zhifa.collaboration.models import Notice
from zhifa.collaboration.notices import services
from zhifa.collaboration.notices.choices import NoticeKind, NoticeStatus
from zhifa.core.models import Agency
from zhifa.core.validators import credit_code_with_check

from . import Context, Row, benchmark
from ._environment import signed_in

REQUESTS = 20
AGENCIES = 50
CHUNK = 20_000


def _user(agency: Agency, name: str, role: str) -> User:
    user = User.objects.create(username=name, real_name="基准", agency=agency)
    user.roles.set([Role.objects.get(code=role)])
    return User.objects.get(pk=user.pk)


def _agency(ctx: Context, name: str, n: int, kind: str = "department") -> Agency:
    return Agency.objects.create(
        name=name, kind=kind, region=ctx.agency.region, credit_code=credit_code_with_check(f"11990188{n:09d}")
    )


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)


@benchmark("collaboration.notices_deliver")
def notices_deliver(ctx: Context) -> list[Row]:
    n = int(os.environ.get("ZHIFA_BENCH_NOTICES", ctx.n(500)))
    department = _agency(ctx, "基准审批局", 1)
    urban = _agency(ctx, "基准综合行政执法局", 2, kind="comprehensive")
    clerk = _user(department, "bench_notice_clerk", RoleCode.OFFICER)
    receiver = _user(urban, "bench_notice_receiver", RoleCode.OFFICER)
    decided = timezone.localdate() - timedelta(days=1)
    started = time.perf_counter()
    notices = [
        services.notice_enter_approval(
            actor=clerk,
            agency=department,
            data=services.ApprovalInput(
                title="准予食品经营许可",
                party=f"基准商店{i}",
                decided_on=decided,
                number=f"基许〔2026〕{i + 1}号",
            ),
        )
        for i in range(n)
    ]
    entered = time.perf_counter() - started
    started = time.perf_counter()
    for notice in notices:
        services.notice_acknowledge(actor=receiver, notice=notice)
    acknowledged = time.perf_counter() - started
    return [
        Row("collaboration.notices_deliver", n / (entered + acknowledged), "notices/s",
            f"{n:,} created, sent and acknowledged: entered {n / entered:.0f}/s, acknowledged {n / acknowledged:.0f}/s"),
    ]  # fmt: skip


def _build(ctx: Context, n: int) -> list[Agency]:
    agencies = [_agency(ctx, f"基准协同局{i}", 100 + i) for i in range(AGENCIES)]
    today = timezone.localdate()
    for start in range(0, n, CHUNK):
        with transaction.atomic():
            Notice.objects.bulk_create(
                Notice(
                    kind=NoticeKind.APPROVAL,
                    sender=agencies[i % AGENCIES],
                    receiver=agencies[(i + 1) % AGENCIES],
                    title="准予食品经营许可",
                    party=f"基准商店{i}",
                    decided_on=today - timedelta(days=30 + i % 300),
                    # one in ten sent and not acknowledged past its 签收期限: overdue
                    status=NoticeStatus.SENT if i % 10 == 0 else NoticeStatus.ACKNOWLEDGED,
                    due_on=today - timedelta(days=16 + i % 300),
                    sent_at=timezone.now() - timedelta(days=20 + i % 300),
                    ack_due=today - timedelta(days=17 + i % 300),
                )
                for i in range(start, min(n, start + CHUNK))
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return agencies


@benchmark("collaboration.overdue_list")
def overdue_list(ctx: Context) -> list[Row]:
    n = int(os.environ.get("ZHIFA_BENCH_HANDOFFS", ctx.n(100_000)))
    started = time.perf_counter()
    agencies = _build(ctx, n)
    built = time.perf_counter() - started
    viewers = {
        "receiver": _user(agencies[1], "bench_handoff_officer", RoleCode.OFFICER),
        "supervisor": _user(ctx.agency, "bench_handoff_supervisor", RoleCode.SUPERVISOR),
    }
    rows = []
    for who, user in viewers.items():
        client = Client(SERVER_NAME="localhost")
        signed_in(client, user)
        client.get("/collaboration/notices/")  # warm up (templates, URL resolver): not what the list costs
        samples = []
        for i in range(REQUESTS):
            start = time.perf_counter()
            response = client.get("/collaboration/notices/", {"overdue": "1", "page": 1 + i % 3})
            samples.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
        rows.append(
            Row(f"collaboration.overdue_list[{who}]", _p95(samples) * 1000, "ms p95",
                f"the 抄告 list filtered to 逾期, whole page, {REQUESTS} requests; {n:,} notices, "
                f"{n // 10:,} overdue, over {AGENCIES} agencies (built in {built:.0f} s)"),
        )  # fmt: skip
    return rows
