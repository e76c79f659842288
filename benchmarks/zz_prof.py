import random
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhifa.core import workbench
from zhifa.registry.models import EnforcementField, Officer

from . import Row, benchmark
from .cases import _bulk_cases, _department
from .lists import DEPARTMENTS, CASES, FEW, INDEX_BASE, OFFICERS, _add_officers, _city, _supervisor


def _times(user):
    out = []
    for p in list(workbench._providers) + list(workbench._card_providers):
        with CaptureQueriesContext(connection) as cq:
            t = time.perf_counter()
            list(p(user))
            dt = time.perf_counter() - t
        slow = sorted(cq.captured_queries, key=lambda q: -float(q["time"]))[:1]
        out.append((f"{p.__module__}.{p.__name__}", dt * 1000, len(cq.captured_queries), slow[0]["sql"][:300] if slow else ""))
    return out


@benchmark("zzprof")
def prof(ctx):
    region = _city()
    field = EnforcementField.objects.get_or_create(code="market", defaults={"name": "市场监管"})[0]
    departments = [_department(region, INDEX_BASE + i, field) for i in range(DEPARTMENTS)]
    _bulk_cases(departments, ctx.n(CASES), field, random.Random(16))
    sup = _supervisor(region)
    agencies = [d["agency"] for d in departments]
    existing = Officer.objects.filter(agency__in=agencies).count()
    _add_officers(agencies, 0, FEW - existing)
    a = _times(sup)
    _add_officers(agencies, FEW, OFFICERS - existing)
    from zhifa.registry import summaries
    summaries.recount_all(today=__import__("django.utils.timezone").utils.timezone.localdate())
    from django.test import Client
    from django.test.utils import override_settings
    import cProfile, pstats, io
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        c = Client(); c.force_login(sup); c.get("/")
        with CaptureQueriesContext(connection) as cq:
            t = time.perf_counter(); c.get("/"); dt = time.perf_counter() - t
        print("PAGE", dt * 1000, len(cq.captured_queries))
        for q in sorted(cq.captured_queries, key=lambda q: -float(q["time"]))[:6]:
            print(q["time"], q["sql"][:400])
        pr = cProfile.Profile(); pr.enable(); c.get("/"); pr.disable()
        out = io.StringIO(); pstats.Stats(pr, stream=out).sort_stats("cumulative").print_stats(40); print(out.getvalue()[:8000])
    b = _times(sup)
    rows = []
    for (n, t1, q1, _), (_, t2, q2, sql) in zip(a, b):
        rows.append(Row(n, t2 / max(t1, 0.01), "x", f"{t1:.1f}ms/{q1}q -> {t2:.1f}ms/{q2}q {sql if t2 > 5 else ''}"))
    return rows
