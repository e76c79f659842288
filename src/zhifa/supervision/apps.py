from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """行政执法监督: what the justice bureau does with the enforcement data. Each feature keeps its services,
    selectors, pages, API and wiring together in its own package (plans, actions, campaigns, problems, accountability); the models live
    in `models/`, one module per feature, under the one app label `supervision`."""

    name = "zhifa.supervision"
    label = "supervision"
    verbose_name = "执法监督"

    def ready(self):
        from .accountability.wiring import wire as wire_accountability
        from .actions.wiring import wire as wire_actions
        from .campaigns.wiring import wire as wire_campaigns
        from .plans.wiring import wire as wire_plans
        from .problems.wiring import wire as wire_problems

        wire_plans()
        wire_actions()
        wire_campaigns()
        wire_problems()
        wire_accountability()

        from zhifa.core import deadlines as stored_deadlines

        from . import deadlines

        stored_deadlines.register(*deadlines.ALL)
