"""A major case of 东区市场监督管理局 ready for 法制审核: its item is in the 重大执法决定法制审核目录
(fines from 50000 yuan, revocation and suspension are major), the body is confirmed, the case is
registered, investigated (on-site step with a photo), its 立案审批表 generated and submitted for 审核."""

from datetime import date
from decimal import Decimal

import pytest

from tests.cases.conftest import (  # noqa: F401
    ON,
    handler_user,
    intake,
    leader,
    new_case,
    officers,
    penalty,
    registered,
    simple_items,
)
from tests.cases.test_evidence import png_bytes, wav_bytes
from tests.catalog.conftest import FIRST_OFFENCE, FOOD_BASIS, LEVELS, item_fields
from tests.helpers import paperwork
from zhifa.accounts.choices import RoleCode
from zhifa.cases import documents, services
from zhifa.cases.evidence import services as evidence
from zhifa.catalog import services as catalog
from zhifa.registry.choices import BodyStatus, LegalStanding
from zhifa.registry.models import EnforcementBody
from zhifa.review import services as review_services

MAJOR_FLAGS = {
    "needs_legal_review": True,
    "major_fine_threshold": Decimal("50000"),
    "major_on_revocation": True,
    "major_on_suspension": True,
}


@pytest.fixture
def catalogue(agencies):
    """The cases catalogue, with the penalty item in the 法制审核目录."""
    draft = catalog.draft_open(actor=None, agency=agencies["east_market"])
    item = catalog.item_create(
        actor=None, draft=draft, code="SCJG-CF-001", legal_bases=[FOOD_BASIS], **item_fields(**MAJOR_FLAGS)
    )
    catalog.benchmark_set(
        actor=None,
        item=item,
        legal_basis=item.legal_bases.get(),
        levels=LEVELS,
        exemptions=[FIRST_OFFENCE],
        fact_label="货值金额（元）",
    )
    catalog.item_create(
        actor=None,
        draft=draft,
        code="SCJG-JC-009",
        legal_bases=[FOOD_BASIS],
        **item_fields(name="食品经营许可检查", category="inspection", av_steps=["on_site"]),
    )
    simple_items(draft)
    return catalog.version_publish(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))


@pytest.fixture
def body(agencies):
    return EnforcementBody.objects.create(
        agency=agencies["east_market"],
        name="东区市场监督管理局",
        standing=LegalStanding.STATUTORY,
        status=BodyStatus.CONFIRMED,
        confirmed_by="东区人民政府",
        confirmation_document="东政发〔2025〕1号",
        confirmed_on=date(2025, 6, 1),
    )


def upload(case, step="on_site", kind="photo"):
    content = png_bytes() if kind == "photo" else wav_bytes()
    data = evidence.UploadInput(
        name=f"{step}.{'png' if kind == 'photo' else 'wav'}",
        size=len(content),
        kind=kind,
        step=step,
        media_type="image/png" if kind == "photo" else "audio/wav",
    )
    return evidence.upload_file(actor=None, case=case, data=data, chunks=[content])


@pytest.fixture
def investigated(registered, handler_user, body):  # noqa: F811
    case = services.case_record_step(
        actor=handler_user, case=registered, step="on_site", note="现场检查，发现超标食品"
    )
    upload(case)
    documents.generate(actor=None, case=case, kind="register_approval")
    documents.generate(actor=None, case=case, kind="inspection_record")
    return services.case_submit_for_review(
        actor=handler_user, case=case, report="调查终结：事实清楚，证据确凿。"
    )


@pytest.fixture
def reviewer(agencies, make_user):
    return make_user(
        agencies["east_market"], RoleCode.LEGAL_REVIEWER, username="east_reviewer", real_name="陈静"
    )


@pytest.fixture
def head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


def proposal(fine="70000", **overrides):
    values = {
        "proposal": "拟对当事人处罚款70000元。",
        "fine": Decimal(fine) if fine is not None else None,
        "facts": {"fact_value": 3000},
        "suspected_crime": False,
        "crime_note": "货值金额未达刑事立案标准",
        **overrides,
    }
    return review_services.ProposalInput(**values)


PASS_REASON = "经核实，符合规定"  # the reason a point passes (needed where the pre-check shows ✗)


def all_pass(**problems):
    """A checklist with every point passed (with a reason), except `problems` (point → comment). The
    cases' dates lie in 2026-03, so the pre-check finds the decision period past: a pass needs a reason."""
    from zhifa.review.choices import CheckPoint

    return {
        p.value: {"ok": p.value not in problems, "comment": problems.get(p.value, PASS_REASON)}
        for p in CheckPoint
    }


@pytest.fixture
def submitted(investigated, handler_user, reviewer):  # noqa: F811
    return review_services.review_submit(actor=handler_user, case=investigated, data=proposal())


@pytest.fixture
def passed(submitted, reviewer):
    return review_services.review_give_opinion(actor=reviewer, review=submitted, checklist=all_pass())


def notify(case, actor, on=date(2026, 3, 10)):
    """Notified, with the 告知书 the decision needs."""
    case = services.case_notify(actor=actor, case=case, on=on, proposed="拟罚款70000元", hearing_rights=True)
    return paperwork(case, "decide", "penalty")
