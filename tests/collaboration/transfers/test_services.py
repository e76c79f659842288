"""案件移送 services: the package, competence, clocks (3 working days; 24 hours), approval, receipt with evidence
verification, acceptance into the receiver's own case, refusal, who may act, disputes, township referrals."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.collaboration.transfers.conftest import TZ, TransferWrites, package, records_of
from tests.factories import AgencyFactory
from zhifa.accounts.choices import RoleCode
from zhifa.cases.choices import CaseSource
from zhifa.cases.models import Case, Evidence
from zhifa.catalog.models import Delegation
from zhifa.collaboration.boundaries import selectors as boundaries
from zhifa.collaboration.boundaries import services as boundary_services
from zhifa.collaboration.disputes import services as disputes
from zhifa.collaboration.transfers import services
from zhifa.collaboration.transfers.choices import EvidenceCheck, TransferKind, TransferStatus
from zhifa.core.models import Record


def refused(call, field: str, message: str, **kwargs):
    writes = TransferWrites()
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    assert caught.value.message_dict == {field: [message]}
    assert writes.none
    return caught.value


@pytest.fixture
def sent(agencies, urban, handler_user, leader, new_case, photo):
    transfer = services.transfer_create(
        actor=handler_user,
        agency=agencies["east_market"],
        data=package(urban, case=new_case, evidence_ids=(photo.pk,)),
    )
    return services.transfer_approve(actor=leader, transfer=transfer)


class TestCreate:
    def test_a_lead_before_filing_with_its_package_and_clock(self, agencies, urban, handler_user):
        transfer = services.transfer_create(
            actor=handler_user, agency=agencies["east_market"], data=package(urban)
        )
        assert transfer.status == TransferStatus.PENDING
        assert transfer.kind == TransferKind.LEAD
        assert transfer.item_name == "擅自占用城市道路经营"
        # discovered Thursday 2026-03-05: 3 working days → Tuesday 03-10 (the weekend does not count)
        assert transfer.due_on == date(2026, 3, 10)
        assert transfer.due_at is None
        assert records_of(transfer) == ["transfer.create"]

    def test_urgent_runs_24_hours_on_the_clock(self, agencies, urban, handler_user):
        transfer = services.transfer_create(
            actor=handler_user, agency=agencies["east_market"], data=package(urban, urgent=True)
        )
        assert transfer.due_at == datetime(2026, 3, 6, 9, 30, tzinfo=TZ)

    @pytest.mark.parametrize(
        ("field", "message"),
        [
            ("facts", "移送材料不全：请填写基本违法事实"),
            ("source_material", "移送材料不全：请填写案源材料（现场检查记录、举报投诉材料等）"),
            ("party_name", "移送材料不全：请填写当事人"),
            ("reasons", "移送材料不全：请填写移送理由"),
            ("party_id", "移送材料不全：请填写当事人身份证号码或统一社会信用代码"),
        ],
    )
    def test_without_its_package_refused(self, agencies, urban, handler_user, field, message):
        refused(
            services.transfer_create,
            field,
            message,
            actor=handler_user,
            agency=agencies["east_market"],
            data=package(urban, **{field: "  "}),
        )

    def test_a_case_without_evidence_refused(self, agencies, urban, handler_user, new_case):
        refused(
            services.transfer_create,
            "evidence_ids",
            "移送材料不全：案件移送须附初步证明违法事实的证据",
            actor=handler_user,
            agency=agencies["east_market"],
            data=package(urban, case=new_case),
        )

    def test_evidence_of_another_case_refused(self, agencies, urban, handler_user, new_case, photo):
        other = Case.objects.create(
            **{
                f.name: getattr(new_case, f.name)
                for f in Case._meta.concrete_fields
                if f.name not in ("id", "number")
            }
        )
        refused(
            services.transfer_create,
            "evidence_ids",
            "所选证据不属于本案",
            actor=handler_user,
            agency=agencies["east_market"],
            data=package(urban, case=other, evidence_ids=(photo.pk,)),
        )

    def test_to_an_agency_not_competent_is_warned_and_needs_a_reason(
        self, agencies, city, handler_user, catalogue
    ):
        transport = AgencyFactory(name="东区交通运输局", region=city["east"])
        refused(
            services.transfer_create,
            "competence_reason",
            "东区交通运输局不是事项SCJG-CF-001的主管机关（职责边界及执法事项清单所列主管机关：东区市场监督管理局）；"
            "确需移送的，请写明理由",
            actor=handler_user,
            agency=agencies["east_market"],
            data=package(transport, item_code="SCJG-CF-001"),
        )
        made = services.transfer_create(
            actor=handler_user,
            agency=agencies["east_market"],
            data=package(transport, item_code="SCJG-CF-001", competence_reason="涉及道路运输经营"),
        )
        assert made.out_of_competence and made.competence_reason == "涉及道路运输经营"

    def test_the_register_wins_over_the_catalogue(self, agencies, urban, city, handler_user, catalogue):
        # SCJG-CF-001 is on 东区市场监督管理局's catalogue; registered as transferred to 综合行政执法局
        assert [a.name for a in boundaries.competent_agencies("SCJG-CF-001", city["east"])] == [
            "东区市场监督管理局"
        ]
        boundary_services.boundary_add(
            actor=None,
            data=boundary_services.BoundaryInput(
                region=city["east"],
                item_code="scjg-cf-001",
                item_name="销售不符合食品安全标准的食品",
                from_agency=agencies["east_market"],
                agency=urban,
                transferred_on=date(2026, 2, 1),
                document="东政发〔2026〕1号",
            ),
        )
        assert [a.name for a in boundaries.competent_agencies("SCJG-CF-001", city["east"])] == [
            "东区综合行政执法局"
        ]
        made = services.transfer_create(
            actor=handler_user, agency=agencies["east_market"], data=package(urban, item_code="SCJG-CF-001")
        )
        assert not made.out_of_competence

    def test_unknown_item_and_self_refused(self, agencies, urban, handler_user):
        refused(
            services.transfer_create, "item_code", "未找到事项ZZ-CF-999",
            actor=handler_user, agency=agencies["east_market"], data=package(urban, item_code="zz-cf-999"),
        )  # fmt: skip
        refused(
            services.transfer_create, "receiver", "不能移送给本机关",
            actor=handler_user, agency=agencies["east_market"], data=package(agencies["east_market"]),
        )  # fmt: skip

    def test_discovered_in_the_future_refused(self, agencies, urban, handler_user):
        refused(
            services.transfer_create, "discovered_at", "发现时间不能晚于当前时间",
            actor=handler_user, agency=agencies["east_market"],
            data=package(urban, discovered_at=datetime(2026, 3, 7, tzinfo=TZ)),
        )  # fmt: skip

    def test_in_the_name_of_another_agency_forbidden(self, agencies, urban, other_officer):
        with pytest.raises(PermissionDenied):
            services.transfer_create(actor=other_officer, agency=agencies["east_market"], data=package(urban))
        assert not services.Transfer.objects.exists()


class TestApproveAndSend:
    def test_the_leader_approves_numbers_and_sends(self, sent, new_case):
        assert sent.status == TransferStatus.SENT
        assert sent.number == "测0移〔2026〕1号" or sent.number.endswith("移〔2026〕1号")
        assert sent.answer_due == date(2026, 3, 13)  # Friday + 5 working days
        assert records_of(sent) == ["transfer.create", "transfer.approve"]
        assert records_of(new_case)[-1] == "case.transferred"

    def test_an_officer_cannot_approve(self, agencies, urban, handler_user):
        transfer = services.transfer_create(
            actor=handler_user, agency=agencies["east_market"], data=package(urban)
        )
        with pytest.raises(PermissionDenied):
            services.transfer_approve(actor=handler_user, transfer=transfer)
        transfer.refresh_from_db()
        assert transfer.status == TransferStatus.PENDING

    def test_late_is_recorded(self, agencies, urban, handler_user, leader, now):
        transfer = services.transfer_create(
            actor=handler_user, agency=agencies["east_market"], data=package(urban, urgent=True)
        )
        now(datetime(2026, 3, 6, 9, 31, tzinfo=TZ))  # 24 hours and a minute after discovery
        services.transfer_approve(actor=leader, transfer=transfer)
        last = Record.objects.filter(action="transfer.approve").get()
        assert '"late":true' in last.payload


class TestReceive:
    def test_acknowledge_verify_and_accept_into_the_receivers_own_case(
        self, sent, receiver_user, new_case, photo
    ):
        before = records_of(new_case)
        services.transfer_acknowledge(actor=receiver_user, transfer=sent)
        sent.refresh_from_db()
        assert sent.status == TransferStatus.RECEIVED and sent.evidence_ok is True
        assert sent.evidence.get().arrival == EvidenceCheck.MATCHED
        services.transfer_accept(actor=receiver_user, transfer=sent)
        sent.refresh_from_db()
        case = sent.receiver_case
        assert sent.status == TransferStatus.ACCEPTED
        assert case.agency == sent.receiver and case.source == CaseSource.TRANSFER
        assert case.party_name == "王某" and [i.code for i in case.items.all()] == ["ZHZF-CF-001"]
        adopted = Evidence.objects.get(case=case)
        assert adopted.sha256 == photo.sha256 and adopted.description == f"随{sent.number}移送"
        # the history before the transfer stays with the sender: its case is untouched and still its own
        assert records_of(new_case) == before and new_case.agency_id != case.agency_id
        receiver_chain = Record.objects.filter(action__in=["transfer.acknowledge", "transfer.accept"])
        assert {r.agency_id for r in receiver_chain} == {sent.receiver_id}

    def test_a_hash_mismatch_is_flagged_and_acceptance_refused(self, sent, receiver_user, photo, settings):
        from zhifa.cases.evidence import storage

        storage.blob_path(photo.sha256).chmod(0o644)
        storage.blob_path(photo.sha256).write_bytes(b"tampered")
        services.transfer_acknowledge(actor=receiver_user, transfer=sent)
        sent.refresh_from_db()
        assert sent.evidence_ok is False
        assert sent.evidence.get().arrival == EvidenceCheck.MISMATCHED
        assert '"mismatched":[{' in Record.objects.get(action="transfer.acknowledge").payload
        refused(services.transfer_accept, "evidence", "证据哈希值与移送时不符（现场.png），不能接收；请拒收并写明理由",
                actor=receiver_user, transfer=sent)  # fmt: skip
        assert not Case.objects.filter(source=CaseSource.TRANSFER).exists()

    def test_refusal_needs_a_reason(self, sent, receiver_user):
        services.transfer_acknowledge(actor=receiver_user, transfer=sent)
        refused(
            services.transfer_refuse,
            "reason",
            "请填写拒收理由",
            actor=receiver_user,
            transfer=sent,
            reason=" ",
        )
        services.transfer_refuse(actor=receiver_user, transfer=sent, reason="不属于本机关职责")
        sent.refresh_from_db()
        assert sent.status == TransferStatus.REFUSED and sent.refusal_reason == "不属于本机关职责"

    def test_accept_before_acknowledging_refused(self, sent, receiver_user):
        refused(services.transfer_accept, "status", "移送当前为“已移送待签收”，不能接收（应为：已签收待处理）",
                actor=receiver_user, transfer=sent)  # fmt: skip

    def test_a_third_agency_gets_404_the_sender_and_a_supervisor_403(
        self, sent, third_user, handler_user, supervisor
    ):
        with pytest.raises(Http404):
            services.transfer_acknowledge(actor=third_user, transfer=sent)
        for seeing in (handler_user, supervisor):
            with pytest.raises(PermissionDenied):
                services.transfer_acknowledge(actor=seeing, transfer=sent)
        sent.refresh_from_db()
        assert sent.status == TransferStatus.SENT


class TestDisputes:
    @pytest.fixture
    def refused_transfer(self, sent, receiver_user):
        services.transfer_acknowledge(actor=receiver_user, transfer=sent)
        return services.transfer_refuse(actor=receiver_user, transfer=sent, reason="不属于本机关职责")

    def test_decided_by_the_justice_bureau_for_the_receiver(self, refused_transfer, handler_user, supervisor):
        dispute = disputes.dispute_open(
            actor=handler_user, transfer=refused_transfer, forum="justice", reason="双方对管辖有争议"
        )
        disputes.dispute_decide(
            actor=supervisor, dispute=dispute, side="receiver", decision="由东区综合行政执法局管辖"
        )
        refused_transfer.refresh_from_db()
        dispute.refresh_from_db()
        assert refused_transfer.status == TransferStatus.ACCEPTED
        assert refused_transfer.receiver_case.agency_id == refused_transfer.receiver_id
        assert (
            dispute.decided_by_organ == "东区司法局"
            and dispute.decided_agency_id == refused_transfer.receiver_id
        )
        assert records_of(refused_transfer)[-2:] == ["transfer.dispute", "transfer.decide"]

    def test_bianban_needs_first_joint_handling_and_the_government_decides(
        self, refused_transfer, receiver_user, supervisor
    ):
        refused(disputes.dispute_open, "interim", "职责分工争议须先对违法行为予以协同处置，请填写先予协同处置情况",
                actor=receiver_user, transfer=refused_transfer, forum="bianban", reason="职责边界不清")  # fmt: skip
        dispute = disputes.dispute_open(
            actor=receiver_user, transfer=refused_transfer, forum="bianban", reason="职责边界不清",
            interim="双方已联合责令当事人停止经营",
        )  # fmt: skip
        refused(disputes.dispute_decide, "organ", "职责分工争议由县政府决定，请填写作出决定的机关",
                actor=supervisor, dispute=dispute, side="sender", decision="由市场监管部门管辖")  # fmt: skip
        disputes.dispute_decide(
            actor=supervisor,
            dispute=dispute,
            side="sender",
            decision="由市场监管部门管辖",
            organ="东区人民政府",
        )
        refused_transfer.refresh_from_db()
        assert refused_transfer.status == TransferStatus.RETURNED and refused_transfer.receiver_case is None

    def test_only_the_supervisor_decides(self, refused_transfer, handler_user, west_supervisor):
        dispute = disputes.dispute_open(
            actor=handler_user, transfer=refused_transfer, forum="justice", reason="争议"
        )
        with pytest.raises(PermissionDenied):
            disputes.dispute_decide(actor=handler_user, dispute=dispute, side="sender", decision="x")
        with pytest.raises(Http404):
            disputes.dispute_decide(actor=west_supervisor, dispute=dispute, side="sender", decision="x")


class TestTownship:
    @pytest.fixture
    def township(self, city, urban):
        from tests.factories import RegionFactory

        street = RegionFactory(code="970102001", name="东湖街道", level="township", parent=city["east"])
        return AgencyFactory(name="东湖街道办事处", region=street, kind="township")

    def test_a_finding_outside_its_delegated_powers_is_referred(self, township, urban, make_user):
        officer = make_user(township, RoleCode.OFFICER)
        made = services.transfer_create(actor=officer, agency=township, data=package(urban))
        assert made.kind == TransferKind.TOWNSHIP and not made.out_of_competence

    def test_an_item_it_holds_by_delegation_is_not_referred(self, township, urban, make_user):
        Delegation.objects.create(
            item_code="ZHZF-CF-001", item_name="擅自占用城市道路经营", from_agency=urban, to_agency=township,
            form="concentrated", document="东政发〔2026〕2号", on=date(2026, 1, 1), evaluation_due=date(2027, 1, 1),
        )  # fmt: skip
        officer = make_user(township, RoleCode.OFFICER)
        refused(services.transfer_create, "item_code", "事项ZHZF-CF-001已赋权本乡镇（街道），应由本乡镇（街道）依法处理，无需移送",
                actor=officer, agency=township, data=package(urban))  # fmt: skip
