"""Page and API refuse the same ill-formed input of the 评议考核 writes alike (tests/parity.py): control
characters in every free-text field, and the bad input of the issue (a score outside its range, a missing
source, a missing reason)."""

import pytest

from tests.evaluation.conftest import YEAR, EvaluationWrites, external_by_hand
from tests.parity import Door, check_door
from zhifa.evaluation import services
from zhifa.evaluation.choices import ConsequenceKind
from zhifa.evaluation.models import Node, Result

pytestmark = pytest.mark.django_db
OP = "zhifa_evaluation_api_"


@pytest.fixture
def scheme(supervisor):
    return external_by_hand(services.scheme_create(actor=supervisor, year=YEAR), supervisor)


def revise_door(scheme_id: int) -> Door:
    return Door(
        "生成考核方案新版本",
        f"{OP}scheme_revise",
        page=f"/evaluation/{scheme_id}/revise/",
        api=f"/api/evaluation/schemes/{scheme_id}/revise",
        good={"note": "增加营商环境指标"},
        text_fields={"note": "修订说明"},
        bad=[("note", "长" * 201, "修订说明最多200个字")],
    )


def node_door(scheme_id: int) -> Door:
    return Door(
        "增加考核指标",
        f"{OP}node_add",
        page=f"/evaluation/{scheme_id}/nodes/new/",
        api=f"/api/evaluation/schemes/{scheme_id}/nodes",
        good={"name": "营商环境", "weight": "10", "indicator": "", "max_score": "100"},
        text_fields={"name": "指标名称"},
        bad=[
            ("name", " ", "请填写指标名称"),
            ("weight", "101", "权重应在0至100之间"),
            ("max_score", "0", "满分应在0.01至1000之间"),
        ],
    )


def score_door(scheme_id: int, node_id: int, agency_id: int) -> Door:
    return Door(
        "录入人工评分",
        f"{OP}score_enter",
        page=f"/evaluation/{scheme_id}/score/{node_id}/{agency_id}/",
        api=f"/api/evaluation/schemes/{scheme_id}/scores",
        good={"score": "88", "source": "第三方测评报告"},
        text_fields={"source": "评分依据"},
        bad=[
            ("score", "100.5", "“社会满意度测评”的得分应在0至100之间"),
            ("score", "-1", "“社会满意度测评”的得分应在0至100之间"),
            ("source", " ", "请填写评分依据"),
        ],
        to_api=lambda d: {**d, "node_id": node_id, "agency_id": agency_id},
    )


def consequence_door(result_id: int) -> Door:
    return Door(
        "记录考核结果运用",
        f"{OP}consequence_record",
        page=f"/evaluation/results/{result_id}/consequence/",
        api=f"/api/evaluation/results/{result_id}/consequences",
        good={"kind": ConsequenceKind.CIRCULATE, "note": "在全区通报"},
        text_fields={"note": "情况说明"},
        bad=[("note", " ", "请填写情况说明"), ("kind", "", "请选择运用方式")],
    )


TABLE = [revise_door(0), node_door(0), score_door(0, 0, 0), consequence_door(0)]  # declared at import


def test_revise(client, supervisor, scheme):
    services.scheme_publish(actor=supervisor, scheme=scheme)
    check_door(client, supervisor, revise_door(scheme.pk), counted=EvaluationWrites.counted)


def test_node_add(client, supervisor, scheme):
    check_door(client, supervisor, node_door(scheme.pk), counted=EvaluationWrites.counted)


def test_score(client, supervisor, scheme, east):
    node = Node.objects.get(scheme=scheme, name="社会满意度测评")
    check_door(
        client, supervisor, score_door(scheme.pk, node.pk, east["a"].pk), counted=EvaluationWrites.counted
    )


def test_consequence(client, supervisor, scheme, east):
    services.scheme_publish(actor=supervisor, scheme=scheme)
    for agency in (east["a"], east["b"]):
        for node in Node.objects.filter(scheme=scheme, parent__name="外部评价"):
            services.score_enter(actor=supervisor, node=node, agency=agency, score=80, source="测评")
    services.ranking_publish(actor=supervisor, scheme=scheme)
    result = Result.objects.get(agency=east["a"])
    check_door(client, supervisor, consequence_door(result.pk), counted=EvaluationWrites.counted)
