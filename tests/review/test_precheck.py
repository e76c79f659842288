"""The automatic pre-check: each defect it lists, caught on its own (one test per defect), beside the
point it belongs to; a clean case has none."""

from datetime import date

import pytest
from django.utils import timezone

from tests.review.conftest import notify, proposal, upload
from zhifa.cases import services as cases
from zhifa.cases.models import Case
from zhifa.catalog.models import EnforcementItem
from zhifa.registry.choices import BodyStatus, PersonKind
from zhifa.registry.models import Certificate, EnforcementBody, Officer
from zhifa.review import precheck, services
from zhifa.review.choices import CheckPoint
from zhifa.review.models import Review

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 12)  # inside the case's 90-day limit


def defects(review, today=TODAY) -> dict[str, list[str]]:
    found = {}
    for finding in precheck.defects(review, today=today):
        found.setdefault(finding.point, []).append(finding.text)
    return found


def test_a_clean_case_has_no_defects_and_links_to_its_evidence(submitted):
    assert defects(submitted) == {}
    findings = precheck.run(submitted, today=TODAY)
    assert list(findings) == CheckPoint.values
    assert ("证据", f"/cases/{submitted.case_id}/evidence/") in findings[CheckPoint.FACTS][0].links
    assert ("文书", f"/cases/{submitted.case_id}/documents/") in findings[CheckPoint.DOCUMENTS][0].links


def test_body_not_confirmed(submitted):
    EnforcementBody.objects.filter(agency=submitted.case.agency).update(status=BodyStatus.PENDING)
    assert defects(submitted) == {
        CheckPoint.BODY: ["东区市场监督管理局的执法主体资格待确认，未经本级人民政府确认"]
    }


def test_item_outside_the_case_catalogue_version(submitted, agencies):
    from tests.catalog.conftest import FOOD_BASIS, item_fields
    from zhifa.catalog import services as catalog

    draft = catalog.draft_open(actor=None, agency=agencies["west_market"])
    catalog.item_create(
        actor=None, draft=draft, code="XX-CF-001", legal_bases=[FOOD_BASIS], **item_fields(name="外单位事项")
    )
    submitted.case.items.add(EnforcementItem.objects.get(code="XX-CF-001"))
    assert defects(submitted)[CheckPoint.AUTHORITY] == ["事项不在本机关清单第1版内：外单位事项"]


def test_handler_without_a_valid_certificate_on_a_step_date(submitted, officers):
    Certificate.objects.filter(officer=officers[1]).update(expires_on=date(2026, 3, 5))
    on_site = timezone.localdate()  # the on-site step was recorded today
    days = "、".join(str(d) for d in sorted({TODAY, on_site}))
    assert defects(submitted) == {CheckPoint.QUALIFICATION: [f"李娜在{days}没有市场监管领域的有效执法证件"]}


def test_auxiliary_staff_as_handler(submitted, officers):
    Officer.objects.filter(pk=officers[0].pk).update(kind=PersonKind.AUXILIARY)
    assert defects(submitted)[CheckPoint.QUALIFICATION] == ["张伟是执法辅助人员，不得承办案件"]


def test_decision_clock_run_out(submitted):
    assert defects(submitted, today=date(2026, 6, 1)) == {
        CheckPoint.PROCEDURE: ["已超过作出决定的期限（2026-05-31）"]
    }


def test_hearing_requested_but_not_held(submitted):
    Case.objects.filter(pk=submitted.case_id).update(hearing_requested=True)
    submitted.case.refresh_from_db()
    assert defects(submitted) == {CheckPoint.PROCEDURE: ["当事人已申请听证，尚未组织听证"]}


def test_required_audio_video_missing(submitted):
    submitted.case.items.add(EnforcementItem.objects.get(code="SCJG-JC-009"))  # requires video on site
    assert defects(submitted) == {CheckPoint.PROCEDURE: ["现场检查（勘验）环节须音像记录，未上传录音或视频"]}
    upload(submitted.case, "on_site", "audio")
    assert defects(submitted) == {}


def test_fine_outside_the_benchmark_without_reason(investigated, handler_user, reviewer):
    review = services.review_submit(actor=handler_user, case=investigated, data=proposal("90000"))
    assert defects(review) == {
        CheckPoint.DISCRETION: [
            "拟罚款¥90,000.00不在裁量基准推荐范围（¥60,000.00—¥80,000.00）内，且未说明理由"
        ]
    }


def test_fine_outside_the_benchmark_with_reason_passes(investigated, handler_user, reviewer):
    data = proposal("90000", deviation_reason="一年内再犯，从重处罚")
    review = services.review_submit(actor=handler_user, case=investigated, data=data)
    assert defects(review) == {}


def test_document_missing(submitted, handler_user):
    case = cases.case_notify(  # a 事先告知书 is now due
        actor=handler_user, case=submitted.case, on=date(2026, 3, 10), proposed="拟罚款", hearing_rights=True
    )
    submitted = Review.objects.get(pk=submitted.pk)
    assert defects(submitted) == {CheckPoint.DOCUMENTS: ["缺少行政处罚事先告知书"]}
    from zhifa.cases import documents

    documents.generate(actor=None, case=case, kind="penalty_notice")
    assert defects(submitted) == {}


def test_suspected_crime_not_answered(investigated, handler_user, reviewer):
    review = services.review_submit(
        actor=handler_user, case=investigated, data=proposal(suspected_crime=None)
    )
    assert defects(review) == {CheckPoint.CRIME: ["送审材料未回答是否涉嫌犯罪"]}


def test_suspected_crime_answered_yes_is_flagged(investigated, handler_user, reviewer):
    data = proposal(suspected_crime=True, crime_note="货值金额达到立案追诉标准")
    review = services.review_submit(actor=handler_user, case=investigated, data=data)
    assert defects(review) == {
        CheckPoint.CRIME: ["承办机构认为涉嫌犯罪，应当依法移送司法机关：货值金额达到立案追诉标准"]
    }


def test_no_investigation_step_recorded(registered, handler_user, reviewer, body):
    from tests.review.conftest import upload
    from zhifa.cases import documents
    from zhifa.cases import services as cases

    upload(registered)
    documents.generate(actor=None, case=registered, kind="register_approval")
    case = cases.case_submit_for_review(actor=handler_user, case=registered, report="调查终结")
    review = services.review_submit(actor=handler_user, case=case, data=proposal())
    assert defects(review) == {CheckPoint.PROCEDURE: ["全过程记录中没有调查取证环节"]}


def test_hearing_requested_after_its_deadline(submitted, handler_user):
    from zhifa.cases import services as cases

    case = notify(submitted.case, handler_user)
    cases.case_request_hearing(actor=handler_user, case=case, on=date(2026, 3, 12))
    Case.objects.filter(pk=case.pk).update(
        hearing_deadline=date(2026, 3, 11), hearing_held_on=date(2026, 3, 13)
    )
    review = Review.objects.get(pk=submitted.pk)
    found = defects(review)
    assert found[CheckPoint.PROCEDURE] == ["听证申请日期2026-03-12晚于申请期限2026-03-11"]
