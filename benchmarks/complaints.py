"""投诉举报 (zhifa.complaints) on the portal.

complaints.portal_form: complaints filed per second through the public form (GET the form once per
connection for the CSRF token, then POST complete named complaints without attachments; each one is
checked, routed to the context's agency by name, numbered, given a tracking code and recorded) under
gunicorn with 2 workers × 2 threads and 4 client connections on the same 2 cores, for a bounded time
(ZHIFA_BENCH_COMPLAINT_SECONDS, default 10). The server runs with the per-client submission limit raised
(ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE) since every request comes from 127.0.0.1; errors (any status other
than 200 with a tracking code) are counted and reported."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection

from zhifa.complaints.models import Complaint

from . import Context, Row, benchmark

CONNECTIONS = 4
CODE = re.compile(rb'data-testid="tracking-code">([A-Z0-9]{16})<')
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _session(port: int) -> tuple[http.client.HTTPConnection, str, str]:
    # a worker's first request imports the project: on a busy machine that takes long
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=180)
    conn.request("GET", "/gs/complaints/")
    response = conn.getresponse()
    body = response.read()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = TOKEN.search(body).group(1).decode()
    return conn, cookie, token


def _load(port: int, form: dict, seconds: float) -> tuple[int, int, list[str]]:
    done, errors = [0], [0]
    lock = threading.Lock()
    ready = threading.Barrier(CONNECTIONS)
    clock: list[float] = []
    failures: list[str] = []

    def client(k: int):
        try:
            conn, cookie, token = _session(
                port
            )  # not timed: the form and its CSRF token (the server warms up)
        except Exception as exc:  # reported in the notes rather than lost in a thread
            failures.append(repr(exc)[:200])
            ready.abort()
            return
        try:
            first = ready.wait()
        except threading.BrokenBarrierError:
            return
        if first == 0:
            clock.append(time.perf_counter() + seconds)
        while not clock:
            time.sleep(0.001)
        stop = clock[0]
        body = urlencode({**form, "csrfmiddlewaretoken": token}).encode()
        headers = {
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": "http://127.0.0.1/",
        }
        while time.perf_counter() < stop:
            try:
                conn.request("POST", "/gs/complaints/", body=body, headers=headers)
                response = conn.getresponse()
                ok = response.status == 200 and CODE.search(response.read()) is not None
            except (OSError, ValueError, http.client.HTTPException):
                conn.close()
                conn, ok = http.client.HTTPConnection("127.0.0.1", port, timeout=30), False
            with lock:
                done[0] += ok
                errors[0] += not ok

    threads = [threading.Thread(target=client, args=(k,)) for k in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0], errors[0] + len(failures), failures[:1]


@benchmark("complaints.portal_form")
def complaints_portal_form(ctx: Context) -> list[Row]:
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        return [Row("complaints.portal_form", 0, "req/s", "gunicorn not installed: pip install gunicorn")]
    seconds = float(os.environ.get("ZHIFA_BENCH_COMPLAINT_SECONDS", "10"))
    agency = ctx.agency
    form = {"kind": "complaint", "name": "钱多多", "phone": "13800000001", "region": agency.region_id,
            "subject_name": "某某餐饮有限公司", "agency_hint": agency.name, "title": "后厨卫生差",
            "content": "就餐时看到后厨污水横流。" * 5}  # fmt: skip
    before = Complaint.objects.count()
    connection.close()  # SQLite: let the server's processes open the file themselves
    port = _free_port()
    env = {**os.environ, "ZHIFA_ALLOWED_HOSTS": "127.0.0.1", "ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE": "1000000"}
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
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        done, errors, failures = _load(port, form, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = Complaint.objects.count() - before
    notes = (f"gunicorn 2 workers × 2 threads, {CONNECTIONS} connections, {seconds:g} s; errors {errors}; "
             f"complaints stored {stored}{'; ' + failures[0] if failures else ''}")  # fmt: skip
    return [Row("complaints.portal_form", done / seconds, "req/s", notes)]
