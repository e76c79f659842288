"""演示数据 of 社会监督, as the system through the services (idempotent):

- 东湖区司法局's 行政执法监督员: a 人大代表 serving (renewed once), a 政协委员 whose term ends within the month
  (即将到期, on the bureau's 工作台), an 专家学者 whose term has ended (已到期), an 行业代表 dismissed with the
  reason; 江州市司法局's 律师 (seen by the city only);
- three 监督联系点: an enterprise and an association (with their 统一社会信用代码) and a community;
- feedback: one answered, one turned into a 监督事项 of 东湖区生态环境局, one still open past its answer date,
  one forwarded as a 投诉举报 (channel 社会监督员或监督联系点反馈) that 东湖区交通运输局 handles;
- surveys: a closed 第三方测评 of 东湖区 this year (its results are what 评议考核 reads), and an open 回访."""

from datetime import date, timedelta

from zhifa.core import workdays
from zhifa.core.models import Agency, Region
from zhifa.core.validators import credit_code_with_check
from zhifa.social import clocks
from zhifa.social.models import Supervisor
from zhifa.social.services import contact_points, feedback, supervisors, surveys

BUREAU = "东湖区司法局"
MARKET = "东湖区市场监督管理局"
ECOLOGY = "东湖区生态环境局"
TRANSPORT = "东湖区交通运输局"


def _years(on: date, years: int) -> date:
    return on.replace(year=on.year + years, day=min(on.day, 28))


def load(stdout) -> None:
    if Supervisor.objects.exists():
        return
    today = clocks.today()
    bureau, city = Agency.objects.get(name=BUREAU), Agency.objects.get(name="江州市司法局")
    market, ecology, transport = (Agency.objects.get(name=n) for n in (MARKET, ECOLOGY, TRANSPORT))

    def appoint(name, category, unit, phone, start, end, agencies=(), fields="", by=bureau):
        return supervisors.supervisor_appoint(
            actor=None,
            data=supervisors.SupervisorInput(
                bureau=by, name=name, category=category, unit=unit, phone=phone, fields_followed=fields,
                agencies=agencies, term_start=start, term_end=end,
            ),
        )  # fmt: skip

    deputy = appoint("郑海燕", "npc", "东湖区人大代表、东湖街道幸福社区党委书记", "13905710021",
                     _years(today, -2), today + timedelta(days=90), (market, ecology), "市场监管、生态环境")  # fmt: skip
    supervisors.supervisor_renew(
        actor=None,
        supervisor=deputy,
        term_end=_years(today, 2),
        reason="任期内履职积极，经区司法局研究续聘两年",
    )
    member = appoint("冯立群", "cppcc", "东湖区政协委员、江州大学法学院副教授", "13805710032",
                     _years(today, -2), today + timedelta(days=20), (market,), "市场监管")  # fmt: skip
    appoint("秦文博", "expert", "江州行政学院教授", "13705710043", _years(today, -3),
            today - timedelta(days=35), (transport,), "交通运输")  # fmt: skip
    trade = appoint("钱国栋", "industry", "东湖区餐饮行业协会副会长", "13605710054", _years(today, -1),
                    _years(today, 1), (market,), "餐饮")  # fmt: skip
    supervisors.supervisor_dismiss(
        actor=None, supervisor=trade, reason="本人因工作调动申请辞去监督员", on=today - timedelta(days=10)
    )
    appoint("许静怡", "lawyer", "江州明理律师事务所律师", "13505710065", _years(today, -1), _years(today, 2),
            by=city, fields="行政执法程序")  # fmt: skip

    def establish(name, kind, code, address, liaison, phone, agencies):
        return contact_points.point_establish(
            actor=None,
            data=contact_points.PointInput(
                bureau=bureau, name=name, kind=kind, credit_code=code, address=address, liaison=liaison,
                liaison_phone=phone, agencies=agencies, term_start=_years(today, -1), term_end=_years(today, 2),
            ),
        )  # fmt: skip

    enterprise = establish("江州绿源食品有限公司", "enterprise", credit_code_with_check("91990102MA0000301"),
                           "东湖区工业园区兴业路8号", "马晓东", "13405710076", (market, ecology))  # fmt: skip
    establish("东湖区餐饮行业协会", "association", credit_code_with_check("51990102MJ0000402"),
              "东湖区人民路66号", "何丽", "13305710087", (market,))  # fmt: skip
    establish(
        "东湖街道幸福社区", "community", "", "东湖街道幸福路1号", "罗建华", "13205710098", (market, transport)
    )

    answered = feedback.feedback_submit(
        actor=None,
        data=feedback.FeedbackInput(
            agency=market, supervisor=deputy, title="个别执法人员检查时未出示执法证件",
            text="群众反映，东湖区市场监督管理局个别执法人员到农贸市场检查时未主动出示执法证件，也未告知检查依据。",
            received_on=workdays.add_workdays(today, -12),
        ),
    )  # fmt: skip
    feedback.feedback_acknowledge(actor=None, feedback=answered)
    feedback.feedback_answer(
        actor=None, feedback=answered,
        answer="经核查，已对相关执法人员批评教育，并在全局重申亮证执法要求；将在下次专项检查中抽查落实情况。",
    )  # fmt: skip
    supervised = feedback.feedback_submit(
        actor=None,
        data=feedback.FeedbackInput(
            agency=ecology, contact_point=enterprise, title="同一事项短期内多次入企检查",
            text="企业反映一个月内因同一排污事项被检查三次，每次要求提交的材料相同，影响正常生产。",
            received_on=workdays.add_workdays(today, -8),
        ),
    )  # fmt: skip
    feedback.feedback_supervise(
        actor=None, feedback=supervised, reason="联系点反映重复检查，立项日常监督核查"
    )
    feedback.feedback_submit(
        actor=None,
        data=feedback.FeedbackInput(
            agency=market, supervisor=member, title="涉企罚款裁量说明不充分",
            text="旁听两起涉企处罚案件，决定书对裁量理由说明较为简单，建议细化。",
            received_on=workdays.add_workdays(today, -20),
        ),
    )  # fmt: skip
    forwarded = feedback.feedback_submit(
        actor=None,
        data=feedback.FeedbackInput(
            agency=transport, contact_point=enterprise, title="货车超限检查现场未出具执法文书",
            text="企业反映，东湖区交通运输局在工业园区路口检查货车超限时，暂扣车辆未当场出具文书。",
            received_on=workdays.add_workdays(today, -2),
        ),
    )  # fmt: skip
    feedback.feedback_forward(actor=None, feedback=forwarded, subject_name="东湖区交通运输局执法大队")

    region = Region.objects.get(code="990102")
    closed = surveys.survey_create(
        actor=None,
        data=surveys.CampaignInput(
            bureau=bureau, region=region, year=today.year, title=f"{today.year}年东湖区行政执法满意度第三方测评",
            method="third_party", conducted_by="江州民意调查中心",
        ),
    )  # fmt: skip
    opinions = [
        (market, "enterprise", "satisfied", 95), (market, "enterprise", "satisfied", 90),
        (market, "public", "basic", 78), (market, "public", "dissatisfied", 55),
        (ecology, "enterprise", "satisfied", 88), (ecology, "contact_point", "basic", 80),
        (transport, "public", "satisfied", 92), (transport, "supervisor", "satisfied", None),
    ]  # fmt: skip
    for agency, kind, rating, score in opinions:
        surveys.response_add(
            actor=None, campaign=closed,
            data=surveys.ResponseInput(agency=agency, respondent_kind=kind, rating=rating, score=score),
        )  # fmt: skip
    surveys.survey_close(actor=None, campaign=closed)
    visits = surveys.survey_create(
        actor=None,
        data=surveys.CampaignInput(
            bureau=bureau, region=region, year=today.year, title=f"{today.year}年涉企执法回访", method="visit"
        ),
    )
    surveys.response_add(
        actor=None, campaign=visits,
        data=surveys.ResponseInput(agency=market, respondent_kind="enterprise", rating="basic",
                                   comment="检查前能提前告知，希望减少重复检查"),
    )  # fmt: skip
