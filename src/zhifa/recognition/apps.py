from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    """表彰奖励 (seed 002 (二), seed 000 §19): commendations of officers and agencies for outstanding
    enforcement work, entered by the agency or by the justice bureau within its region, and shown in the
    officer's 执法档案 next to the 责任追究 proceedings (a core.panels panel)."""

    name = "zhifa.recognition"
    label = "recognition"
    verbose_name = "表彰奖励"

    def ready(self):
        from .wiring import wire

        wire()
