"""How 社会监督 plugs into the product: role permissions, the menu, the 工作台 provider, the stored deadline,
the record labels, and the card on the complaint page (core.panels slot "complaint") naming the
feedback a complaint was forwarded from. Called from SocialConfig.ready()."""

RECORD_LABELS = {
    "social_supervisor.appoint": "聘任行政执法监督员",
    "social_supervisor.renew": "续聘行政执法监督员",
    "social_supervisor.dismiss": "解聘行政执法监督员",
    "social_point.establish": "设立监督联系点",
    "social_point.renew": "监督联系点续期",
    "social_point.revoke": "撤销监督联系点",
    "social_feedback.submit": "录入社会监督反馈",
    "social_feedback.acknowledge": "受理社会监督反馈",
    "social_feedback.answer": "答复社会监督反馈",
    "social_feedback.supervise": "社会监督反馈转为监督事项",
    "social_feedback.forward": "社会监督反馈转为投诉举报",
    "complaint.from_feedback": "由社会监督反馈转来",
    "social_survey.create": "组织回访与满意度测评",
    "social_survey.response_add": "录入测评结果",
    "social_survey.import": "导入测评结果",
    "social_survey.close": "结束测评",
}


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import deadlines, panels, record_labels, workbench
    from zhifa.core.menu import MenuItem, register

    from .deadlines import ANSWER_DUE
    from .transitions import (
        HANDLE_FEEDBACK,
        MANAGE_POINT,
        MANAGE_SUPERVISOR,
        MANAGE_SURVEY,
        VIEW_FEEDBACK,
        VIEW_POINT,
        VIEW_RESULT,
        VIEW_SUPERVISOR,
        VIEW_SURVEY,
    )
    from .workbench import pending

    # the justice bureau's supervisors (REGION scope: their region's subtree) keep the register, handle the
    # feedback and run the surveys; every agency reads the feedback and the results concerning it
    grant(BUSINESS_ROLES, {VIEW_FEEDBACK, VIEW_RESULT})
    grant(
        [RoleCode.SUPERVISOR],
        {VIEW_SUPERVISOR, MANAGE_SUPERVISOR, VIEW_POINT, MANAGE_POINT, VIEW_FEEDBACK, HANDLE_FEEDBACK,
         VIEW_SURVEY, MANAGE_SURVEY, VIEW_RESULT},
    )  # fmt: skip
    register(
        MenuItem("社会监督", "行政执法监督员", "social:supervisor_list", VIEW_SUPERVISOR, order=170),
        MenuItem("社会监督", "监督联系点", "social:point_list", VIEW_POINT, order=171),
        MenuItem("社会监督", "社会监督反馈", "social:feedback_list", VIEW_FEEDBACK, order=172),
        MenuItem("社会监督", "回访与满意度测评", "social:survey_list", VIEW_SURVEY, order=173),
        MenuItem("社会监督", "满意度测评结果", "social:results", VIEW_RESULT, order=174),
    )
    workbench.register(pending)
    deadlines.register(ANSWER_DUE)
    for action, label in RECORD_LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)
    panels.register("complaint", panels.Panel("social/_complaint_feedback.html", forwarded_from, order=20))


def forwarded_from(complaint, user) -> dict:
    """The feedback a complaint came from (转为投诉举报), linked when the user may open it."""
    from zhifa.core import access

    from .models import Feedback
    from .transitions import VIEW_FEEDBACK

    feedback = (
        Feedback.objects.select_related("supervisor", "contact_point", "bureau")
        .filter(complaint=complaint)
        .first()
    )
    return {
        "source_feedback": feedback,
        "can_open_feedback": feedback is not None and access.can(user, VIEW_FEEDBACK, feedback),
    }
