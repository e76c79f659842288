"""The other sections on exact data: officers' certificates and training, complaints and their ratings,
and 监督事项 — each counted in the period and the scope only."""

from datetime import date

from tests.factories import CertificateFactory, OfficerFactory, TrainingFactory
from tests.stats.dashboards.conftest import PERIOD
from zhifa.registry.choices import CertificateStatus
from zhifa.stats import drill, scope
from zhifa.stats.selectors import dashboard


def _board(user, **where):
    return dashboard.dashboard(scope.resolve(user, **where), PERIOD)


def test_certificates_and_training(agencies, east_supervisor):
    east = agencies["east_market"]
    certified_trained = OfficerFactory(agency=east, name="甲")
    CertificateFactory(officer=certified_trained)
    TrainingFactory(officer=certified_trained, hours=40, on=date(2026, 2, 1))
    TrainingFactory(officer=certified_trained, hours=20, on=date(2026, 6, 30))
    short = OfficerFactory(agency=east, name="乙")  # 59.5 hours in the period, 10 more after it
    CertificateFactory(officer=short, status=CertificateStatus.REVOKED, status_since=date(2026, 1, 5))
    TrainingFactory(officer=short, hours="59.5", on=date(2026, 1, 1))
    TrainingFactory(officer=short, hours=10, on=date(2026, 7, 1))
    OfficerFactory(agency=east, name="丙", status="left")  # not in post: not counted
    OfficerFactory(agency=agencies["west_market"], name="丁")  # another county
    board = _board(east_supervisor)
    assert [(line.key, line.n) for line in board.section("officers").lines] == [
        ("officers", 2),
        ("certified", 1),
        ("trained", 1),
    ]
    assert dict((label, value) for label, value, *_ in board.headline)["持证率"] == "50.0%"
    found = drill.drill(
        "officers", "untrained", east_supervisor and scope.resolve(east_supervisor).agencies, PERIOD
    )
    assert [o.name for o in found.rows] == ["乙"]
