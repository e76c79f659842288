"""Permissions of 社会监督 and the feedback state machine, in one table (see cases.machine): the services
guard and move through it, the feedback page offers its buttons and the API lists its actions.

录入反馈 → 待受理 —(受理)→ 已受理 —(答复)→ 已答复
             └————————┴—(转为监督事项)→ 已转监督事项
             └————————┴—(转为投诉举报)→ 已转投诉举报"""

from zhifa.cases.machine import START, Machine, Transition

from .choices import FeedbackStatus

VIEW_SUPERVISOR = "social.view_supervisor"
MANAGE_SUPERVISOR = "social.manage_supervisor"
VIEW_POINT = "social.view_contactpoint"
MANAGE_POINT = "social.manage_contactpoint"
VIEW_FEEDBACK = "social.view_feedback"
HANDLE_FEEDBACK = "social.handle_feedback"
VIEW_SURVEY = "social.view_surveycampaign"
MANAGE_SURVEY = "social.manage_survey"
VIEW_RESULT = "social.view_surveyresponse"

S = FeedbackStatus
T = Transition

TABLE: tuple[Transition, ...] = (
    T("submit", "录入反馈", HANDLE_FEEDBACK, (START,), S.RECEIVED, rule="监督员须在任期内，联系点须在设立期限内"),
    T("acknowledge", "受理", HANDLE_FEEDBACK, (S.RECEIVED,), S.ACKNOWLEDGED, main=True),
    T("answer", "答复", HANDLE_FEEDBACK, (S.RECEIVED, S.ACKNOWLEDGED), S.ANSWERED, rule="须写明答复内容",
      main=True),
    T("supervise", "转为监督事项", HANDLE_FEEDBACK, (S.RECEIVED, S.ACKNOWLEDGED), S.SUPERVISED,
      rule="对反映的机关立项日常监督"),
    T("forward", "转为投诉举报", HANDLE_FEEDBACK, (S.RECEIVED, S.ACKNOWLEDGED), S.FORWARDED,
      rule="以“社会监督员或监督联系点反馈”渠道登记投诉举报，由反映的机关承办"),
)  # fmt: skip

MACHINE = Machine(FeedbackStatus, TABLE, record_prefix="social_feedback", subject="反馈", start_label="反馈")
