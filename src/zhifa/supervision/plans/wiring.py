"""How 监督计划、工作台账与督办 plugs into the product: role permissions, menu entries, 工作台 providers, panels, record labels.
Called from SupervisionConfig.ready()."""


def wire() -> None:
    pass
