"""How 监督事项：发现问题、监督文书、整改与升级 plugs into the product: role permissions, menu entries, 工作台 providers, panels, record labels.
Called from SupervisionConfig.ready()."""


def wire() -> None:
    pass
