from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    """投诉举报: intake from the portal, windows, telephone, 12345 and the social supervisors; routing,
    reply, rating, statistics and the 通报."""

    name = "zhifa.complaints"
    label = "complaints"
    verbose_name = "投诉举报"

    def ready(self):
        from .wiring import wire

        wire()
