"""演示数据 of 抄告, 协助 and 行刑衔接 in 东湖区, through the services (idempotent):

- 抄告 both ways: the 行政处罚 decisions of 东湖区综合行政执法局 made their 抄告 automatically when the cases demo
  decided them (no business department of the 城管 field exists, so the first is sent to 东湖区市场监督管理局 by
  choice and acknowledged; the others stay 待抄告, overdue); 东湖区市场监督管理局 enters two approval decisions
  (食品经营许可): one acknowledged by 东湖区综合行政执法局, one sent two weeks ago and not yet acknowledged
  (overdue on both sides' 工作台);
- the 信息共享 register: the rows the 抄告 made, and 东湖区市场监督管理局's monthly 监督检查记录;
- 协助: a 认定 answered in writing, a 鉴定 received and past its 5 working days (overdue), and a cross-region
  archive request to 青山县交通运输局 (异地行政执法协助) waiting for receipt;
- 行刑衔接: an executed fine-only case of 东湖区综合行政执法局 referred to 东湖区公安分局 (approved and transferred, open:
  its 结案 is refused, 不得以罚代刑); a case passed by 东湖区人民检察院 (反向移送) accepted; a clue to 纪检监察 waiting
  for the leader's approval."""

from contextlib import contextmanager
from datetime import date
from unittest import mock

from zhifa.accounts.models import User
from zhifa.cases.choices import CaseStatus, DecisionKind
from zhifa.cases.models import Case
from zhifa.catalog.choices import ItemCategory
from zhifa.catalog.models import EnforcementItem
from zhifa.collaboration.assistance import services as assistance
from zhifa.collaboration.models import AssistanceRequest, Notice
from zhifa.collaboration.notices import clocks, services
from zhifa.collaboration.notices.choices import NoticeStatus, ShareCategory, ShareMethod
from zhifa.collaboration.referrals import services as referrals
from zhifa.core import workdays
from zhifa.core.models import Agency

MARKET = "东湖区市场监督管理局"
URBAN = "东湖区综合行政执法局"
TRANSPORT_WEST = "青山县交通运输局"


@contextmanager
def _on(day: date):
    """Act as on `day` (the 协同 clock): what the demo did some days ago."""
    with mock.patch.object(clocks, "today", lambda: day):
        yield


def _user(name: str) -> User | None:
    return User.objects.filter(username=name).first()


def load(stdout) -> None:
    if AssistanceRequest.objects.exists():
        return
    today = clocks.today()
    market, urban, west = (Agency.objects.get(name=n) for n in (MARKET, URBAN, TRANSPORT_WEST))
    clerk, urban_officer = _user("dh_zf1"), _user("dh_d4_zf")
    _notices(today, market, urban, clerk, urban_officer)
    _assistance(today, market, urban, west, clerk, urban_officer)
    _referrals(today, urban)
    stdout.write("协同执法：抄告、信息共享、执法协助、行刑衔接演示数据已加载\n")


def _notices(today, market, urban, clerk, urban_officer) -> None:
    made = list(Notice.objects.filter(sender=urban, status=NoticeStatus.PENDING).order_by("decided_on", "pk"))
    if (
        made
    ):  # the 综合执法局's penalty, fed back to a business department chosen by hand (no 城管 department)
        services.notice_send(
            actor=None, notice=made[0], receiver=market, note="当事人持有食品经营许可证，请纳入批后监管"
        )
        services.notice_acknowledge(actor=clerk, notice=made[0])
    item = (
        EnforcementItem.objects.filter(version__agency=market, category=ItemCategory.LICENSE)
        .order_by("version__pk", "pk")
        .last()
    )
    first = services.notice_enter_approval(
        actor=clerk, agency=market,
        data=services.ApprovalInput(title="准予食品经营许可", party="东湖区百味轩餐饮店", number="东市监许〔2026〕18号",
                                    decided_on=workdays.add_workdays(today, -3), item=item,
                                    content="许可经营项目：热食类食品制售；有效期五年。"),
    )  # fmt: skip
    services.notice_acknowledge(actor=urban_officer, notice=first)
    two_weeks_ago = workdays.add_workdays(today, -10)
    with _on(two_weeks_ago):
        services.notice_enter_approval(
            actor=clerk, agency=market,
            data=services.ApprovalInput(title="准予食品经营许可（变更经营场所）", party="江州鲜果坊有限公司",
                                        number="东市监许〔2026〕23号", decided_on=two_weeks_ago, item=item, urgent=True,
                                        content="经营场所变更为东湖区湖滨路88号。"),
        )  # fmt: skip
    services.sharing_register(
        actor=None, agency=market,
        data=services.SharingInput(receiver=urban, category=ShareCategory.DYNAMICS, method=ShareMethod.PLATFORM,
                                   content="食品经营者日常监督检查记录", frequency="每月"),
    )  # fmt: skip


def _assistance(today, market, urban, west, clerk, urban_officer) -> None:
    def ask(kind, helper, subject, questions):
        return assistance.assistance_request(
            actor=urban_officer, agency=urban,
            data=assistance.RequestInput(kind=kind, helper=helper, subject=subject, questions=questions),
        )  # fmt: skip

    answered = ask(
        "identify",
        market,
        "无证经营食品的认定",
        "当事人在湖滨夜市销售自制熟食，请认定是否属于应当取得食品经营许可的情形。",
    )
    assistance.assistance_receive(actor=clerk, request=answered)
    assistance.assistance_answer(
        actor=clerk, request=answered,
        answer="经认定，当事人从事热食类食品制售，属于《食品安全法》第三十五条规定应当取得食品经营许可的情形。",
    )  # fmt: skip
    with _on(workdays.add_workdays(today, -8)):
        late = ask(
            "appraise",
            market,
            "过期食品的技术鉴定",
            "请对扣押的预包装食品进行检验鉴定，出具是否超过保质期的鉴定意见。",
        )
        assistance.assistance_receive(actor=clerk, request=late)
    ask("archive", west, "查阅青山县某运输公司的行政许可档案（异地协助）",
        "因办理东湖区渣土运输案件，需查阅、复制当事人在青山县取得的道路运输经营许可档案。")  # fmt: skip


def _referrals(today, urban) -> None:
    case = (
        Case.objects.filter(agency=urban, status=CaseStatus.EXECUTED, decision__kind=DecisionKind.PENALTY)
        .order_by("pk")
        .first()
    )
    if case is not None:
        referral = referrals.referral_report(
            actor=None, agency=urban,
            data=referrals.ReportInput(kind="criminal", organ="东湖区公安分局", case=case,
                                       facts="经查，当事人违法建设规模较大且拒不拆除，涉嫌构成非法占用农用地罪，依法移送公安机关。",
                                       materials="涉嫌犯罪案件移送书；涉嫌犯罪案件调查报告；现场检查笔录、询问笔录及照片；测绘报告"),
        )  # fmt: skip
        referrals.referral_approve(actor=None, referral=referral)
        referrals.referral_transfer(actor=None, referral=referral)
    reverse = referrals.referral_receive(
        actor=None, agency=urban,
        data=referrals.ReceiveInput(organ="东湖区人民检察院", party="东湖区顺达渣土运输队",
                                    facts="经审查，该运输队沿途抛撒渣土不构成犯罪，但应予行政处罚，依法移送。",
                                    materials="不起诉决定书；检察意见书；调查材料"),
    )  # fmt: skip
    referrals.referral_accept(actor=None, referral=reverse, on=today, note="已登记案件线索，依法调查处理")
    referrals.referral_report(
        actor=None, agency=urban,
        data=referrals.ReportInput(kind="clue", organ="东湖区纪委监委",
                                   facts="办理违法建设案件中发现某社区工作人员涉嫌收受当事人财物、为违法建设提供便利的问题线索。"),
    )  # fmt: skip
