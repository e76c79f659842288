from django.apps import AppConfig


class JobsConfig(AppConfig):
    """后台任务: the schedule of the periodic work (clocks, 公示 expiry and checkpoint, 执法证 restoration,
    nightly detection, 投诉举报 通报, data exchange), the runs of every background task as the system
    admin sees them (with retry), and the large exports run in the background for the user who asked."""

    name = "zhifa.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self):
        from .wiring import wire

        wire()
