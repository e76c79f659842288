"""The load test's driver (benchmarks/load.py with the users of benchmarks/_locustfile.py) at a tiny scale
against the live test server: every target is reached, logged in where it must be, and answers without error.
`make bench` runs the same driver against gunicorn on the demo for 30 s."""

import pytest
from benchmarks import load

from tests.cases.conftest import catalogue, handler_user, officers  # noqa: F401
from zhifa.accounts.services import api_token_create

PASSWORD = "Load#Test2026x"


@pytest.fixture
def setup(agencies, catalogue, handler_user, settings):  # noqa: F811
    settings.ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE = 1_000_000  # every simulated visitor is 127.0.0.1
    handler_user.set_password(PASSWORD)
    handler_user.save(update_fields=["password"])
    _, key = api_token_create(actor=handler_user, name="负载测试")
    agency = agencies["east_market"]
    complaint = {"kind": "complaint", "name": "钱多多", "phone": "13800000001", "region": agency.region_id,
                 "subject_name": "东区味美餐饮有限公司", "agency_hint": agency.name, "title": "后厨卫生差",
                 "content": "就餐时看到后厨污水横流。"}  # fmt: skip
    return {"username": handler_user.username, "password": PASSWORD, "token": key, "complaint": complaint}


def test_every_target_answers_without_error(live_server, setup, tmp_path):
    found = load.drive(live_server.url, setup, seconds=6, users=1, stats=tmp_path / "locust")
    by_name = {result.name: result for result in found}
    assert set(by_name) == set(load.TARGETS)
    assert load.failures(found) == []
    assert all(result.requests > 0 and result.errors == 0 for result in found)
