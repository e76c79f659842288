"""`Region.paths_up`: the paths a `region__path__in` reads to find what lies over a region (the 司法局 over
an agency, the leading group over a region, a system's exchange collectors)."""

from zhifa.core.models import Region


def test_a_township_lists_its_own_path_and_every_region_above_root_first():
    township = Region(code="321202001", path="320000/321200/321202/321202001/")
    assert township.paths_up() == [
        "320000/",
        "320000/321200/",
        "320000/321200/321202/",
        "320000/321200/321202/321202001/",
    ]


def test_a_province_lists_itself_only():
    assert Region(code="320000", path="320000/").paths_up() == ["320000/"]
