"""演示数据: the fictional 江州市 loaded by `zhifa demo`, one module per app, kept out of the apps so that
no runtime module imports demo code. Each module's `load(stdout)` is idempotent and goes through the
apps' services (as the system actor), so the demo also exercises the rules and the record log.

The modules load in dependency order, the order of INSTALLED_APPS: each reads what the earlier ones made."""

from . import (
    accounts,
    cases,
    catalog,
    collaboration_joint,
    collaboration_notices,
    collaboration_transfers,
    complaints,
    core,
    credit_repair,
    detection,
    equipment,
    evaluation,
    exchange,
    filings,
    guidance,
    information_systems,
    inspections,
    jobs,
    notifications,
    publicity,
    recognition,
    registry,
    review,
    social,
    stats_reports,
    supervision,
    training,
)

MODULES = (
    core,
    accounts,
    registry,
    catalog,
    cases,
    review,
    publicity,
    credit_repair,
    inspections,
    supervision,
    complaints,
    social,
    detection,
    evaluation,
    collaboration_transfers,
    collaboration_joint,
    collaboration_notices,
    stats_reports,
    jobs,
    exchange,
    notifications,
    guidance,
    training,
    recognition,
    filings,
    equipment,
    information_systems,
)


def load(stdout) -> None:
    for module in MODULES:
        module.load(stdout)
