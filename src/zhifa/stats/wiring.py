"""How 统计分析 plugs into the product (role permissions, menu entries, 工作台 providers, stored deadlines,
record labels). Called from StatsConfig.ready()."""


def wire() -> None:
    """Each part's `wire()` is called here, one line per part."""
    from .rates import register_all as register_rates

    register_rates()
    from .dashboard_wiring import wire as wire_dashboards

    wire_dashboards()
    from .reports.wiring import wire as wire_reports

    wire_reports()  # 报送
