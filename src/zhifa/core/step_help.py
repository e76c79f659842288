"""What a workflow step means in law and what the system checks before it lets the step through: one short
Chinese text per step, shown on the step's page by the `step_help` tag (core/templatetags/step_help.py).

Kept in one place so a legal reviewer can read and correct every text together. The articles are those of
the laws as in force (行政处罚法 as revised in 2021; 行政执法监督条例, 国务院令第825号, in force since
2026-02-01, cited by its name where we hold no article number). Keys are "<app>.<action>" — the action
slugs of the apps' transition tables.
"""

from __future__ import annotations

from dataclasses import dataclass

# 国家法律法规数据库 (全国人大常委会办公厅): the official text of every law cited here.
LAW_DATABASE_URL = "https://flk.npc.gov.cn/"

PENALTY_LAW = "《中华人民共和国行政处罚法》"
SUPERVISION_REGULATION = "《行政执法监督条例》（国务院令第825号）"


@dataclass(frozen=True)
class StepHelp:
    """`meaning`: what the step is in law; `checks`: what the system refuses without; `article`: where the
    law says so."""

    title: str
    meaning: str
    checks: str
    article: str
    url: str = LAW_DATABASE_URL


def _penalty(title: str, meaning: str, checks: str, articles: str) -> StepHelp:
    return StepHelp(title, meaning, checks, f"{PENALTY_LAW}{articles}")


def _supervision(title: str, meaning: str, checks: str) -> StepHelp:
    return StepHelp(title, meaning, checks, SUPERVISION_REGULATION)


HELP: dict[str, StepHelp] = {
    # ---- 行政处罚 (cases.transitions) --------------------------------------------------------------
    "cases.assign": _penalty(
        "指定承办人员",
        "行政处罚由具有行政执法资格的执法人员实施，执法人员不得少于两人。",
        "系统只允许持有本领域当日有效执法证件的执法人员担任承办人员，且不少于两人；执法辅助人员只能协助。",
        "第四十二条",
    ),
    "cases.register": _penalty(
        "立案",
        "发现公民、法人或者其他组织有依法应当给予行政处罚的行为，符合立案标准的，应当及时立案。",
        "立案须经负责人批准；立案后案件取得编号，办案期限自立案之日起计算。",
        "第五十四条",
    ),
    "cases.decline": _penalty(
        "不予立案",
        "不符合立案标准的，经负责人批准不予立案，并写明理由。",
        "系统要求填写不予立案的理由，并记入案件的执法记录。",
        "第五十四条",
    ),
    "cases.step": _penalty(
        "调查取证",
        "调查或者检查时，执法人员不得少于两人，应当主动出示执法证件；应当全面、客观、公正地调查，收集有关证据。",
        "系统记录每一步的时间、地点和执法人员；须音像记录的环节要求上传录音或视频。",
        "第五十四条、第五十五条",
    ),
    "cases.extend": _penalty(
        "延长办案期限",
        "行政机关应当自立案之日起九十日内作出处罚决定；有特殊情况的，可以依法延长。",
        "延长须经负责人批准并写明理由，系统据此重新计算决定期限。",
        "第六十条",
    ),
    "cases.submit-review": _penalty(
        "送法制审核",
        "涉及重大公共利益、直接关系当事人重大权益或者案情疑难复杂的，作出决定前须经法制审核；未经审核或者审核未通过的，不得作出决定。",
        "属于重大执法决定的，系统在法制审核通过前不允许作出处罚决定。",
        "第五十八条",
    ),
    "cases.notify": _penalty(
        "事先告知",
        "作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、理由、依据，并告知其陈述、申辩、要求听证等权利。",
        "系统要求告知书载明拟处罚内容；未经告知的案件不能作出处罚决定。",
        "第四十四条",
    ),
    "cases.serve-notice": _penalty(
        "告知书送达",
        "陈述、申辩和要求听证的期限自告知书送达当事人之日起计算；当事人要求听证的，应当在告知后五日内提出。",
        "系统以登记的送达日期起算听证申请期限和陈述、申辩期限。",
        "第四十四条、第六十四条",
    ),
    "cases.statement": _penalty(
        "陈述申辩",
        "当事人有权进行陈述和申辩；行政机关必须充分听取当事人的意见，不得因当事人陈述、申辩而给予更重的处罚。",
        "系统记录陈述、申辩的内容和复核意见，在期限届满或当事人放弃前不允许作出决定。",
        "第四十五条",
    ),
    "cases.hearing-request": _penalty(
        "听证申请",
        "拟作出较大数额罚款、没收较大数额违法所得、降低资质等级、吊销许可证件、责令停产停业等处罚的，当事人有权要求听证。",
        "系统按告知书送达日期核对申请是否在期限内，已申请听证的案件须先举行听证才能作出决定。",
        "第六十三条、第六十四条",
    ),
    "cases.hearing": _penalty(
        "听证",
        "听证由非本案调查人员主持，公开举行（涉及国家秘密、商业秘密或者个人隐私的除外），制作笔录；听证结束后，依据听证笔录作出决定。",
        "系统核对主持人不是本案承办人员，并记录听证笔录。",
        "第六十四条、第六十五条",
    ),
    "cases.decide": _penalty(
        "作出决定",
        "调查终结，行政机关负责人应当对调查结果进行审查，根据不同情况作出处罚、不予处罚、移送等决定；情节复杂或者重大违法行为，应当集体讨论决定。",
        "系统核对已事先告知、陈述申辩和听证期限已届满或已放弃、重大执法决定已通过法制审核，并按裁量基准检查罚款幅度。",
        "第五十七条",
    ),
    "cases.serve": _penalty(
        "送达",
        "行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，应当在七日内依照民事诉讼法的有关规定送达。",
        "系统自决定之日起计算送达期限，超期的记为超期送达。",
        "第六十一条",
    ),
    "cases.execute": _penalty(
        "执行",
        "当事人应当在处罚决定书载明的期限内履行；到期不缴纳罚款的，可以每日按罚款数额的百分之三加处罚款，或者依法申请人民法院强制执行。",
        "系统记录缴款、加处罚款和强制执行情况，按期限提示逾期未履行。",
        "第六十六条至第七十三条",
    ),
    "cases.close": _penalty(
        "结案",
        "处罚决定履行或者执行完毕，或者依法终结执行的，经负责人批准结案；执法全过程应当记录并归档保存。",
        "系统只在执行情况已登记（或不予处罚决定已送达）后允许结案，结案须经负责人批准并填写结案报告。",
        "第四十七条、第六十六条",
    ),
    "cases.challenge": _penalty(
        "复议、诉讼",
        "当事人对行政处罚决定不服的，有权依法申请行政复议或者提起行政诉讼；复议、诉讼期间处罚不停止执行（法律另有规定的除外）。",
        "系统登记复议、诉讼及其结果；决定被撤销、变更的，撤下已公示的信息。",
        "第七条、第七十三条",
    ),
    "cases.challenge-outcome": _penalty(
        "复议、诉讼结果",
        "行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。",
        "系统登记结果，并按公示期限撤回已公示的决定。",
        "第四十八条",
    ),
    "cases.archive": _penalty(
        "归档",
        "行政机关应当对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录，归档保存。",
        "归档后案件不再办理，案卷内容只读。",
        "第四十七条",
    ),
    # ---- 法制审核 (review) --------------------------------------------------------------------------
    "review.review": _penalty(
        "法制审核",
        "重大执法决定作出前，由从事法制审核的人员审核执法主体、权限、程序、事实、证据、法律适用等；初次从事法制审核的人员应当取得法律职业资格。",
        "系统先自动核对执法人员资格、期限和文书，再由审核人员逐项填写审核意见；审核通过前案件不能作出决定。",
        "第五十八条",
    ),
    # ---- 监督事项 (supervision.actions.transitions) -------------------------------------------------
    "supervision.find": _supervision(
        "记录发现的问题",
        "行政执法监督机构对行政执法工作开展日常、重点或者专项监督，发现问题应当查明事实、固定证据。",
        "系统要求每个问题写明类别、事实和证据，文书只能依据已记录的问题制发。",
    ),
    "supervision.issue": _supervision(
        "制发监督文书",
        "对发现的问题，依次制发行政执法监督通知书、意见书、决定书，责令被监督机关限期纠正或者整改。",
        "系统核对文书依据已记录的问题，文书等级只升不降，并按本地区设置以工作日计算答复和整改期限。",
    ),
    "supervision.reply": _supervision(
        "答复并提交整改材料",
        "被监督机关应当在期限内答复并报告整改情况。",
        "系统记录答复内容和整改材料，期限按工作日计算，逾期未答复的可以升级处理。",
    ),
    "supervision.accept": _supervision(
        "整改验收",
        "监督机构对整改情况进行审查，整改到位的予以办结。",
        "系统要求先有答复和整改材料，验收后事项办结。",
    ),
    "supervision.return": _supervision(
        "退回重新整改",
        "整改不到位的，退回被监督机关重新整改。",
        "系统要求写明退回理由，事项回到待答复整改状态。",
    ),
    "supervision.escalate": _supervision(
        "逾期升级",
        "逾期不答复或者不整改的，依次采取限期整改、约谈、通报或者报告本级人民政府等措施。",
        "系统只在期限届满后允许升级，并按顺序提供下一步措施。",
    ),
    "supervision.close": _supervision(
        "办结",
        "经核查未发现问题的，监督事项予以办结。",
        "系统要求写明办结说明，只有尚未制发文书的事项可以这样办结。",
    ),
}


def help_for(key: str) -> StepHelp | None:
    return HELP.get(key)
