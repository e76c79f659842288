"""投诉举报 fixtures: 测试市 with 东区 and 西县; 东区市场监督管理局's published catalogue (SCJG-CF-001 …); its
officer (handles), 西县市场监督管理局's officer, 东区司法局's supervisor; the clock set to Friday 2026-03-06."""

from datetime import date

import pytest

from tests.cases.conftest import catalogue, certified, handler_user, officers  # noqa: F401
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.complaints import clocks, services
from zhifa.complaints.choices import Channel
from zhifa.complaints.models import Complaint, ComplaintFile
from zhifa.supervision.attachments import Upload

TODAY = date(2026, 3, 6)  # a Friday
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


class ComplaintWrites(Writes):
    counted = (Complaint, ComplaintFile)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    def set_to(day: date) -> date:
        monkeypatch.setattr(clocks, "today", lambda: day)
        return day

    set_to(TODAY)
    return set_to


@pytest.fixture
def clerk(agencies, make_user):
    """东区市场监督管理局's officer at the window: enters and handles what is routed to the bureau."""
    return make_user(agencies["east_market"], RoleCode.OFFICER, username="east_clerk", real_name="王芳")


@pytest.fixture
def west_clerk(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.OFFICER, username="west_clerk", real_name="赵磊")


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(
        agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor", real_name="周敏"
    )


def data(city, **overrides) -> services.ComplaintInput:
    values = {
        "channel": Channel.PORTAL,
        "title": "饭店后厨卫生差",
        "content": "就餐时看到后厨污水横流。",
        "subject_name": "东区味美餐饮有限公司",
        "region": city["east"],
        "name": "钱多多",
        "phone": "13800000001",
        "item_code": "SCJG-CF-001",
        **overrides,
    }
    return services.ComplaintInput(**values)


@pytest.fixture
def submitted(city, catalogue):  # noqa: F811
    """A named complaint from the portal, routed to 东区市场监督管理局: (complaint, tracking code)."""
    return services.complaint_submit(data=data(city))


def pdf(name="照片.pdf", content=PDF) -> Upload:
    return Upload(name=name, content=content)
