from django.apps import AppConfig


class TrainingConfig(AppConfig):
    """培训体系 (seed 002 (一)(三), seed 000 §19): each agency's 年度培训计划 reported to the justice bureau,
    the 培训师资库, the 领导干部学法 sessions, and the 全员轮训 completion rate per agency read from the
    officers' training records (registry.TrainingRecord; the records themselves stay registry's)."""

    name = "zhifa.training"
    label = "training"
    verbose_name = "培训管理"

    def ready(self):
        from .wiring import wire

        wire()
