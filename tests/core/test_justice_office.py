"""司法所 (seed 001 二): a township justice office reads the records of the agencies in its township for the
county bureau's supervision, and changes nothing but its own agency's (core.access.township_reader)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from tests.factories import AgencyFactory, RegionFactory
from zhifa.accounts.choices import RoleCode
from zhifa.core import access
from zhifa.core.choices import AgencyKind, RegionLevel
from zhifa.registry import services
from zhifa.registry.choices import BodyStatus, LegalStanding
from zhifa.registry.models import BodyChange, EnforcementBody


@pytest.fixture
def township(city, agencies, make_user):
    town = RegionFactory(code="970102001", name="东街道", level=RegionLevel.TOWNSHIP, parent=city["east"])
    office = AgencyFactory(
        name="东街道司法所", region=town, kind=AgencyKind.JUSTICE_OFFICE, parent=agencies["east_justice"]
    )
    government = AgencyFactory(name="东街道办事处", region=town, kind=AgencyKind.TOWNSHIP)
    bodies = {
        name: services.body_register(actor=None, agency=agency, standing=LegalStanding.STATUTORY)
        for name, agency in [("township", government), ("county", agencies["east_market"])]
    }
    user = make_user(office, RoleCode.SUPERVISOR, username="town_justice")
    return {"office": office, "government": government, "user": user, **bodies}


def test_a_justice_office_user_sees_its_townships_records_and_no_others(township):
    seen = access.visible_to(township["user"], EnforcementBody.objects.all())
    assert list(seen) == [township["township"]]


def test_a_justice_office_user_may_not_act_on_its_townships_records(township):
    user = township["user"]
    with pytest.raises(PermissionDenied):
        services.body_confirm(
            actor=user,
            body=township["township"],
            document="东政〔2026〕1号",
            on=date(2026, 3, 2),
            confirmed_by="东区人民政府",
        )
    with pytest.raises(Http404):
        services.body_confirm(
            actor=user,
            body=township["county"],
            document="东政〔2026〕1号",
            on=date(2026, 3, 2),
            confirmed_by="东区人民政府",
        )
    assert EnforcementBody.objects.filter(status=BodyStatus.CONFIRMED).count() == 0
    assert BodyChange.objects.filter(kind="confirm").count() == 0


def test_a_justice_office_user_acts_on_its_own_agency(township):
    user = township["user"]
    assert access.can(user, "registry.manage_body", township["office"])
    assert not access.can(user, "registry.manage_body", township["government"])
    assert access.can(user, "registry.view_enforcementbody", township["township"])


def test_a_county_supervisor_still_acts_over_the_township(township, agencies, make_user):
    county = make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="county_justice")
    assert access.can(county, "registry.manage_body", township["township"])


def test_the_pages_show_the_townships_body_read_only_and_hide_the_countys(township, client):
    client.force_login(township["user"])
    page = client.get(reverse("registry:body_detail", args=[township["township"].pk]))
    assert page.status_code == 200
    assert "东街道办事处" in page.content.decode()
    assert client.get(reverse("registry:body_detail", args=[township["county"].pk])).status_code == 404
    refused = client.post(
        reverse("registry:body_confirm", args=[township["township"].pk]),
        {
            "confirmation_document": "东政〔2026〕1号",
            "confirmed_on": "2026-03-02",
            "confirmed_by": "东区人民政府",
        },
    )
    assert refused.status_code == 403
    assert not EnforcementBody.objects.filter(status=BodyStatus.CONFIRMED).exists()


def test_the_api_refuses_a_write_on_the_townships_body(township, client):
    client.force_login(township["user"])
    body = township["township"]
    assert client.get(f"/api/registry/bodies/{body.pk}").status_code == 200
    assert client.get(f"/api/registry/bodies/{township['county'].pk}").status_code == 404
    refused = client.post(
        f"/api/registry/bodies/{body.pk}/confirm",
        {"document": "东政〔2026〕1号", "on": "2026-03-02", "confirmed_by": "东区人民政府"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert not EnforcementBody.objects.filter(status=BodyStatus.CONFIRMED).exists()
