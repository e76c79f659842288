"""The demo's 评议考核: 东湖区's year ranked and published, every agency of the county on it, each line
traceable (its computed figures drill down to records), the first commended, the last with a 限期整改 item."""

import pytest
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.core.choices import JUSTICE_KINDS
from zhifa.core.models import Agency
from zhifa.evaluation.models import Consequence, Node, Ranking, Result

pytestmark = pytest.mark.django_db


def test_the_demo_ranking(demo_db, client):
    ranking = Ranking.objects.get()
    scheme = ranking.scheme
    assert (scheme.region.name, scheme.year) == ("东湖区", timezone.localdate().year)
    county = Agency.objects.filter(region__path__startswith=scheme.region.path, active=True).exclude(
        kind__in=JUSTICE_KINDS
    )
    results = list(Result.objects.filter(ranking=ranking).order_by("rank"))
    assert {r.agency_id for r in results} == set(county.values_list("pk", flat=True))
    assert results[0].total >= results[-1].total
    kinds = list(Consequence.objects.order_by("pk").values_list("agency_id", "kind"))
    assert kinds == [(results[0].agency_id, "commend"), (results[-1].agency_id, "rectify")]
    assert Consequence.objects.get(kind="rectify").supervision_item is not None
    client.force_login(User.objects.get(username="dh_jd"))
    page = client.get(f"/evaluation/{scheme.pk}/ranking/")
    assert page.status_code == 200
    leaf = Node.objects.get(scheme=scheme, name="行政执法决定按时公示率")
    for result in results:
        assert f"/evaluation/{scheme.pk}/drill/{leaf.pk}/{result.agency_id}/" in page.content.decode()
