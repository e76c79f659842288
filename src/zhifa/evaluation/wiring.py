"""How 评议考核 plugs into the product: the built-in indicators, role permissions, the menu, the record
labels and an agency's result as a 监督事项 来源. Called from EvaluationConfig.ready()."""

RECORD_LABELS = {
    "evaluation.scheme.create": "制定评议考核方案",
    "evaluation.scheme.revise": "生成考核方案新版本",
    "evaluation.scheme.publish": "发布评议考核方案",
    "evaluation.node.add": "增加考核指标",
    "evaluation.node.update": "修改考核指标",
    "evaluation.node.remove": "删除考核指标",
    "evaluation.weights.set": "调整考核指标权重",
    "evaluation.score.enter": "录入人工评分",
    "evaluation.ranking.publish": "发布评议考核结果",
    "evaluation.consequence.record": "记录考核结果运用",
}


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import record_labels
    from zhifa.core.menu import MenuItem, register

    from . import indicators
    from .services import DECIDE, MANAGE, PUBLISH, SCORE, VIEW, VIEW_CONSEQUENCE, VIEW_RESULT

    indicators._register_builtins()
    indicators._register_external()
    # the justice bureau's supervisors (REGION scope: their region's subtree) make the schemes, score,
    # publish and decide the consequences; every agency sees its own published result and consequences
    grant([RoleCode.SUPERVISOR], {VIEW, MANAGE, SCORE, PUBLISH, DECIDE})
    grant(BUSINESS_ROLES, {VIEW_RESULT, VIEW_CONSEQUENCE})
    register(
        MenuItem("执法监督", "评议考核", "evaluation:scheme_list", VIEW, order=170),
        MenuItem("执法监督", "考核结果", "evaluation:result_list", VIEW_RESULT, order=171),
    )
    for action, label in RECORD_LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)
    register_source()


def register_source() -> None:
    """A 监督事项 opened by a 限期整改 (services.consequence_record) names the agency's result as its 来源;
    the result page shows the open items opened from it."""
    from django.urls import reverse

    from zhifa.supervision.actions import sources

    from .models import Result

    sources.register(
        Result,
        key="evaluation-result",
        label="评议考核结果",
        agency_of=lambda result: result.agency,
        url_of=lambda result: reverse("evaluation:result_detail", args=[result.pk]),
        title_of=lambda result: (
            f"{result.agency.name}{result.ranking.scheme.year}年度评议考核结果（第{result.rank}名，{result.total}分）"
        ),
        queryset=lambda: Result.objects.select_related("agency", "ranking__scheme"),
        one_click=False,  # consequence_record opens it with a 限期整改
    )
