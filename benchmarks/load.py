"""Load (issue 17, item 8): the demo instance under gunicorn on 127.0.0.1, driven by locust (headless, in its
own process; the users are in benchmarks/_locustfile.py) for a bounded time.

load.http: one row per target — the public portal (/gs/ pages), the complaint form (GET; a valid POST that
must show its tracking code), the API (GET /api/cases/ with a personal token) and the staff pages (工作台,
案件列表, as a logged-in 执法人员) — with requests per second, p95 and the error count. Any error fails the
benchmark (reported as failed, `make bench` exits 1): under load the product must answer every request.

The instance is the demo (`zhifa demo --no-serve`) in its own temporary directory on SQLite — the database
`make run` uses — whatever ZHIFA_BENCH_DATABASE_URL says; gunicorn runs 2 workers × 2 threads on the same 2
cores as the clients. Knobs: ZHIFA_BENCH_LOAD_SECONDS (default 30), ZHIFA_BENCH_LOAD_USERS (default 8). The
per-client complaint limit is raised for the server (ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE): every simulated
visitor comes from 127.0.0.1."""

import csv
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from . import BenchmarkFailed, Context, Row, benchmark

LOCUSTFILE = Path(__file__).with_name("_locustfile.py")
TARGETS = {  # row name → the locust request names it sums
    "load.portal": ["portal"],
    "load.complaint_form_get": ["complaint form GET"],
    "load.complaint_form_post": ["complaint form POST"],
    "load.api_list": ["API GET /api/cases/"],
    "load.staff_workbench": ["staff 工作台"],
    "load.staff_case_list": ["staff 案件列表"],
}
# what the locust users need from the demo, printed as JSON by `zhifa shell -c` inside the instance
SETUP_CODE = """
import json
from zhifa.accounts.models import User
from zhifa.accounts.services import api_token_create
from zhifa.core.models import Agency
from zhifa.demo.accounts import DEMO_PASSWORD, MAIN
user = User.objects.get(username="dh_zf1")
_, key = api_token_create(actor=user, name="负载测试")
agency = Agency.objects.get(name=MAIN)
complaint = {"kind": "complaint", "name": "钱多多", "phone": "13800000001", "region": agency.region_id,
             "subject_name": "某某餐饮有限公司", "agency_hint": agency.name, "title": "后厨卫生差",
             "content": "就餐时看到后厨污水横流。" * 5}
print(json.dumps({"username": user.username, "password": DEMO_PASSWORD, "token": key, "complaint": complaint}))
"""


@dataclass(frozen=True)
class Result:
    """One target's figures over the run."""

    name: str
    requests: int
    errors: int
    per_second: float
    p95_ms: float


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bin(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise RuntimeError(f"{name} not installed: pip install -e '.[test]'")
    return found


def instance_env(directory: Path) -> dict[str, str]:
    """The environment of a demo instance kept in `directory` (SQLite file, media, secret key)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhifa.settings",
        "ZHIFA_VAR_DIR": str(directory),
        "ZHIFA_DATABASE_URL": f"sqlite:///{directory / 'zhifa.sqlite3'}",
        "ZHIFA_MEDIA_DIR": str(directory / "media"),
        "ZHIFA_DEBUG": "0",
        "ZHIFA_ALLOWED_HOSTS": "127.0.0.1",
        "ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE": "1000000",
    }


def prepare(directory: Path) -> dict:
    """Load the demo into `directory` and return what the simulated users need (login, API token, form)."""
    env = instance_env(directory)
    zhifa = [sys.executable, "-m", "zhifa"]
    subprocess.run([*zhifa, "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run(
        [*zhifa, "shell", "-c", SETUP_CODE], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(directory: Path, setup: dict, *, seconds: float, users: int) -> list[Result]:
    """Serve the instance in `directory` with gunicorn and drive it with locust for `seconds`."""
    env = instance_env(directory)
    port = _free_port()
    server = subprocess.Popen(
        [_bin("gunicorn"), "-w", "2", "--threads", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "--timeout", "120", "--graceful-timeout", "5", "--preload", "zhifa.wsgi:application"],
        env=env,
    )  # fmt: skip
    try:
        _wait_for(port, server)
        for _ in range(4):  # each worker thread's first request pays its connection and template loading
            urllib.request.urlopen(f"http://127.0.0.1:{port}/gs/", timeout=300).read()
        return drive(
            f"http://127.0.0.1:{port}", setup, seconds=seconds, users=users, stats=directory / "locust"
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def log_in(host: str, setup: dict, users: int) -> list[dict[str, str]]:
    """One logged-in session (its cookies) per simulated user, made before the run: the login's password
    hash (PBKDF2, deliberately slow) would otherwise fill a short run. A refused login raises."""
    import requests  # locust's own dependency

    sessions = []
    for _ in range(users):
        client = requests.Session()
        page = client.get(f"{host}/accounts/login/", timeout=300)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        data = {
            "username": setup["username"],
            "password": setup["password"],
            "csrfmiddlewaretoken": token and token.group(1),
        }
        response = client.post(f"{host}/accounts/login/", data=data, allow_redirects=False, timeout=300)
        if response.status_code != 302 or "/accounts/login/" in response.headers.get("Location", ""):
            raise RuntimeError(f"login of {setup['username']} refused ({response.status_code})")
        sessions.append(client.cookies.get_dict())
    return sessions


def drive(host: str, setup: dict, *, seconds: float, users: int, stats: Path) -> list[Result]:
    """Run locust headless against `host` for `seconds` with `users` users (each with a session logged in
    beforehand); the figures of its CSV."""
    setup = {**setup, "sessions": log_in(host, setup, users)}
    subprocess.run(
        [_bin("locust"), "-f", str(LOCUSTFILE), "--headless", "--only-summary", "-u", str(users),
         "-r", str(users), "-t", f"{seconds:g}s", "--host", host, "--csv", str(stats),
         "--exit-code-on-error", "0", "--stop-timeout", "10"],
        env={**os.environ, "ZHIFA_LOAD_SETUP": json.dumps(setup)},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=seconds + 120,
    )  # fmt: skip
    return results(Path(f"{stats}_stats.csv"))


def _wait_for(port: int, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start listening")


def results(path: Path) -> list[Result]:
    """Per target: requests, failures, requests per second and the 95th percentile from
    locust's CSV, summed over the request names and methods it covers (the percentile: the largest)."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f) if row["Name"] != "Aggregated"]
    found = []
    for target, names in TARGETS.items():
        mine = [row for row in rows if row["Name"] in names]
        p95 = [float(row["95%"]) for row in mine if row["95%"] not in ("", "N/A")]
        found.append(
            Result(
                name=target,
                requests=sum(int(row["Request Count"]) for row in mine),
                errors=sum(int(row["Failure Count"]) for row in mine),
                per_second=sum(float(row["Requests/s"]) for row in mine),
                p95_ms=max(p95, default=float("nan")),
            )
        )
    return found


def rows_of(found: list[Result], *, seconds: float, users: int) -> list[Row]:
    rows = []
    for result in found:
        notes = (f"p95 {result.p95_ms:.0f} ms; errors {result.errors}; {result.requests} requests in {seconds:g} s; "
                 f"{users} locust users (logged in before), gunicorn 2 workers × 2 threads, demo on SQLite")  # fmt: skip
        rows.append(Row(result.name, result.per_second, "req/s", notes))
    return rows


def failures(found: list[Result]) -> list[str]:
    """The targets that saw an error or no request at all."""
    return [
        f"{r.name}: {r.errors} errors" if r.errors else f"{r.name}: no request"
        for r in found
        if r.errors or not r.requests
    ]


@benchmark("load.http")
def load_http(ctx: Context) -> list[Row]:
    seconds = float(os.environ.get("ZHIFA_BENCH_LOAD_SECONDS", "30"))
    users = int(os.environ.get("ZHIFA_BENCH_LOAD_USERS", "8"))
    with tempfile.TemporaryDirectory(prefix="zhifa-load-") as tmp:
        directory = Path(tmp)
        started = time.perf_counter()
        setup = prepare(directory)
        prepared = time.perf_counter() - started
        found = run(directory, setup, seconds=seconds, users=users)
    rows = [*rows_of(found, seconds=seconds, users=users),
            Row("load.demo_setup", prepared, "s", "the demo loaded into a fresh SQLite instance")]  # fmt: skip
    if failed := failures(found):
        raise BenchmarkFailed(rows, "; ".join(failed))
    return rows
