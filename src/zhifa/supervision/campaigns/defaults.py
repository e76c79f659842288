"""The default 评查标准, seeded as version 1 for a justice bureau that has none (issue 13 item 4): seven
veto items that make a file 不合格 outright, then 20 form points and 80 content points with item-by-item
deductions; 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60; a difference of more than 10 points calls a third reviewer."""

from decimal import Decimal

from .choices import PreCheck, Section

V, F, C = Section.VETO, Section.FORM, Section.CONTENT

# (code, section, title, max points, points per defect found, pre-scoring check)
ITEMS: list[tuple[str, str, str, int, int, str]] = [
    ("V1", V, "执法主体不合法（不具备执法主体资格或超越法定权限）", 0, 0, PreCheck.BODY),
    ("V2", V, "执法人员未取得行政执法证件或证件在办案时无效", 0, 0, PreCheck.CERTIFICATES),
    ("V3", V, "执法人员少于两人", 0, 0, PreCheck.OFFICERS),
    ("V4", V, "认定事实不清、主要证据不足", 0, 0, PreCheck.EVIDENCE),
    ("V5", V, "适用法律依据错误", 0, 0, ""),
    ("V6", V, "违反法定程序", 0, 0, ""),
    ("V7", V, "涉嫌犯罪案件应当移送而未移送", 0, 0, PreCheck.CRIME),
    ("F1", F, "文书齐全、编号规范（缺少或未编号，每份扣2分）", 8, 2, PreCheck.DOCUMENTS),
    ("F2", F, "文书送达及时、送达回证规范（超期送达每次扣2分）", 4, 2, PreCheck.SERVICE),
    ("F3", F, "文书填写规范、用语准确、签章完整", 4, 0, ""),
    ("F4", F, "卷内材料排列有序、装订归档规范", 4, 0, ""),
    ("C1", C, "事实清楚，证据确凿、充分、合法", 20, 0, ""),
    ("C2", C, "适用法律、法规、规章正确，引用条款具体", 15, 0, ""),
    ("C3", C, "在法定期限内立案、作出决定（每超期一次扣5分）", 10, 5, PreCheck.DEADLINES),
    ("C4", C, "程序合法，按规定全过程音像记录（每缺一个环节扣5分）", 15, 5, PreCheck.AUDIO_VIDEO),
    ("C5", C, "处罚适当，在裁量基准内或说明偏离理由", 10, 10, PreCheck.DISCRETION),
    ("C6", C, "说理充分，当事人权利告知到位", 10, 0, ""),
]

SETTINGS = {
    "form_points": Decimal(20),
    "content_points": Decimal(80),
    "excellent_from": Decimal(90),
    "good_from": Decimal(80),
    "pass_from": Decimal(60),
    "disagreement_points": Decimal(10),
}
TEMPLATE_NAME = "行政执法案卷评查标准"
