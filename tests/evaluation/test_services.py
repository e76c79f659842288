"""评议考核 services: the default tree, versions, weights, computed indicators with exact rates, manual
scores within range, the ranking published as a snapshot, consequences; refusals write nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.evaluation.conftest import EXTERNAL, YEAR, EvaluationWrites, external_by_hand
from zhifa.core.models import Agency, Record
from zhifa.evaluation import indicators, scoring, services
from zhifa.evaluation.choices import ConsequenceKind, SchemeStatus
from zhifa.evaluation.models import FrozenError, Node, Result
from zhifa.supervision.models import SupervisionItem

D = Decimal


def _node(scheme, name) -> Node:
    return Node.objects.get(scheme=scheme, name=name)


@pytest.fixture
def scheme(supervisor):
    return external_by_hand(services.scheme_create(actor=supervisor, year=YEAR), supervisor)


@pytest.fixture
def published(scheme, supervisor):
    return services.scheme_publish(actor=supervisor, scheme=scheme)


def _score_external(scheme, supervisor, agency, values):
    for name, value in zip(EXTERNAL, values, strict=True):
        services.score_enter(
            actor=supervisor,
            node=_node(scheme, name),
            agency=agency,
            score=value,
            source="2025年度第三方测评报告",
        )


class TestScheme:
    def test_default_tree_general_specific_external(self, scheme):
        top = Node.objects.filter(scheme=scheme, parent=None).order_by("order")
        assert [(n.name, n.weight) for n in top] == [
            ("一般指标", D(30)),
            ("专项指标", D(50)),
            ("外部评价", D(20)),
        ]
        for group in top:
            assert sum(c.weight for c in group.children.all()) == D(100)
        assert scheme.region.name == "东区" and scheme.version == 1 and scheme.status == SchemeStatus.DRAFT
        assert Record.objects.filter(action="evaluation.scheme.create").count() == 1

    def test_one_scheme_per_region_and_year(self, scheme, supervisor):
        writes = EvaluationWrites()
        with pytest.raises(ValidationError) as exc:
            services.scheme_create(actor=supervisor, year=YEAR)
        assert exc.value.message_dict == {"year": ["东区2025年度已有考核方案，请在其中修改或生成新版本"]}
        assert writes.none

    def test_only_a_justice_bureau(self, head_a):
        with pytest.raises((ValidationError, PermissionDenied)):
            services.scheme_create(actor=head_a, year=YEAR)

    def test_weights_must_sum_to_100_naming_the_node(self, scheme, supervisor):
        specific = _node(scheme, "专项指标")
        weights = {c.pk: c.weight for c in specific.children.all()}
        first = next(iter(weights))
        weights[first] -= 5
        writes = EvaluationWrites()
        with pytest.raises(ValidationError) as exc:
            services.weights_set(actor=supervisor, scheme=scheme, parent=specific, weights=weights)
        assert exc.value.message_dict == {"weights": ["“专项指标”的下级指标权重合计为95，应为100"]}
        assert writes.none
        assert Node.objects.get(pk=first).weight == D(20)

    def test_top_level_weights(self, scheme, supervisor):
        top = {
            n.pk: w
            for n, w in zip(
                Node.objects.filter(scheme=scheme, parent=None).order_by("order"), (40, 40, 20), strict=True
            )
        }
        services.weights_set(actor=supervisor, scheme=scheme, parent=None, weights=top)
        assert _node(scheme, "一般指标").weight == D(40)
        with pytest.raises(ValidationError) as exc:
            services.weights_set(
                actor=supervisor, scheme=scheme, parent=None, weights={**top, next(iter(top)): 41}
            )
        assert exc.value.message_dict == {"weights": ["一级指标权重合计为101，应为100"]}

    def test_publish_refuses_an_added_node_breaking_the_sum(self, scheme, supervisor):
        general = _node(scheme, "一般指标")
        services.node_add(
            actor=supervisor,
            scheme=scheme,
            parent=general,
            data=services.NodeInput(name="执法公示平台建设", weight=10),
        )
        writes = EvaluationWrites()
        with pytest.raises(ValidationError) as exc:
            services.scheme_publish(actor=supervisor, scheme=scheme)
        assert exc.value.message_dict == {"weights": ["“一般指标”的下级指标权重合计为110，应为100"]}
        assert writes.none
        scheme.refresh_from_db()
        assert scheme.status == SchemeStatus.DRAFT

    def test_published_is_frozen_and_revision_is_a_new_version(self, published, supervisor):
        with pytest.raises(ValidationError) as exc:
            services.node_add(
                actor=supervisor,
                scheme=published,
                parent=None,
                data=services.NodeInput(name="新指标", weight=0),
            )
        assert exc.value.message_dict == {"scheme": ["已发布的考核方案不能修改，请生成新版本后修改"]}
        node = _node(published, "一般指标")
        node.name = "改名"
        with pytest.raises(FrozenError):
            node.save()
        draft = services.scheme_revise(actor=supervisor, scheme=published, note="增加营商环境指标")
        assert (draft.version, draft.status, draft.note) == (2, SchemeStatus.DRAFT, "增加营商环境指标")
        assert (
            Node.objects.filter(scheme=draft).count() == Node.objects.filter(scheme=published).count() == 19
        )
        services.node_update(
            actor=supervisor,
            node=_node(draft, "一般指标"),
            data=services.NodeInput(name="基础指标", weight=30),
        )
        assert _node(published, "一般指标").name == "一般指标"

    def test_unknown_indicator_refused(self, scheme, supervisor):
        with pytest.raises(ValidationError) as exc:
            services.node_add(
                actor=supervisor,
                scheme=scheme,
                parent=None,
                data=services.NodeInput(name="x", weight=0, indicator="nope"),
            )
        assert exc.value.message_dict == {"indicator": ["没有名为“nope”的计算指标"]}

    def test_other_county_cannot_see(self, scheme, west_supervisor):
        with pytest.raises(Http404):
            services.scheme_publish(actor=west_supervisor, scheme=scheme)


class TestIndicators:
    """Each computed indicator over the seeded records: exact counts, one grouped query each."""

    EXPECTED = {
        "publicity.on_time": {"a": (3, 4)},
        "registry.certificates": {"a": (2, 4), "b": (2, 2)},
        "registry.training": {"a": (2, 4), "b": (2, 2)},
        "review.major_coverage": {"a": (1, 2)},
        "cases.overdue": {"a": (1, 3)},
        "cases.reversal": {"a": (1, 2)},
        "supervision.campaign_score": {"a": (170, 2)},
        "supervision.items_on_time": {"a": (1, 2)},
        "supervision.rectification_on_time": {"a": (1, 1), "b": (0, 1)},
    }

    @pytest.mark.parametrize("key", sorted(EXPECTED))
    def test_measure(self, seeded, key, django_assert_num_queries):
        indicator = indicators.get(key)
        agencies = Agency.objects.filter(pk__in=[seeded["a"].pk, seeded["b"].pk])
        with django_assert_num_queries(1):
            measured = indicators.measure(indicator, agencies, YEAR)
        got = {
            name: (int(measured[seeded[name].pk].counted), measured[seeded[name].pk].total)
            for name in ("a", "b")
            if seeded[name].pk in measured
        }
        assert got == self.EXPECTED[key]

    @pytest.mark.parametrize("key", sorted(EXPECTED))
    def test_drill_down_lists_exactly_what_is_counted(self, seeded, key):
        indicator = indicators.get(key)
        rows = list(indicators.records(indicator, seeded["a"], YEAR))
        counted, total = self.EXPECTED[key]["a"]
        assert len(rows) == total
        if indicator.kind == indicators.RATE:
            assert sum(r.is_counted for r in rows) == counted

    def test_another_year_counts_nothing(self, seeded):
        agencies = Agency.objects.filter(pk=seeded["a"].pk)
        assert indicators.measure(indicators.get("cases.overdue"), agencies, YEAR + 1) == {}


class TestEvaluation:
    def test_exact_scores_and_ranking(self, seeded, scheme, supervisor):
        _score_external(scheme, supervisor, seeded["a"], (90, 80, 70))
        _score_external(scheme, supervisor, seeded["b"], (60, 60, 60))
        evaluation = scoring.evaluate(scheme)
        by_name = {line.agency.name: line for line in evaluation.lines}
        a, b = by_name["东区市场监督管理局"], by_name["东区生态环境局"]

        def cell(line, name):
            return line.cells[_node(scheme, name).pk].score

        assert [
            cell(a, n) for n in ("执法人员持证率", "执法人员年度培训达标率", "行政执法决定按时公示率")
        ] == [D("50.00"), D("50.00"), D("75.00")]
        assert cell(a, "一般指标") == D("60.00")
        assert [
            cell(a, n)
            for n in (
                "重大执法决定法制审核率",
                "案件超期率",
                "案卷评查平均分",
                "复议诉讼纠错率",
                "监督事项按期整改率",
                "突出问题按期整改率",
            )
        ] == [D("50.00"), D("66.67"), D("85.00"), D("50.00"), D("50.00"), D("100.00")]
        assert cell(a, "部门协作配合") == D("100.00")  # no hand-off owed: nothing late
        # 50 × 20% + 66.67 × 15% + 85 × 20% + 50 × 10% + 50 × 10% + 100 × 15% + 100 × 10%
        assert cell(a, "专项指标") == D("72.00")
        assert cell(a, "外部评价") == D("79.00")
        assert a.total == D("69.80")
        assert (cell(b, "一般指标"), cell(b, "专项指标"), cell(b, "外部评价"), b.total) == (
            D("100.00"),
            D("85.00"),
            D("60.00"),
            D("84.50"),
        )
        assert [(line.agency.name, line.rank) for line in evaluation.lines] == [
            ("东区生态环境局", 1),
            ("东区市场监督管理局", 2),
        ]

    def test_evaluation_query_count_does_not_grow_with_agencies(
        self, seeded, published, django_assert_max_num_queries, city
    ):
        from tests.factories import AgencyFactory

        for i in range(10):
            AgencyFactory(name=f"东区第{i}局", region=city["east"])
        # agencies + nodes + 12 computed indicators + manual scores
        with django_assert_max_num_queries(15):
            evaluation = scoring.evaluate(published)
        assert len(evaluation.lines) == 12


class TestManualScores:
    def test_out_of_range_refused(self, seeded, scheme, supervisor):
        node = _node(scheme, "社会满意度测评")
        writes = EvaluationWrites()
        for bad in ("100.01", "-1"):
            with pytest.raises(ValidationError) as exc:
                services.score_enter(
                    actor=supervisor, node=node, agency=seeded["a"], score=bad, source="测评"
                )
            assert exc.value.message_dict == {"score": ["“社会满意度测评”的得分应在0至100之间"]}
        assert writes.none

    @pytest.mark.parametrize("bad", ["九十", "NaN", "Infinity", "1e999"])
    def test_not_a_number_refused(self, seeded, scheme, supervisor, bad):
        writes = EvaluationWrites()
        with pytest.raises(ValidationError) as exc:
            services.score_enter(
                actor=supervisor,
                node=_node(scheme, "社会满意度测评"),
                agency=seeded["a"],
                score=bad,
                source="测评",
            )
        assert exc.value.message_dict == {"score": ["“社会满意度测评”的得分应为数字"]}
        assert writes.none

    def test_source_required_and_computed_leaf_refused(self, seeded, scheme, supervisor):
        with pytest.raises(ValidationError) as exc:
            services.score_enter(
                actor=supervisor,
                node=_node(scheme, "社会满意度测评"),
                agency=seeded["a"],
                score=90,
                source=" ",
            )
        assert exc.value.message_dict == {"source": ["请填写评分依据"]}
        with pytest.raises(ValidationError) as exc:
            services.score_enter(
                actor=supervisor, node=_node(scheme, "案件超期率"), agency=seeded["a"], score=90, source="x"
            )
        assert exc.value.message_dict == {"node": ["“案件超期率”由系统计算，不需人工评分"]}

    def test_agency_outside_region_refused(self, seeded, scheme, supervisor, agencies):
        with pytest.raises(ValidationError) as exc:
            services.score_enter(
                actor=supervisor,
                node=_node(scheme, "社会满意度测评"),
                agency=agencies["west_market"],
                score=90,
                source="x",
            )
        assert exc.value.message_dict == {"agency": ["西县市场监督管理局不在东区的考核范围内"]}

    def test_reentry_replaces_and_is_recorded(self, seeded, scheme, supervisor):
        node = _node(scheme, "社会满意度测评")
        services.score_enter(actor=supervisor, node=node, agency=seeded["a"], score=70, source="一季度测评")
        entry = services.score_enter(
            actor=supervisor, node=node, agency=seeded["a"], score="72.5", source="全年测评"
        )
        assert (entry.score, entry.source) == (D("72.50"), "全年测评")
        assert Record.objects.filter(action="evaluation.score.enter").count() == 2


class TestRanking:
    def test_publish_refused_while_scores_missing(self, seeded, published, supervisor):
        writes = EvaluationWrites()
        with pytest.raises(ValidationError) as exc:
            services.ranking_publish(actor=supervisor, scheme=published)
        assert exc.value.message_dict == {
            "scores": ["东区生态环境局的“投诉举报按期办结率”尚未评分（共6项未评分）"]
        }
        assert writes.none

    def test_publish_freezes_a_snapshot(self, seeded, published, supervisor, head_a, head_b):
        _score_external(published, supervisor, seeded["a"], (90, 80, 70))
        _score_external(published, supervisor, seeded["b"], (60, 60, 60))
        ranking = services.ranking_publish(actor=supervisor, scheme=published)
        assert [(r.agency.name, r.rank, r.total) for r in ranking.results.order_by("rank")] == [
            ("东区生态环境局", 1, D("84.50")),
            ("东区市场监督管理局", 2, D("69.80")),
        ]
        assert ranking.snapshot["lines"][0] == {
            "agency": seeded["b"].pk,
            "name": "东区生态环境局",
            "rank": 1,
            "total": "84.50",
        }
        assert Record.objects.filter(action="evaluation.ranking.publish").count() == 1
        with pytest.raises(ValidationError):
            services.ranking_publish(actor=supervisor, scheme=published)
        with pytest.raises(ValidationError) as exc:
            services.score_enter(
                actor=supervisor,
                node=_node(published, "社会满意度测评"),
                agency=seeded["a"],
                score=1,
                source="x",
            )
        assert exc.value.message_dict == {"score": ["考核结果已发布，不能再录入评分"]}
        # each agency sees its own line only
        from zhifa.evaluation import selectors

        assert [r.agency_id for r in selectors.results_visible_to(head_a)] == [seeded["a"].pk]
        assert [r.agency_id for r in selectors.results_visible_to(head_b)] == [seeded["b"].pk]


@pytest.fixture
def ranked(seeded, published, supervisor):
    _score_external(published, supervisor, seeded["a"], (90, 80, 70))
    _score_external(published, supervisor, seeded["b"], (60, 60, 60))
    return services.ranking_publish(actor=supervisor, scheme=published)


class TestConsequences:
    def test_rectify_opens_a_supervision_item(self, ranked, supervisor, seeded):
        result = Result.objects.get(ranking=ranked, agency=seeded["a"])
        consequence = services.consequence_record(
            actor=supervisor,
            result=result,
            data=services.ConsequenceInput(
                kind=ConsequenceKind.RECTIFY, note="公示和培训不达标，限三个月整改", open_item=True
            ),
        )
        item = consequence.supervision_item
        assert item is not None and item.agency == seeded["a"]
        assert item.title == "2025年度评议考核限期整改（第2名，69.80分）"
        assert item.reason == "公示和培训不达标，限三个月整改"
        assert Record.objects.filter(action="evaluation.consequence.record", agency=seeded["a"]).count() == 1

    def test_the_item_names_the_result_as_its_source(
        self, client, ranked, supervisor, seeded, west_supervisor
    ):
        result = Result.objects.get(ranking=ranked, agency=seeded["a"])
        rectify = services.ConsequenceInput(
            kind=ConsequenceKind.RECTIFY, note="限期三个月整改", open_item=True
        )
        item = services.consequence_record(actor=supervisor, result=result, data=rectify).supervision_item
        label = "东区市场监督管理局2025年度评议考核结果（第2名，69.80分）"
        assert (item.source_type, item.source_id, item.source_label) == (
            "evaluation.result",
            str(result.pk),
            label,
        )
        client.force_login(supervisor)
        detail = client.get(f"/supervision/actions/{item.pk}/").content.decode()
        assert (
            f'来源</th><td data-testid="item-source">评议考核结果 '
            f'<a href="/evaluation/results/{result.pk}/">{label}</a>'
        ) in detail
        page = client.get(f"/evaluation/results/{result.pk}/").content.decode()
        assert f'东区司法局正在日常监督：<a href="/supervision/actions/{item.pk}/">{item.title}</a>' in page
        # a second 限期整改 opening another item while this one is open is refused, nothing written
        writes = EvaluationWrites()
        with pytest.raises(ValidationError) as exc:
            services.consequence_record(actor=supervisor, result=result, data=rectify)
        assert exc.value.message_dict == {
            "source": [f"该评议考核结果已有办理中的监督事项（{item.title}），请在该事项中处理"]
        }
        assert writes.none
        client.force_login(west_supervisor)
        assert client.get(f"/supervision/actions/{item.pk}/").status_code == 404
        assert client.get(f"/evaluation/results/{result.pk}/").status_code == 404

    def test_commend_cannot_open_an_item(self, ranked, supervisor, seeded):
        result = Result.objects.get(ranking=ranked, agency=seeded["b"])
        writes = EvaluationWrites()
        with pytest.raises(ValidationError) as exc:
            services.consequence_record(
                actor=supervisor,
                result=result,
                data=services.ConsequenceInput(kind=ConsequenceKind.COMMEND, note="第一名", open_item=True),
            )
        assert exc.value.message_dict == {"open_item": ["只有限期整改可以同时立项监督"]}
        assert writes.none
        assert not SupervisionItem.objects.filter(agency=seeded["b"]).exists()

    def test_agency_cannot_decide(self, ranked, head_a, seeded):
        result = Result.objects.get(ranking=ranked, agency=seeded["a"])
        with pytest.raises(PermissionDenied):
            services.consequence_record(
                actor=head_a,
                result=result,
                data=services.ConsequenceInput(kind=ConsequenceKind.COMMEND, note="x"),
            )
