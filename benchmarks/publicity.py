"""行政执法公示 (zhifa.publicity) at volume.

Data (not timed): published decisions bulk-inserted with realistic masked text — 20,000 at scale 1; the
issue's 1,000,000 with ZHIFA_BENCH_PUBLICITY_ROWS=1000000 (or ZHIFA_BENCH_SCALE=50) — then one checkpoint
over all of them (leaf hashing and the tree build are reported in the notes).

publicity.search: the public search page's queries (count up to the 1,000 cap + first page, newest
first) for full-text terms of 2–6 characters, decision numbers, party and item filters and date ranges —
p95 ms. The generated vocabulary is small, so most terms match 1/8–1/16 of all entries (a worst case). SQLite uses the FTS5 trigram
table, PostgreSQL the pg_trgm GIN index (terms of 1–2 characters fall back to LIKE).
publicity.portal: requests per second of the public pages (home, search, entry, feed page) under gunicorn
with 2 workers × 2 threads, 8 client connections on the same 2 cores, conditional GET not used.
publicity.proof: inclusion proofs generated and verified per second on the tree of all entries.
"""

import http.client
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from django.db import connection
from django.utils import timezone

from zhifa.core.records import canonical_json
from zhifa.publicity import log, merkle, search, selectors
from zhifa.publicity.choices import DisclosureKind, DisclosureStatus, SubjectKind
from zhifa.publicity.models import Disclosure
from zhifa.publicity.views.public import CappedPaginator

from . import Context, Row, benchmark

ROWS = 20_000
SEARCHES = 60
PROOFS = 2_000
PORTAL_SECONDS = 10
CONNECTIONS = 8

TOWNS = [
    "东湖",
    "青山",
    "江州",
    "长安",
    "临江",
    "北辰",
    "南岭",
    "西城",
    "花园",
    "新港",
    "滨河",
    "望江",
    "石桥",
    "兴隆",
    "和平",
    "光明",
]
TRADES = [
    "餐饮",
    "超市",
    "药房",
    "建材",
    "物流",
    "汽修",
    "食品",
    "家居",
    "服装",
    "茶叶",
    "酒业",
    "电器",
    "百货",
    "农资",
    "印刷",
    "五金",
]
FORMS = ["有限公司", "商行", "经营部", "门市部", "股份有限公司"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗".replace("", " ").split()
ITEMS = [
    "销售不符合食品安全标准的食品",
    "未取得食品经营许可从事食品经营",
    "销售过期药品",
    "超限运输",
    "违法排放污染物",
    "未按规定设置安全警示标志",
    "擅自占用城市道路",
    "虚假宣传",
]
FACTS = [
    "经查，当事人于{d}在{t}经营场所{i}，货值金额{v}元，违法所得{g}元。",
    "执法人员现场检查发现当事人{i}，涉案物品{n}件，已责令立即改正。",
    "当事人{i}，经责令限期改正后逾期未改正，情节一般。",
]


def _p95(seconds: list[float]) -> float:
    return sorted(seconds)[max(0, round(0.95 * len(seconds)) - 1)]


def _row(rng: random.Random, agency, day: date, index: int) -> Disclosure:
    person = rng.random() < 0.3
    name = (
        rng.choice(SURNAMES) + "某某"
        if person
        else rng.choice(TOWNS) + rng.choice(TOWNS) + rng.choice(TRADES) + rng.choice(FORMS)
    )
    item = rng.choice(ITEMS)
    facts = rng.choice(FACTS).format(
        d=day.isoformat(),
        t=rng.choice(TOWNS),
        i=item,
        v=rng.randint(100, 90000),
        g=rng.randint(0, 5000),
        n=rng.randint(1, 200),
    )
    conclusion = f"罚款{rng.randint(1, 200) * 500}.00元"
    number = f"江市监罚〔{day.year}〕{index}号"
    d = Disclosure(
        agency=agency,
        kind=DisclosureKind.PENALTY,
        status=DisclosureStatus.PUBLISHED,
        number=number,
        subject_kind=SubjectKind.PERSON if person else SubjectKind.ORGANISATION,
        subject_name=name,
        items=item,
        conclusion=conclusion,
        summary=facts,
        decided_on=day,
        due_on=day,
        published_on=day,
        published_at=timezone.now(),
        expires_on=day + timedelta(days=1800),
        record_hash="0" * 64,
    )
    d.entry = canonical_json(
        {"id": index, "number": number, "subject": name, "summary": facts, "on": str(day)}
    )
    d.search_text = " ".join([agency.name, number, name, item, conclusion, facts])
    return d


def _data(ctx: Context) -> dict:
    if "publicity.data" in ctx.shared:
        return ctx.shared["publicity.data"]
    n = int(os.environ.get("ZHIFA_BENCH_PUBLICITY_ROWS", ctx.n(ROWS)))
    rng, start, first_day = random.Random(5), time.perf_counter(), date(2021, 1, 4)
    if connection.vendor == "postgresql":  # a bulk load builds the GIN index once, after the rows
        with connection.cursor() as cursor:
            cursor.execute(search.POSTGRES_TEARDOWN[0])
    batch = []
    for i in range(n):
        batch.append(_row(rng, ctx.agency, first_day + timedelta(days=i * 1800 // n), i + 1))
        if len(batch) == 5000:
            Disclosure.objects.bulk_create(batch)
            batch = []
    Disclosure.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(search.POSTGRES_SETUP[1])
            cursor.execute("ANALYZE")
    inserted = time.perf_counter() - start
    started = time.perf_counter()
    checkpoint = log.checkpoint_create(day=timezone.localdate())
    data = {
        "rows": n,
        "checkpoint": checkpoint,
        "build": f"{n:,} entries inserted and indexed in {inserted:.0f} s; checkpoint (hash + tree) "
        f"{time.perf_counter() - started:.1f} s",
    }
    ctx.shared["publicity.data"] = data
    return data


def _queries(rng: random.Random) -> list[dict]:
    out = []
    for _ in range(SEARCHES):
        kind = rng.randrange(6)
        if kind == 5:
            out.append({"q": f"{rng.randint(1, 99999)}号"})  # a decision number: selective
        elif kind == 0:
            out.append({"q": rng.choice(ITEMS)[rng.randrange(3) :][: rng.randint(3, 6)]})
        elif kind == 1:
            out.append({"q": rng.choice(TOWNS) + rng.choice(TRADES)})
        elif kind == 2:
            out.append({"party": rng.choice(TOWNS) + rng.choice(TOWNS)})
        elif kind == 3:
            out.append({"item": rng.choice(ITEMS)[:4], "from": "2023-01-01", "to": "2023-06-30"})
        else:
            out.append({"q": rng.choice(TRADES)})  # two characters: below the trigram index
    return out


@benchmark("publicity.search")
def publicity_search(ctx: Context) -> list[Row]:
    data = _data(ctx)
    timings, rng = [], random.Random(3)
    for params in _queries(rng):
        filters = selectors.SearchFilters.from_query(params)
        started = time.perf_counter()
        page = CappedPaginator(selectors.search_published(filters), 20).get_page(1)
        list(page)
        page.paginator.count  # noqa: B018 — the page shows the total
        timings.append(time.perf_counter() - started)
    plan = selectors.search_published(selectors.SearchFilters(q="〔2023〕4321号")).explain()
    index = "publicity_search" in plan or "publicity_search_trgm" in plan
    notes = f"{data['rows']:,} published; trigram index used: {index}; {SEARCHES} queries; median {sorted(timings)[len(timings) // 2] * 1000:.0f} ms"
    return [
        Row("publicity.search p95", _p95(timings) * 1000, "ms", notes),
        Row("publicity.data", data["rows"], "entries", data["build"]),
    ]


@benchmark("publicity.proof")
def publicity_proof(ctx: Context) -> list[Row]:
    data = _data(ctx)
    size = data["checkpoint"].size
    started = time.perf_counter()
    log._cache.clear()
    tree = log.tree(size)
    build = time.perf_counter() - started
    root, rng = tree.root(), random.Random(9)
    indexes = [rng.randrange(size) for _ in range(PROOFS)]
    started = time.perf_counter()
    proofs = [tree.inclusion_proof(i) for i in indexes]
    generate = time.perf_counter() - started
    leaves = tree.levels[0]
    started = time.perf_counter()
    ok = all(
        merkle.verify_inclusion(i, size, leaves[i], p, root) for i, p in zip(indexes, proofs, strict=True)
    )
    verify = time.perf_counter() - started
    notes = f"tree of {size:,} leaves loaded and built in {build:.2f} s; all verified: {ok}"
    return [
        Row("publicity.proof generate", PROOFS / generate, "proofs/s", notes),
        Row("publicity.proof verify", PROOFS / verify, "proofs/s", f"path length {len(proofs[0])}"),
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _load(port: int, paths: list[str], seconds: float) -> tuple[int, int]:
    done, errors, stop = [0], [0], time.perf_counter() + seconds
    lock = threading.Lock()

    def client(offset: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = offset
        while time.perf_counter() < stop:
            try:
                conn.request("GET", paths[i % len(paths)])
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, ValueError, http.client.HTTPException):
                conn.close()
                conn, ok = http.client.HTTPConnection("127.0.0.1", port, timeout=30), False
            with lock:
                done[0] += ok
                errors[0] += not ok
            i += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0], errors[0]


@benchmark("publicity.portal")
def publicity_portal(ctx: Context) -> list[Row]:
    data = _data(ctx)
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        return [Row("publicity.portal", 0, "req/s", "gunicorn not installed: pip install gunicorn")]
    connection.close()  # SQLite: let the server's processes open the file themselves
    port = _free_port()
    server = subprocess.Popen(
        [
            gunicorn,
            "-w",
            "2",
            "--threads",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "zhifa.wsgi:application",
        ],
        env={**os.environ, "ZHIFA_ALLOWED_HOSTS": "127.0.0.1"},
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        ids = list(selectors.published().order_by("-id").values_list("id", flat=True)[:200])
        paths = ["/gs/", "/gs/decisions/", "/gs/decisions/?q=" + quote("食品"), "/gs/feed.json"] + [
            f"/gs/decisions/{pk}/" for pk in ids[:50]
        ]
        _load(port, paths, 2)  # warm up
        done, errors = _load(port, paths, PORTAL_SECONDS)
    finally:
        server.terminate()
        server.wait(timeout=30)
    notes = f"gunicorn 2 workers × 2 threads, {CONNECTIONS} connections, {data['rows']:,} entries; errors {errors}"
    return [Row("publicity.portal", done / PORTAL_SECONDS, "req/s", notes)]
