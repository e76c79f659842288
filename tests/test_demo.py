"""`zhifa demo --no-serve` loads the demo data, is idempotent, and gives every role a usable login."""

import pytest
from django.core.management import call_command

from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import User
from zhifa.core import records
from zhifa.core.models import Agency, Record, Region
from zhifa.demo.accounts import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_complete(capsys):
    call_command("demo", no_serve=True)
    counts = (Region.objects.count(), Agency.objects.count(), User.objects.count(), Record.objects.count())
    call_command("demo", no_serve=True)
    assert (
        Region.objects.count(),
        Agency.objects.count(),
        User.objects.count(),
        Record.objects.count(),
    ) == counts
    assert counts[:2] == (5, 18)  # 17 agencies and 东湖街道司法所
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "auditadmin" in out
    assert records.verify().ok


def test_every_role_has_a_demo_user_who_can_log_in(demo_db, client):
    call_command("demo", no_serve=True)
    for role in RoleCode:
        user = User.objects.filter(roles__code=role).first()
        assert user is not None, role
        response = client.post("/accounts/login/", {"username": user.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, role
        client.post("/accounts/logout/")


def test_demo_has_two_counties_with_a_township_and_justice_bureaus(demo_db):
    call_command("demo", no_serve=True)
    assert Region.objects.filter(level="county").count() == 2
    assert Region.objects.filter(level="township").count() == 2
    assert Agency.objects.filter(kind="justice").count() == 3
