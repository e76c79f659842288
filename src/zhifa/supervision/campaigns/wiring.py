"""How 案卷评查活动：抽取、交叉评查、评分 plugs into the product: role permissions, menu entries, 工作台 providers, panels, record labels.
Called from SupervisionConfig.ready()."""


def wire() -> None:
    pass
