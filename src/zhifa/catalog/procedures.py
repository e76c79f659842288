"""The two penalty procedures of 行政处罚法 (2021), step by step. The cases app runs its state machine on
these steps, and the catalogue draws each agency's flow charts (执法流程图) from them, so the published
chart and the system can never disagree.
"""

from dataclasses import dataclass

from django.db import models


class Procedure(models.TextChoices):
    SIMPLE = "simple", "简易程序"
    ORDINARY = "ordinary", "普通程序"


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    rule: str = ""  # the time limit or condition shown beside the step


@dataclass(frozen=True)
class Flow:
    procedure: str
    steps: tuple[Step, ...]
    # (from, to, condition) — edges beyond the straight line through `steps`
    branches: tuple[tuple[str, str, str], ...] = ()

    def step(self, code: str) -> Step:
        return next(step for step in self.steps if step.code == code)


SIMPLE = Flow(
    Procedure.SIMPLE,
    (
        Step("on_site", "现场检查、出示执法证件", "执法人员不少于两人"),
        Step("notify", "告知违法事实、理由、依据和权利", "听取陈述、申辩"),
        Step("decide", "当场作出处罚决定", "警告，或对个人200元以下、单位3000元以下罚款"),
        Step("serve", "当场交付决定书", "当事人签收"),
        Step("execute", "执行", "当场收缴或15日内缴纳"),
        Step("file", "报所属机关备案、归档", ""),
    ),
)

ORDINARY = Flow(
    Procedure.ORDINARY,
    (
        Step("register", "立案", "负责人批准；发现线索之日起15日内"),
        Step("investigate", "调查取证", "执法人员不少于两人，出示证件"),
        Step("review", "审核（重大执法决定法制审核）", "列入法制审核目录的须经审核通过"),
        Step("notify", "事先告知", "陈述、申辩；符合条件的告知听证权利，5日内申请"),
        Step("decide", "作出决定", "立案之日起90日内，经批准可延长"),
        Step("serve", "送达", "决定作出之日起7日内"),
        Step("execute", "执行", "缴纳、分期或延期，逾期申请强制执行"),
        Step("close", "结案", ""),
        Step("archive", "归档", ""),
    ),
    branches=(
        ("notify", "hearing", "当事人申请听证"),
        ("hearing", "decide", "听证结束"),
        ("investigate", "decide", "不予处罚 / 移送 / 撤销立案"),
    ),
)

HEARING = Step("hearing", "听证", "听证7日前通知当事人")

FLOWS = {Procedure.SIMPLE: SIMPLE, Procedure.ORDINARY: ORDINARY}
