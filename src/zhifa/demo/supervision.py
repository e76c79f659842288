"""演示数据 of 执法监督: one function per feature, each idempotent and going through the services."""


def load(stdout) -> None:
    pass
