"""Vertical oversight (seed 002 (十三)): the city 市场监督管理局 reads its county counterparts' plans, draws,
tasks and inspections, and manages none of them; the county's subject directory stays the county's."""

import pytest

from tests.factories import AgencyFactory
from zhifa.accounts.choices import RoleCode
from zhifa.inspections.models import Draw, Inspection, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(city, make_user):
    city_market = AgencyFactory(name="测试市市场监督管理局", region=city["city"])
    return make_user(city_market, RoleCode.OFFICER, RoleCode.UNIT_HEAD, username="city_market")


def test_plans_tasks_and_inspections_are_read(client, reader, plan, inspection):
    client.force_login(reader)
    assert plan.title in client.get("/inspections/").content.decode()
    detail = client.get(f"/inspections/plans/{plan.pk}/").content.decode()
    assert plan.title in detail and f"/inspections/plans/{plan.pk}/commit/" not in detail
    assert client.get(f"/inspections/tasks/{inspection.task_id}/").status_code == 200
    assert client.get(f"/inspections/inspections/{inspection.pk}/").status_code == 200
    assert [row["id"] for row in client.get("/api/inspections/plans").json()["items"]] == [plan.pk]
    assert client.get(f"/api/inspections/inspections/{inspection.pk}").json()["summary"] == "未见异常"


def test_the_county_directory_stays_the_countys(client, reader, plan, subjects):
    client.force_login(reader)
    assert client.get(f"/inspections/subjects/{subjects[0].pk}/").status_code == 404
    assert client.get("/api/inspections/subjects").json()["count"] == 0


def test_a_plan_is_not_managed_from_above(client, reader, plan):
    client.force_login(reader)
    before = (Plan.objects.count(), Draw.objects.count(), Inspection.objects.count())
    assert client.post(f"/inspections/plans/{plan.pk}/commit/", {"seed_commitment": ""}).status_code == 403
    response = client.post(f"/api/inspections/plans/{plan.pk}/draws", "{}", content_type="application/json")
    assert response.status_code == 403
    assert (Plan.objects.count(), Draw.objects.count(), Inspection.objects.count()) == before
