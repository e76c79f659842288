from django.apps import AppConfig

from . import hygiene

# Before any app's forms are imported (an earlier app's ready() may import them): form fields declared from now on refuse control characters as the models do.
hygiene.forms_refuse_alike()


class CoreConfig(AppConfig):
    name = "zhifa.core"
    label = "core"
    verbose_name = "基础数据"

    def ready(self):
        from . import deadlines, holidays, hygiene, workbench
        from .menu import MenuItem, register

        hygiene.install()
        workbench.register(holidays.pending_for)
        workbench.register(deadlines.moved_for)

        register(
            MenuItem("首页", "工作台", "core:workbench", order=0),
            MenuItem("组织机构", "机关/机构", "core:agency_list", "core.view_agency", order=10),
            MenuItem("安全审计", "执法记录链", "core:record_log", "core.view_record", order=900),
            MenuItem("系统管理", "行政区划", "core:region_list", "core.change_region", order=950),
            MenuItem("系统管理", "机关维护", "core:agency_list", "core.change_agency", order=951),
            MenuItem(
                "系统管理",
                "节假日安排",
                "core:holiday_schedule",
                "core.add_holidayoverride",
                order=952,
                show=holidays.may_change,
            ),
            MenuItem(
                "系统管理",
                "文号格式",
                "core:number_format_list",
                "core.view_numberformat",
                order=953,
            ),
            MenuItem(
                "系统管理",
                "节假日调整",
                "core:holiday_override_list",
                "core.view_holidayoverride",
                order=952,
            ),
        )
