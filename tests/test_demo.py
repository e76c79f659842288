"""`zhifa demo --no-serve` loads the demo data, is idempotent, and gives every role a usable login."""

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command

from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import User
from zhifa.core import records
from zhifa.core.models import Agency, Region
from zhifa.demo.accounts import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def every_count() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_a_second_run_adds_nothing_and_the_records_verify(demo_db, capsys):
    """The shared demo is the first run (from an empty database); a second run adds no row to any table.
    (It used to be run twice more from empty here and once more per app — the slowest part of the suite.)
    The second run happens on the day of the first: a run on a later day rightly adds that day's 期限提醒
    (CI once crossed midnight between the two)."""
    counts = every_count()
    with time_machine.travel(demo_db.loaded_at):
        call_command("demo", no_serve=True)
    assert {label: n for label, n in every_count().items() if n != counts[label]} == {}
    assert (counts["core.Region"], counts["core.Agency"]) == (5, 18)  # 17 agencies and 东湖街道司法所
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "auditadmin" in out
    assert "执法人员：42 人" in out  # 41 and 陈静, the reviewer (demo/equipment.py)
    assert (
        "执法事项清单：10 个部门发布 11 个版本（草稿 1 个，待审核 1 个，已退回 1 个）；赋权乡镇事项：2 项"
        in out
    )
    assert records.verify().ok


def test_every_role_has_a_demo_user_who_can_log_in(demo_db, client):
    for role in RoleCode:
        user = User.objects.filter(roles__code=role).first()
        assert user is not None, role
        response = client.post("/accounts/login/", {"username": user.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, role
        client.post("/accounts/logout/")


def test_demo_has_two_counties_with_a_township_and_justice_bureaus(demo_db):
    assert Region.objects.filter(level="county").count() == 2
    assert Region.objects.filter(level="township").count() == 2
    assert Agency.objects.filter(kind="justice").count() == 3
