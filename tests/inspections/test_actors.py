"""Who inspects must be qualified (issue 20 item 1): starting and finishing an inspection are enforcement
acts, refused — naming the person and the certificate problem — unless the account is linked to an officer
certified on that day for the inspection's fields; the pages offer the buttons only to those who may.
The reproduction: a unit head with no certificate started and finished an unplanned inspection."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.inspections.conftest import TODAY, certified
from tests.inspections.test_api import api
from tests.inspections.test_inspecting import approved_report
from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record
from zhifa.inspections import services
from zhifa.inspections.choices import InspectionResult
from zhifa.inspections.models import Inspection
from zhifa.registry.choices import CertificateStatus

pytestmark = pytest.mark.django_db

START = "赵主任没有有效的行政执法证件（市场监管领域），不能开始检查"
FINISH = "赵主任没有有效的行政执法证件（市场监管领域），不能录入检查结果"


@pytest.fixture
def approver(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def head(agencies, make_user):
    """A unit head (who may inspect by role) with no officer record and no certificate."""
    return make_user(agencies["east_market"], RoleCode.UNIT_HEAD, real_name="赵主任", username="zhao")


@pytest.fixture
def report(agencies, catalogues, inspector_user, approver, subjects):
    return approved_report(inspector_user, approver, agencies["east_market"], subjects[0])


def refusal(service, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        service(**kwargs)
    return refused.value.message_dict


def test_an_uncertified_head_does_not_start_an_unplanned_inspection(client, agencies, head, report, subjects):
    records = Record.objects.count()
    assert refusal(
        services.inspection_start,
        actor=head,
        agency=agencies["east_market"],
        subject=subjects[0],
        prior_report=report,
        on=TODAY,
    ) == {"actor": [START]}
    response = api(head).post(
        "/api/inspections/inspections", {"prior_report_id": report.pk}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [(e["loc"][-1], e["msg"]) for e in response.json()["detail"]] == [("actor", START)]
    client.force_login(head)
    page = client.post(f"/inspections/reports/{report.pk}/start/", follow=True)
    assert START in page.content.decode()
    assert not Inspection.objects.exists() and Record.objects.count() == records
    # and the list offers them no 开始检查 button
    assert (
        f"/inspections/reports/{report.pk}/start/" not in client.get("/inspections/reports/").content.decode()
    )


def test_an_uncertified_head_does_not_finish_one(client, agencies, head, inspector_user, report, subjects):
    started = services.inspection_start(
        actor=inspector_user,
        agency=agencies["east_market"],
        subject=subjects[0],
        prior_report=report,
        on=TODAY,
    )
    records = Record.objects.count()
    finish = {"result": InspectionResult.NO_PROBLEM, "summary": "未见异常", "on": TODAY}
    assert refusal(services.inspection_finish, actor=head, inspection=started, **finish) == {
        "actor": [FINISH]
    }
    response = api(head).post(
        f"/api/inspections/inspections/{started.pk}/finish",
        {**finish, "on": "2026-03-02"},
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["detail"][0]["msg"] == FINISH
    client.force_login(head)
    page = client.get(f"/inspections/inspections/{started.pk}/").content.decode()
    assert f"{FINISH}。" in page and "保存结果" not in page
    posted = client.post(f"/inspections/inspections/{started.pk}/", {**finish, "on": "2026-03-02"})
    assert FINISH in posted.content.decode()
    started.refresh_from_db()
    assert started.result == "" and Record.objects.count() == records


def test_a_certified_officer_starts_and_finishes(agencies, inspector_user, report, subjects):
    started = services.inspection_start(
        actor=inspector_user,
        agency=agencies["east_market"],
        subject=subjects[0],
        prior_report=report,
        on=TODAY,
    )
    done = services.inspection_finish(
        actor=inspector_user, inspection=started, result=InspectionResult.NO_PROBLEM, summary="无", on=TODAY
    )
    assert done.started_by == inspector_user and done.result == InspectionResult.NO_PROBLEM


def test_a_drawn_task_needs_a_certificate_of_its_field(client, agencies, make_user, drawn):
    officer = certified(agencies["east_market"], "林小红")
    officer.certificates.update(status=CertificateStatus.SUSPENDED, number="JZ20250099")
    user = make_user(agencies["east_market"], RoleCode.OFFICER, username="lin")
    officer.user = user
    officer.save(update_fields=["user"])
    task = drawn.tasks.order_by("id").first()
    message = (
        "林小红的行政执法证件JZ20250099（市场监管领域）已被暂扣，2026年3月2日不能从事执法活动，不能开始检查"
    )
    assert refusal(
        services.inspection_start, actor=user, agency=agencies["east_market"], task=task, on=TODAY
    ) == {"actor": [message]}
    client.force_login(user)
    page = client.get(f"/inspections/tasks/{task.pk}/").content.decode()
    assert f"{message}。" in page and f"/inspections/tasks/{task.pk}/start/" not in page
    assert not Inspection.objects.exists()


def test_an_expired_certificate_on_the_day(agencies, make_user, drawn):
    officer = certified(agencies["east_market"], "吴强")
    officer.certificates.update(number="JZ20210001", issued_on=date(2021, 3, 1), expires_on=date(2026, 3, 1))
    user = make_user(agencies["east_market"], RoleCode.OFFICER, username="wu")
    officer.user = user
    officer.save(update_fields=["user"])
    task = drawn.tasks.order_by("id").first()
    assert refusal(
        services.inspection_start, actor=user, agency=agencies["east_market"], task=task, on=TODAY
    ) == {
        "actor": [
            "吴强的行政执法证件JZ20210001（市场监管领域）已于2026年3月1日过期，2026年3月2日无效，不能开始检查"
        ]
    }
