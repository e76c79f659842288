"""The synthetic-province generator (benchmarks/province.py) at its tiny scale: the counts asked for and
record chains that verify."""

import pytest
from benchmarks.province import SCALES, generate

from zhifa.cases.models import Case
from zhifa.core import records
from zhifa.core.models import Agency, Record, Region
from zhifa.inspections.models import Subject
from zhifa.registry.models import Officer

pytestmark = pytest.mark.django_db


def test_tiny_province_has_the_counts_and_verifies():
    scale = SCALES["tiny"]
    before = Record.objects.count()
    generate(scale)
    province = Region.objects.get(code="990000")
    assert Region.objects.filter(path__startswith=province.path).count() == 1 + 2 + 4
    assert list(Region.objects.filter(parent=province).values_list("code", flat=True).order_by("code")) == [
        "990100",
        "990200",
    ]
    in_province = Agency.objects.filter(region__path__startswith=province.path)
    assert in_province.count() == scale.bodies
    assert Officer.objects.filter(agency__in=in_province).count() == scale.officers
    assert Case.objects.filter(agency__in=in_province).count() == scale.cases
    assert Subject.objects.filter(region__path__startswith=province.path).count() == scale.subjects
    assert Record.objects.count() - before >= scale.records
    result = records.verify()
    assert result.ok and result.checked == Record.objects.count()
