"""No superuser in production (三员分立; docs/security.md): a system check error with DEBUG off."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from zhifa.accounts.checks import SUPERUSER_ERROR
from zhifa.accounts.models import User

pytestmark = pytest.mark.django_db


def errors():
    return [m.id for m in checks.run_checks() if m.level >= checks.ERROR]


def test_an_active_superuser_stops_the_start_in_production(settings, officer):
    settings.DEBUG = False
    User.objects.filter(pk=officer.pk).update(is_superuser=True)
    assert errors() == [SUPERUSER_ERROR]
    with pytest.raises(SystemCheckError, match="east_officer"):
        call_command("check")


def test_without_one_the_check_passes(settings, officer):
    settings.DEBUG = False
    assert errors() == []


def test_an_inactive_superuser_or_debug_passes(settings, officer):
    User.objects.filter(pk=officer.pk).update(is_superuser=True, is_active=False)
    settings.DEBUG = False
    assert errors() == []
    User.objects.filter(pk=officer.pk).update(is_active=True)
    settings.DEBUG = True
    assert errors() == []


def test_the_demo_has_no_superuser(demo_db, settings):
    settings.DEBUG = False
    assert not User.objects.filter(is_superuser=True).exists()
    assert errors() == []
