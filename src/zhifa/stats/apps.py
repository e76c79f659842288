from django.apps import AppConfig


class StatsConfig(AppConfig):
    """统计分析 (seed 002 (十二), seed 001 §5, seed 003 五): the dashboards (驾驶舱) of each level, the on-time
    rates, 工作台账 and the periodic 报送 that agencies send up, each figure one grouped query with a drill-down
    to the records it counts."""

    name = "zhifa.stats"
    label = "stats"
    verbose_name = "统计分析"

    def ready(self):
        from .wiring import wire

        wire()
