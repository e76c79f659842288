"""What the record log's codes mean to a person: the Chinese label of every record action, and of every
subject type (the model's verbose_name). The audit pages and the admin show these, never the codes.

One table for every app's actions, because the audit log shows them all side by side; a new action
gets its label here (tests/test_crawl.py fails on a code shown in the audit log)."""

from django.apps import apps

ACTIONS = {
    # 基础数据、账号
    "agency.create": "新增机关",
    "agency.update": "修改机关信息",
    "user.create": "新增用户",
    "user.set_roles": "设置用户角色",
    "user.password_change": "本人修改密码",
    "user.password_reset": "重置他人密码",
    "user.two_factor_enable": "启用双因素认证",
    "user.two_factor_recovery_codes": "重新生成恢复码",
    "user.two_factor_disable": "停用双因素认证",
    "user.update": "修改账号信息",
    "user.disable": "停用账号",
    "user.enable": "启用账号",
    "user.password_reset_request": "申请重置管理员密码",
    "user.password_reset_reject": "驳回密码重置申请",
    "calendar.schedule_entered": "录入法定节假日安排",
    "calendar.deadline_moved": "因节假日安排调整期限",
    # 执法主体与人员
    "body.establish": "执法主体新设",
    "body.confirm": "执法主体确认",
    "body.announce": "执法主体公告",
    "body.merge": "执法主体合并",
    "body.rename": "执法主体更名",
    "body.revoke": "执法主体撤销",
    "officer.create": "新增执法人员",
    "officer.update": "修改执法人员信息",
    "certificate.issue": "发放执法证件",
    "certificate.status": "变更执法证件状态",
    "certificate.check": "执法证件年审",
    "training.add": "登记培训",
    "assessment.set": "登记考核结果",
    # 权责清单
    "catalog.item_save": "保存执法事项",
    "catalog.item_remove": "删除执法事项",
    "catalog.publish": "发布权责清单",
    "catalog.submit": "报送清单审核",
    "catalog.approve": "清单审核通过",
    "catalog.return": "清单审核退回",
    "catalog.benchmark_set": "设定裁量基准",
    "catalog.benchmark_evaluate": "评估裁量基准",
    "delegation.create": "登记委托执法",
    "delegation.evaluate": "评估委托执法",
    "duty.assign": "分解岗位职责",
    # 案件办理
    "case.intake": "案件登记",
    "case.assign": "指定承办人员",
    "case.register": "立案",
    "case.decline": "不予立案",
    "case.investigate": "开始调查",
    "case.step": "调查取证",
    "case.extend": "延长办案期限",
    "case.submit_review": "调查终结，提交审核",
    "case.notify": "事先告知",
    "case.serve_notice": "送达事先告知书",
    "case.statement_period": "设置陈述申辩期限",
    "case.statement": "陈述、申辩",
    "case.hearing_request": "申请听证",
    "case.hearing": "举行听证",
    "case.decide": "作出决定",
    "case.serve": "送达",
    "case.execute": "执行",
    "case.close": "结案",
    "case.archive": "归档",
    "case.simple": "简易程序当场处罚",
    "case.evidence": "上传证据",
    "case.document": "生成文书",
    "case.document_template": "修改文书模板",
    "case.casefile": "导出电子案卷",
    "case.challenge": "登记复议、诉讼",
    "case.challenge_concluded": "复议、诉讼结果",
    # 法制审核
    "review.submit": "送审",
    "review.resubmit": "补充材料后重新送审",
    "review.assign": "指定审核人员",
    "review.opinion": "出具审核意见",
    "review.dispute": "对审核意见提出异议",
    "review.resolve": "处理审核分歧",
    "review.pre_review": "提请司法局预审",
    "review.pre_review_answer": "司法局预审意见",
    "review.invited_opinion": "征求意见",
    "review.pool_add": "加入审核人员库",
    # 公示
    "publicity.draft": "生成公示草稿",
    "publicity.register": "登记公示事项",
    "publicity.edit": "修改公示内容",
    "publicity.publish": "公示",
    "publicity.supersede": "公示被更正内容取代",
    "publicity.withhold": "决定不予公示",
    "publicity.correct": "更正公示",
    "publicity.withdrawal_due": "应撤下公示",
    "publicity.withdraw": "撤下公示",
    "publicity.expire": "公示期满",
    "publicity.shorten": "缩短公示期限",
    "publicity.credit_repair.register": "登记信用修复申请",
    "publicity.credit_repair.approve": "同意信用修复",
    "publicity.credit_repair.refuse": "不同意信用修复",
    # 典型案例、指导案例
    "guidance.propose": "推荐典型案例",
    "guidance.resubmit": "修改后重新推荐典型案例",
    "guidance.adopt": "采纳典型案例",
    "guidance.return": "退回典型案例",
    "guidance.publish": "发布指导案例",
    "publicity.report_generate": "生成年度报告",
    "publicity.report_publish": "发布年度报告",
    # 双随机抽查
    "inspections.subject_create": "新增检查对象",
    "inspections.subject_import": "导入检查对象",
    "inspections.residence_set": "登记执法人员居住地",
    "inspections.relation_declare": "申报利害关系",
    "inspections.lenient_add": "列入包容审慎清单",
    "inspections.lenient_edit": "修改包容审慎清单",
    "inspections.lenient_end": "移出包容审慎清单",
    "inspections.plan_create": "制定抽查计划",
    "inspections.plan_publish": "公布抽查计划",
    "inspections.draw_commit": "公布抽取承诺",
    "inspections.draw_run": "随机抽取",
    "inspections.draw_reveal": "公开抽取种子",
    "inspections.inspector_override": "人工调整检查人员",
    "inspections.inspection_start": "开始检查",
    "inspections.inspection_finish": "录入检查结果",
    "inspections.result_publish": "公示检查结果",
    "inspections.prior_report_file": "报告事前信息",
    "inspections.prior_report_decide": "审查事前报告",
    # 监督计划、工作台账、督办
    "supervision.plan.create": "制定监督计划",
    "supervision.plan.milestones": "按时间节点生成工作台账任务",
    "supervision.plan.task_add": "添加监督计划任务",
    "supervision.plan.publish": "印发监督计划",
    "supervision.ledger.report": "报送工作台账",
    "supervision.oversight.open": "发起督办",
    "supervision.oversight.report": "报告督办进展",
    "supervision.oversight.extend": "督办延期",
    "supervision.oversight.escalate": "提级督办",
    "supervision.oversight.close": "督办办结",
    # 执法监督：监督事项
    "supervision_item.open": "立项监督",
    "supervision_item.find": "记录监督发现的问题",
    "supervision_item.issue": "制发监督文书",
    "supervision_item.reply": "答复监督并提交整改材料",
    "supervision_item.accept": "整改验收通过",
    "supervision_item.return": "退回重新整改",
    "supervision_item.escalate": "监督逾期升级",
    "supervision_item.close": "监督事项办结",
    # 责任追究
    "accountability.open": "责任追究立案",
    "accountability.investigate": "记录责任追究调查情况",
    "accountability.notify": "告知责任追究拟处理意见",
    "accountability.hear": "听取责任人员陈述申辩",
    "accountability.decide": "作出责任追究决定",
    "accountability.restore": "暂扣期满恢复执法证",
    # 案卷评查
    "campaign.create": "组织案卷评查",
    "campaign.commit": "公布案卷抽取承诺",
    "campaign.draw": "随机抽取评查案卷",
    "campaign.assign": "分配评查人",
    "campaign.score": "提交评查评分",
    "campaign.dispute": "评查分歧，待第三人评查",
    "campaign.file_final": "案卷评定",
    "campaign.conclude": "结束案卷评查",
    "campaign.publish": "公布评查结果",
    "campaign.template_draft": "新建评查标准版本",
    "campaign.template_edit": "修改评查标准",
    "campaign.template_publish": "发布评查标准",
    # 节假日调整、文号格式 (系统管理员)
    "calendar.override_set": "新增节假日调整",
    "calendar.override_update": "修改节假日调整",
    "calendar.override_delete": "删除节假日调整",
    "number_format.create": "新增文号格式",
    "number_format.update": "修改文号格式",
    "number_format.delete": "删除文号格式",
}


def action_label(action: str) -> str:
    """The action's Chinese label. (An action without one shows its code, so that the auditor is not
    misled; the crawl test fails on it.)"""
    return ACTIONS.get(action, action)


def subject_label(subject_type: str) -> str:
    """The subject model's verbose_name ("cases.case" → 案件)."""
    try:
        return str(apps.get_model(subject_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return subject_type


def filter_choices(records) -> dict:
    """The audit log's two filters as (code, label) options: the subject types that occur in `records`
    and every labelled action."""
    types = records.order_by().values_list("subject_type", flat=True).distinct()
    return {
        "subject_types": sorted(((t, subject_label(t)) for t in types), key=lambda c: c[1]),
        "actions": list(ACTIONS.items()),
    }
