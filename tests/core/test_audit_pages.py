import pytest

from tests.tamper import tamper
from zhifa.accounts.choices import RoleCode
from zhifa.core import records

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.AUDIT_ADMIN)


def test_record_log_lists_the_auditors_region_only(client, agencies, auditor):
    records.append(subject=agencies["east_market"], action="east.step")
    records.append(subject=agencies["west_market"], action="west.step")
    client.force_login(auditor)
    body = client.get("/audit/records/").content.decode()
    assert "east.step" in body and "west.step" not in body


def test_verify_page_reports_intact_and_broken_chains(client, agencies, auditor):
    record = records.append(subject=agencies["east_market"], action="east.step")
    client.force_login(auditor)
    assert "完整" in client.post("/audit/records/verify/").content.decode()
    tamper("UPDATE core_record SET action = 'forged' WHERE id = %s", [record.pk])
    assert "被改动" in client.post("/audit/records/verify/").content.decode()


def test_business_users_cannot_open_the_audit_log(client, officer):
    client.force_login(officer)
    assert client.get("/audit/records/").status_code == 403
    assert client.post("/audit/records/verify/").status_code == 403


def test_workbench_shows_the_roles_and_an_empty_list(client, officer):
    client.force_login(officer)
    body = client.get("/").content.decode()
    assert "执法人员" in body and "暂无待办事项" in body
