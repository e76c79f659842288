"""演示数据 of 评议考核: 东湖区司法局's scheme for the current year (the default tree), published; every
leaf computed (the 外部评价 from the demo's complaints and its closed 第三方测评; a manual leaf, were one
added, would be scored from a fictional report); the ranking published; the first commended and the last
given a 限期整改 with its 监督事项, whose 来源 is that agency's result."""

from decimal import Decimal

from django.utils import timezone

from zhifa.core.models import Agency
from zhifa.evaluation import scoring, services
from zhifa.evaluation.choices import ConsequenceKind
from zhifa.evaluation.models import Node, Result, Scheme

BUREAU = "东湖区司法局"
SOURCE = "江州市行政执法满意度第三方测评报告（演示）"


def load(stdout) -> None:
    bureau = Agency.objects.get(name=BUREAU)
    year = timezone.localdate().year
    if Scheme.objects.filter(region=bureau.region, year=year).exists():
        return
    scheme = services.scheme_create(actor=None, bureau=bureau, year=year)
    services.scheme_publish(actor=None, scheme=scheme)
    manual = [n for n in scoring.tree(scheme) if n.is_leaf and n.computed is None]
    for index, agency in enumerate(scoring.evaluated_agencies(scheme)):
        for offset, node in enumerate(manual):
            score = Decimal(95 - 4 * index - 3 * offset).max(Decimal(60))
            services.score_enter(actor=None, node=node, agency=agency, score=score, source=SOURCE)
    ranking = services.ranking_publish(actor=None, scheme=scheme)
    results = list(Result.objects.filter(ranking=ranking).order_by("rank", "agency__name"))
    services.consequence_record(
        actor=None,
        result=results[0],
        data=services.ConsequenceInput(
            kind=ConsequenceKind.COMMEND, note=f"{year}年度评议考核第一名，予以表彰"
        ),
    )
    if len(results) > 1:
        services.consequence_record(
            actor=None,
            result=results[-1],
            data=services.ConsequenceInput(
                kind=ConsequenceKind.RECTIFY, note="评议考核排名末位，限期三个月整改", open_item=True
            ),
        )
    stdout.write(
        f"评议考核：{bureau.name}{year}年度结果已发布（{len(results)}个机关，{Node.objects.filter(scheme=scheme).count()}项指标）\n"
    )
