"""The load test's users (run by `benchmarks/load.py` as `locust --headless -f` in its own process: locust
patches the standard library with gevent, which must not happen inside the benchmark runner).

Each simulated user takes one of the sessions of the demo's 执法人员 that load.py logged in before the run, and
then, without waiting, picks one
target at a time: the public portal, the complaint form (GET, and a valid POST that must show a tracking
code), the API (a token-authenticated list) and the staff pages (工作台, case list). Any status other than
the expected one, a staff page that lands on the login page, or a complaint without its tracking code is
an error. What to use comes from the environment that load.py sets (ZHIFA_LOAD_*)."""

import itertools
import json
import os
import re

from locust import HttpUser, constant, task

SETUP = json.loads(os.environ["ZHIFA_LOAD_SETUP"])
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CODE = re.compile(r'data-testid="tracking-code">[A-Z0-9]{16}<')
SEATS = itertools.count()


class Visitor(HttpUser):
    wait_time = constant(0)  # closed loop: the next request as soon as the last one answers

    def on_start(self):
        # a session logged in before the run (load.log_in): the password hash is not what is measured
        self.client.cookies.update(SETUP["sessions"][next(SEATS) % len(SETUP["sessions"])])

    def _staff(self, path: str, name: str):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200 or "/accounts/login/" in response.url:
                response.failure(f"{response.status_code} {response.url}")

    @task(2)
    def portal_home(self):
        self.client.get("/gs/", name="portal")

    @task(2)
    def portal_decisions(self):
        self.client.get("/gs/decisions/", name="portal")

    @task(2)
    def complaint_form(self):
        self.client.get("/gs/complaints/", name="complaint form GET")

    @task(1)
    def complaint_post(self):
        page = self.client.get("/gs/complaints/", name="complaint form GET")
        data = {**SETUP["complaint"], "csrfmiddlewaretoken": _token(page)}
        with self.client.post(
            "/gs/complaints/", data=data, name="complaint form POST", catch_response=True
        ) as response:
            if response.status_code != 200 or not CODE.search(response.text):
                response.failure(f"{response.status_code}: no tracking code")

    @task(2)
    def api_list(self):
        headers = {"Authorization": f"Bearer {SETUP['token']}"}
        with self.client.get(
            "/api/cases/", headers=headers, name="API GET /api/cases/", catch_response=True
        ) as r:
            if r.status_code != 200 or not isinstance(r.json().get("items"), list):
                r.failure(f"{r.status_code}")

    @task(2)
    def workbench(self):
        self._staff("/", "staff 工作台")

    @task(2)
    def case_list(self):
        self._staff("/cases/", "staff 案件列表")


def _token(response) -> str:
    found = TOKEN.search(response.text)
    return found.group(1) if found else ""
