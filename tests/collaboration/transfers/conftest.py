"""案件移送 fixtures: 东区市场监督管理局 (the cases tests' agency, its catalogue and case) sends; 东区综合行政执法局
(its own catalogue with the 市容 item ZHZF-CF-001) receives; a third agency of the county; the justice
bureau's supervisor; a case with one evidence file."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.cases.conftest import catalogue, handler_user, leader, link, new_case, officers  # noqa: F401
from tests.catalog.conftest import FOOD_BASIS, item_fields
from tests.factories import AgencyFactory, CertificateFactory, OfficerFactory, field, valid_id_number
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.cases.choices import EvidenceKind
from zhifa.cases.evidence import services as evidence
from zhifa.catalog import services as catalog
from zhifa.collaboration.models import BoundaryItem, Dispute, Transfer, TransferEvidence
from zhifa.collaboration.transfers import clocks, services
from zhifa.core.models import Record

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 6, 10, 0, tzinfo=TZ)  # Friday 10:00
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17


class TransferWrites(Writes):
    counted = (Transfer, TransferEvidence, Dispute, BoundaryItem)


@pytest.fixture(autouse=True)
def now(monkeypatch, settings, tmp_path):
    """The transfer clock's now (the working-day clock itself is real); evidence files under tmp."""
    settings.MEDIA_ROOT = tmp_path / "media"

    def set_to(moment: datetime) -> datetime:
        monkeypatch.setattr(clocks, "now", lambda: moment)
        return moment

    set_to(NOW)
    return set_to


@pytest.fixture
def urban(agencies, city):
    """东区综合行政执法局 with its published catalogue (ZHZF-CF-001 占道经营)."""
    agency = AgencyFactory(name="东区综合行政执法局", short_name="东综执", region=city["east"])
    draft = catalog.draft_open(actor=None, agency=agency)
    catalog.item_create(
        actor=None,
        draft=draft,
        code="ZHZF-CF-001",
        legal_bases=[FOOD_BASIS],
        **item_fields(name="擅自占用城市道路经营", field=field("urban")),
    )
    catalog.version_publish(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))
    return agency


@pytest.fixture
def receiver_user(urban, make_user):
    """梁超 of 东区综合行政执法局: a certified 城市管理 officer who answers transfers."""
    officer = OfficerFactory(agency=urban, name="梁超", fields=["urban"])
    CertificateFactory(officer=officer, fields=["urban"])
    return link(make_user(urban, RoleCode.OFFICER, username="urban_officer"), officer)


@pytest.fixture
def third_user(city, make_user):
    third = AgencyFactory(name="东区交通运输局", region=city["east"])
    return make_user(third, RoleCode.OFFICER, username="transport_officer")


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def west_supervisor(city, make_user):
    west = AgencyFactory(name="西县司法局", region=city["west"], kind="justice")
    return make_user(west, RoleCode.SUPERVISOR, username="west_supervisor")


@pytest.fixture
def photo(new_case, handler_user):  # noqa: F811 (the cases fixtures)
    data = evidence.UploadInput(name="现场.png", size=len(PNG), kind=EvidenceKind.PHOTO, step="on_site")
    return evidence.upload_file(actor=handler_user, case=new_case, data=data, chunks=[PNG])


def package(receiver, **overrides) -> services.TransferInput:
    data = {
        "receiver": receiver,
        "item_code": "ZHZF-CF-001",
        "summary": "擅自占用城市道路经营",
        "facts": "当事人在人民路人行道上摆摊经营",
        "source_material": "2026年3月5日现场检查记录一份",
        "reasons": "占道经营属城市管理执法事项，已划转综合行政执法部门",
        "party_kind": "person",
        "party_name": "王某",
        "party_id": valid_id_number(1),
        "discovered_at": datetime(2026, 3, 5, 9, 30, tzinfo=TZ),  # Thursday
        "place": "东区人民路",
        **overrides,
    }
    return services.TransferInput(**data)


def records_of(obj) -> list[str]:
    return list(
        Record.objects.filter(subject_type=obj._meta.label_lower, subject_id=str(obj.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
