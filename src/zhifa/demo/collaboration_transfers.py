"""Demo 案件移送 in 东湖区 (issue 15 item 3): the 职责边界 register (items transferred to 东湖区综合行政执法局),
transfers both ways between 东湖区市场监督管理局 and 东湖区综合行政执法局 — a lead accepted into the receiver's
own case, an urgent 24-hour one waiting for receipt, a case with its evidence waiting for the leader's
approval — and a refused one whose dispute 东湖区司法局 decided. Through the services, as the system actor
(the receiver's officer for its steps), so the rules and the record log run."""

from datetime import timedelta

from django.utils import timezone

MARKET = "东湖区市场监督管理局"
URBAN = "东湖区综合行政执法局"
BUREAU = "东湖区司法局"

BOUNDARIES = [
    ("STHJ-QZ-001", "东湖区生态环境局", "江府发〔2024〕6号"),
    ("ZHZF-CF-002", "东湖区市场监督管理局", "江府发〔2024〕6号"),
]


def load(stdout) -> None:
    from zhifa.accounts.models import User
    from zhifa.cases.choices import PartyKind
    from zhifa.cases.models import Case
    from zhifa.catalog.models import EnforcementItem
    from zhifa.collaboration.boundaries import services as boundaries
    from zhifa.collaboration.disputes import services as disputes
    from zhifa.collaboration.models import BoundaryItem, Transfer
    from zhifa.collaboration.transfers import services
    from zhifa.core.models import Agency
    from zhifa.core.validators import credit_code_with_check

    if Transfer.objects.filter(agency__name=MARKET).exists():
        return
    market, urban = Agency.objects.get(name=MARKET), Agency.objects.get(name=URBAN)
    region = urban.region
    today = timezone.localdate()
    for code, source, document in BOUNDARIES:
        name = EnforcementItem.objects.filter(code=code).values_list("name", flat=True).first()
        if name and not BoundaryItem.objects.filter(region=region, item_code=code).exists():
            boundaries.boundary_add(
                actor=None,
                data=boundaries.BoundaryInput(
                    region=region, item_code=code, item_name=name, from_agency=Agency.objects.get(name=source),
                    agency=urban, transferred_on=today.replace(month=1, day=1), document=document,
                ),
            )  # fmt: skip
    now = timezone.now()
    company = credit_code_with_check("91990102MA0000077")

    def package(receiver, code, summary, hours_ago, **extra):
        return services.TransferInput(
            receiver=receiver,
            item_code=code,
            summary=summary,
            facts=extra.pop(
                "facts", f"执法人员日常巡查时发现：{summary}，当事人现场未能提供相关许可或者证明材料。"
            ),
            source_material=extra.pop("source", "现场检查记录一份、现场照片两张"),
            reasons=extra.pop("reasons", "该违法行为属对方职责范围，依照职责边界移送"),
            party_kind=PartyKind.ORGANISATION,
            party_name=extra.pop("party", "东湖区老街小吃店"),
            party_id=company,
            place="东湖区人民路88号",
            discovered_at=now - timedelta(hours=hours_ago),
            **extra,
        )

    receiver = User.objects.filter(username="dh_d4_zf").first()  # 梁超 of 东湖区综合行政执法局
    # 1. 市场监管 → 综合执法: a lead (before 立案), accepted into the receiver's own case
    lead = services.transfer_create(
        actor=None, agency=market, data=package(urban, "ZHZF-CF-001", "店外占道经营", 30)
    )
    services.transfer_approve(actor=None, transfer=lead)
    services.transfer_acknowledge(actor=receiver, transfer=lead)
    services.transfer_accept(actor=None, transfer=lead)
    # 2. 综合执法 → 市场监管: urgent — the party was ordered to stop — within 24 hours, waiting for receipt
    urgent = services.transfer_create(
        actor=None,
        agency=urban,
        data=package(
            market, "SCJG-CF-003", "流动摊贩销售散装熟食未公示登记卡", 3, urgent=True,
            party="东湖区张记卤味摊", reasons="食品摊贩管理属市场监督管理部门职责",
        ),
    )  # fmt: skip
    services.transfer_approve(actor=None, transfer=urgent)
    # 3. 市场监管 → 综合执法: refused, then the dispute decided by 东湖区司法局 for the receiver
    disputed = services.transfer_create(
        actor=None,
        agency=market,
        data=package(urban, "ZHZF-CF-002", "临街商铺违规设置户外广告牌", 72, party="东湖区明亮眼镜店"),
    )
    services.transfer_approve(actor=None, transfer=disputed)
    services.transfer_acknowledge(actor=receiver, transfer=disputed)
    services.transfer_refuse(
        actor=receiver, transfer=disputed, reason="户外广告设置审批属市场监管部门，本局不予接收"
    )
    dispute = disputes.dispute_open(
        actor=None,
        transfer=disputed,
        forum="justice",
        reason="双方对户外广告违法设置的管辖存在争议，协商未果",
    )
    bureau_user = User.objects.filter(username="dh_jd").first()
    disputes.dispute_decide(
        actor=bureau_user, dispute=dispute, side="receiver",
        decision="依据职责边界登记，户外广告违法设置的行政处罚权已划转区综合行政执法局，由其管辖",
    )  # fmt: skip
    # 4. 市场监管: a case at any stage, with its evidence, waiting for the leader's approval
    case = (
        Case.objects.filter(agency=market, evidence__isnull=False, items__code="SCJG-CF-001")
        .order_by("id")
        .first()
    )
    if case is not None:
        services.transfer_create(
            actor=None,
            agency=market,
            data=services.TransferInput(
                receiver=urban,
                item_code="ZHZF-CF-001",
                summary=f"{case.summary}（兼有占道经营）",
                facts=case.facts or case.summary,
                source_material="本案现场检查记录及照片",
                reasons="当事人另有店外占道经营行为，属综合行政执法事项",
                party_kind=case.party_kind,
                party_name=case.party_name,
                party_id=case.party_id_number or case.party_credit_code,
                place=case.place,
                discovered_at=now - timedelta(hours=20),
                case=case,
                evidence_ids=tuple(case.evidence.values_list("pk", flat=True)[:3]),
            ),
        )
    stdout.write(f"  案件移送：{Transfer.objects.count()} 件，职责边界 {BoundaryItem.objects.count()} 项\n")
