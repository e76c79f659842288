"""How 1+X 协同 plugs into the product: each part of the app wires itself (role permissions, menu entries,
工作台 providers, stored deadlines, record labels). Called from CollaborationConfig.ready()."""


def wire() -> None:
    """Each part's `wire()` is called here, one line per part."""
    from .transfers.wiring import wire as wire_transfers

    wire_transfers()
    from .joint.wiring import wire as wire_joint

    wire_joint()
    from .notices.wiring import wire as wire_notices

    wire_notices()  # 抄告, 协助, 行刑衔接
    from .indicators import register_indicators

    register_indicators()  # 部门协作配合 in 评议考核 (seed 004 七(四))
