from django.apps import AppConfig


class SocialConfig(AppConfig):
    """社会监督 (seed 001 §13, seed 002 (十五)(十八)): the justice bureau's register of 行政执法监督员 and 监督联系点,
    their feedback as an intake channel, and the 回访 and satisfaction surveys whose results are kept per
    agency (read by 评议考核 through `selectors.satisfaction_by_agency`)."""

    name = "zhifa.social"
    label = "social"
    verbose_name = "社会监督"

    def ready(self):
        from .wiring import wire

        wire()
