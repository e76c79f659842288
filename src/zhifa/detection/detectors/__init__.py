"""The models of the 线索中心, one module each; `register_all` puts them in the framework's registry in
the order the 线索中心 lists them. Adding a model: a module here with a `MODEL = Model(...)` and its test
in tests/detection/ with known hits and non-hits (docs/architecture.md §5)."""

from .. import framework


def register_all() -> None:
    from . import (
        certificates,
        crime,
        discretion,
        disparity,
        inspections,
        overdue,
        overlimit,
        profit,
        repeat_fine,
        unfiled,
    )

    for module in (
        discretion,
        disparity,
        overlimit,
        certificates,
        overdue,
        repeat_fine,
        crime,
        inspections,
        profit,
        unfiled,
    ):
        for model in module.MODELS:
            framework.register(model)
