"""Demo 联合执法 of 东湖区: the leading group (office 东湖区综合行政执法局, leader 王建国 — dh_zz; the demo has no
区政府 agency, so the leader's account sits in 东湖区司法局), a 联络员 for each department; a 专项 joint action of
东湖区市场监督管理局 (applicant, 张伟) and 东湖区生态环境局 (胡斌), applied for ten days ago and approved by the
office (梁超), whose finding is split into a case of each department, and a second finding out of both
departments' competence called to 东湖区交通运输局, who has arrived on the scene; a 专项 application waiting
for the office; a 联席会议 held ten days ago with three decisions (one overdue, one done)."""

from datetime import timedelta
from unittest import mock

from zhifa.accounts import services as accounts
from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import User
from zhifa.cases.choices import PartyKind
from zhifa.collaboration.joint import clocks, services
from zhifa.collaboration.meetings import services as meetings
from zhifa.collaboration.meetings.choices import MeetingKind
from zhifa.collaboration.models import JointAction
from zhifa.collaboration.organisation import services as organisation
from zhifa.collaboration.organisation.choices import MemberRole
from zhifa.core.models import Agency, Region
from zhifa.registry.models import Officer

from .accounts import DEMO_PASSWORD

COUNTY = "东湖区"
LIAISONS = {
    "东湖区市场监督管理局": ("刘洋", "0579-87110201"),
    "东湖区生态环境局": ("胡斌", "0579-87110302"),
    "东湖区交通运输局": ("高峰", "0579-87110403"),
    "东湖区综合行政执法局": ("梁超", "0579-87110504"),
    "东湖区应急管理局": ("谢明", "0579-87110605"),
}


def load(stdout) -> None:
    if JointAction.objects.exists():
        return
    agency = {a.name: a for a in Agency.objects.filter(region__name=COUNTY)}
    office, market, ecology = (
        agency["东湖区综合行政执法局"],
        agency["东湖区市场监督管理局"],
        agency["东湖区生态环境局"],
    )
    transport = agency["东湖区交通运输局"]
    user = {
        u.username: u
        for u in User.objects.filter(username__in=["dh_zf1", "dh_d2_zf", "dh_d3_zf", "dh_d4_zf"])
    }
    leader = accounts.user_create(
        actor=None, username="dh_zz", real_name="王建国", agency=agency["东湖区司法局"], password=DEMO_PASSWORD,
        roles=[RoleCode.AGENCY_HEAD],
    )  # fmt: skip
    region = Region.objects.get(name=COUNTY)
    M = organisation.MemberInput
    organisation.group_save(
        actor=None, region=region, office=office, leader=leader, note="领导小组办公室设在区综合行政执法局",
        members=[
            M(MemberRole.LEADER, "王建国", "区政府副区长"),
            M(MemberRole.DEPUTY, "周敏", "区司法局副局长", agency["东湖区司法局"]),
            M(MemberRole.DEPUTY, "赵明", "区综合行政执法局局长", office),
            M(MemberRole.MEMBER, "杨帆", "区市场监督管理局局长", market),
            M(MemberRole.MEMBER, "钱进", "区生态环境局局长", ecology),
        ],
    )  # fmt: skip
    for name, (person, phone) in LIAISONS.items():
        organisation.liaison_set(actor=None, agency=agency[name], name=person, phone=phone)

    today = clocks.today()
    zhang, hu = (Officer.objects.get(user__username=u) for u in ("dh_zf1", "dh_d2_zf"))
    past = today - timedelta(days=10)
    with mock.patch.object(clocks, "today", lambda: past):
        action = services.action_apply(
            actor=user["dh_zf1"], lead=market,
            data=services.ActionInput(
                title="城乡结合部无证食品加工小作坊专项整治", place="东湖街道城乡结合部",
                starts_on=past + timedelta(days=5), ends_on=today + timedelta(days=5),
                agencies=[ecology], officers=[zhang, hu],
                tasks=["市场监管局：检查食品生产加工资质和卫生条件", "生态环境局：检查污水排放和油烟处理"],
                plan="两部门集中行动，分片排查，发现问题当场取证，事后按职责分别立案查处。",
                reason="单一部门难以制止的无证加工、污水直排问题反复出现",
            ),
        )  # fmt: skip
        services.action_approve(
            actor=user["dh_d4_zf"], action=action, note="同意，由区市场监督管理局牵头组织实施"
        )
    services.action_start(actor=user["dh_zf1"], action=action)
    finding = services.finding_record(
        actor=user["dh_zf1"], action=action,
        data=services.FindingInput(
            description="无证从事豆制品加工，加工废水未经处理直排雨水管网", party_kind=PartyKind.PERSON,
            party_name="钱小军", party_id_number="330723198805060015", place="东湖街道新村路18号",
            found_on=today - timedelta(days=2), item_codes=["SCJG-CF-003", "STHJ-CF-001"],
        ),
    )  # fmt: skip
    shares = services.finding_split(actor=user["dh_zf1"], finding=finding)
    for share in shares:
        services.share_register(actor=user["dh_zf1" if share.agency == market else "dh_d2_zf"], share=share)
    outside = services.finding_record(
        actor=user["dh_d2_zf"], action=action,
        data=services.FindingInput(
            description="加工作坊门前货车超限装载原料", party_kind=PartyKind.PERSON, party_name="孙大伟",
            party_id_number="330723197903110034", place="东湖街道新村路18号门前", found_on=today - timedelta(days=1),
            item_codes=["JTYS-CF-001"],
        ),
    )  # fmt: skip
    handover = services.finding_notify(
        actor=user["dh_d2_zf"], finding=outside, agency=transport, note="请派员到新村路18号门前现场交接"
    )
    services.handover_arrive(actor=user["dh_d3_zf"], handover=handover)

    services.action_apply(
        actor=user["dh_d2_zf"], lead=ecology,
        data=services.ActionInput(
            title="河道沿线非法洗砂场联合整治", place="东湖区东湖河沿线", starts_on=today + timedelta(days=7),
            ends_on=today + timedelta(days=9), agencies=[transport], officers=[hu, Officer.objects.get(user__username="dh_d3_zf")],
            plan="生态环境局牵头，交通运输局配合查处运砂车辆。",
        ),
    )  # fmt: skip

    meeting = meetings.meeting_convene(
        actor=user["dh_d4_zf"],
        data=meetings.MeetingInput(
            MeetingKind.JOINT_CONFERENCE, "东湖区综合行政执法联席会议（第一次）", past,
            "一、通报联合执法开展情况；二、研究无证食品小作坊的职责边界；三、部署下阶段专项行动。",
            [market, ecology, transport],
        ),
    )  # fmt: skip
    meetings.meeting_record(
        actor=user["dh_d4_zf"], meeting=meeting, minutes="会议通报了联合执法开展情况，明确了小作坊整治的职责分工。",
        decisions=[
            meetings.DecisionInput("梳理无证食品小作坊台账并报领导小组办公室", market, 15),
            meetings.DecisionInput("提出小作坊污水排放整改标准", ecology, 3),
            meetings.DecisionInput("明确超限运输车辆移交流程", transport, 5),
        ],
    )  # fmt: skip
    done = meeting.decisions.get(owner=transport)
    meetings.decision_complete(
        actor=user["dh_d3_zf"], decision=done, note="已制定超限运输车辆现场移交流程并印发"
    )
    stdout.write(f"联合执法：{JointAction.objects.count()} 项行动，1 次联席会议")
