"""The default indicator tree (common practice, docs/DOMAIN: 评议考核 out of 100 — general items 30%,
specific items 50%, external evaluation 20%), seeded as version 1 of a new scheme. (name, weight,
indicator key or "" for a manual leaf, children)."""

from decimal import Decimal

D = Decimal

DEFAULT_TREE: list[tuple[str, Decimal, str, list]] = [
    (
        "一般指标",
        D(30),
        "",
        [
            ("执法人员持证率", D(30), "registry.certificates", []),
            ("执法人员年度培训达标率", D(30), "registry.training", []),
            ("行政执法决定按时公示率", D(40), "publicity.on_time", []),
        ],
    ),
    (
        "专项指标",
        D(50),
        "",
        [
            ("重大执法决定法制审核率", D(20), "review.major_coverage", []),
            ("案件超期率", D(15), "cases.overdue", []),
            ("案卷评查平均分", D(20), "supervision.campaign_score", []),
            ("复议诉讼纠错率", D(10), "cases.reversal", []),
            ("监督事项按期整改率", D(10), "supervision.items_on_time", []),
            ("突出问题按期整改率", D(15), "supervision.rectification_on_time", []),
            (
                "部门协作配合",  # seed 004 七(四)
                D(10),
                "",
                [
                    ("抄告按期率", D(40), "collaboration.notices", []),
                    ("协助请求按期答复率", D(30), "collaboration.assistance", []),
                    ("移送按期处理率", D(30), "collaboration.transfers", []),
                ],
            ),
        ],
    ),
    (
        "外部评价",
        D(20),
        "",
        [
            ("投诉举报按期办结率", D(30), "complaints.resolution", []),
            ("投诉举报满意率", D(30), "complaints.satisfaction", []),
            ("社会满意度测评", D(40), "social.satisfaction", []),
        ],
    ),
]
