"""How 后台任务 plugs into the product: the runs kept from django-tasks' signals, the 系统管理员's
permissions and menu entry, 我的导出 for everyone, the background export offered by core.exports, the
record label of a retry. Called from JobsConfig.ready()."""


def wire() -> None:
    from zhifa.accounts.choices import RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import exports, record_labels, xlsx_import
    from zhifa.core.menu import MenuItem, register

    from . import runs, services, views
    from .selectors import may_see_runs

    runs.connect()
    grant([RoleCode.SYSTEM_ADMIN], {"jobs.view_taskrun", "jobs.change_taskrun"})
    register(
        MenuItem("系统管理", "后台任务", "jobs:runs", "jobs.view_taskrun", order=960, show=may_see_runs),
        MenuItem("首页", "我的导出", "jobs:exports", order=5),
    )
    exports.set_background(views.offer)
    xlsx_import.set_background(services.import_start)
    record_labels.ACTIONS.setdefault("task.retry", "重试后台任务")
