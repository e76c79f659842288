from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """评议考核 (seed 000 §19, 002 (十五)): a justice bureau's yearly evaluation of the agencies of its
    region, from an indicator tree whose leaves are computed from the platform's data or scored by hand."""

    name = "zhifa.evaluation"
    label = "evaluation"
    verbose_name = "评议考核"

    def ready(self):
        from .wiring import wire

        wire()
