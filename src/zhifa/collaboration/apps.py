from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    """1+X 协同 (seed 004; seed 000 §1–2; seed 002 (八)): the 联合执法 organisation, joint actions, case
    transfer (移送) with its clocks, 抄告, 协助, jurisdiction disputes, 行刑衔接 and the 联席会议 — every
    hand-off between agencies, recorded in the record log with its clock."""

    name = "zhifa.collaboration"
    label = "collaboration"
    verbose_name = "协同执法"

    def ready(self):
        from .wiring import wire

        wire()
