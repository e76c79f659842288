"""演示数据 of 典型案例 (idempotent): 刘洋 (dh_cbfz) of 东湖区市场监督管理局 proposes three closed cases;
周敏 (dh_jd) of 东湖区司法局 adopts and publishes two as 指导案例 on the portal and leaves one to select."""

from zhifa.accounts.models import User
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case
from zhifa.guidance import services
from zhifa.guidance.models import Exemplar

SIGNIFICANCE = (
    "本案明确了经营者对所售食品保质期的日常查验义务。执法机关在查明违法事实的基础上，结合当事人主动整改、"
    "初次违法等情节依法裁量，做到过罚相当，对同类案件的办理具有参考意义。"
)


def load(stdout) -> None:
    proposer = User.objects.get(username="dh_cbfz")
    bureau = User.objects.get(username="dh_jd")
    closed = (
        Case.objects.filter(agency=proposer.agency, status__in=(CaseStatus.CLOSED, CaseStatus.ARCHIVED))
        .exclude(decision=None)
        .select_related("decision")
        .order_by("id")[:3]
    )
    for index, case in enumerate(closed):
        if Exemplar.objects.filter(case=case).exists():
            continue
        exemplar = services.exemplar_propose(
            actor=proposer,
            case=case,
            data=services.WriteUp(
                title=f"{case.party_name}{case.summary}案"[:200],
                facts=case.facts or case.summary,
                outcome=case.decision.reasoning[:1000] or case.decision.get_kind_display(),
                significance=SIGNIFICANCE,
            ),
        )
        if index < 2:
            services.exemplar_adopt(actor=bureau, exemplar=exemplar)
            services.exemplar_publish(actor=bureau, exemplar=exemplar)
    published = Exemplar.objects.filter(status="published").count()
    stdout.write(f"典型案例：共{Exemplar.objects.count()}件，已发布指导案例{published}件\n")
