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
