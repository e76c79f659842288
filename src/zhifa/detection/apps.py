from django.apps import AppConfig


class DetectionConfig(AppConfig):
    """问题线索 (线索中心): problem-detection models over the platform's own data — each a documented,
    versioned function with parameters per region — their runs, and the hits a supervisor confirms or
    dismisses and turns into a 监督事项 or a 督办."""

    name = "zhifa.detection"
    label = "detection"
    verbose_name = "问题线索"

    def ready(self):
        from .wiring import wire

        wire()


class TasksDatabaseConfig(AppConfig):
    """django_tasks_db (the background tasks' queue) under Chinese names: the 审计日志's filters
    show every app and model by its verbose name."""

    name = "django_tasks_db"
    label = "django_tasks_database"
    verbose_name = "后台任务"
    default = False

    def ready(self):
        from django_tasks_db import signal_handlers  # noqa: F401 (what the package's own config loads)

        model = self.get_model("DBTaskResult")
        model._meta.verbose_name = "后台任务"
        model._meta.verbose_name_plural = "后台任务"
