"""The campaign's state machine: one table read by the services, the campaign page's buttons and the API."""

from zhifa.cases.machine import Machine, Transition

from .choices import CampaignStatus as S

MANAGE = "supervision.manage_campaign"
SCORE = "supervision.score_campaignfile"

MACHINE = Machine(
    statuses=S,
    table=(
        Transition("commit", "公布抽取承诺", MANAGE, (S.DRAFT,), S.COMMITTED, main=True),
        Transition("draw", "随机抽取案卷", MANAGE, (S.COMMITTED,), S.REVIEWING, main=True),
        Transition("assign", "分配评查人", MANAGE, (S.REVIEWING,)),
        Transition("conclude", "结束评查", MANAGE, (S.REVIEWING,), S.CONCLUDED, main=True),
        Transition("publish", "公布评查结果", MANAGE, (S.CONCLUDED,), S.PUBLISHED, main=True),
    ),
    record_prefix="campaign",
    subject="评查活动",
)
