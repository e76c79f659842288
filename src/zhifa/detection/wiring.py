"""How the 线索中心 plugs into the product: the models' registry, role permissions, the menu and the
record labels. Called from DetectionConfig.ready()."""

RECORD_LABELS = {
    "hit.find": "发现问题线索",
    "hit.confirm": "确认问题线索",
    "hit.dismiss": "排除问题线索",
    "hit.supervise": "问题线索转为监督事项",
    "hit.oversee": "问题线索转为督办",
    "detection.param.set": "设定模型参数",
}


def wire() -> None:
    from zhifa.accounts.choices import RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import record_labels
    from zhifa.core.menu import MenuItem, register

    from .detectors import register_all
    from .transitions import HANDLE, RUN, SET_PARAMS, VIEW

    register_all()
    # supervisors (REGION scope: their region's subtree) see, handle and run; an agency's heads see the
    # hits concerning their own agency, read-only (AGENCY scope) — see detection.selectors
    grant([RoleCode.SUPERVISOR], {VIEW, HANDLE, RUN, SET_PARAMS})
    grant([RoleCode.AGENCY_HEAD, RoleCode.UNIT_HEAD, RoleCode.LEGAL_REVIEWER], {VIEW})
    register(MenuItem("执法监督", "线索中心", "detection:center", VIEW, order=160))
    for action, label in RECORD_LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)
    register_source()
    from zhifa.core import workbench

    from .cards import cards

    workbench.register_cards(cards)


def register_source() -> None:
    """A 监督事项 opened from a confirmed hit (services.hit_supervise) names it as its 来源."""
    from django.urls import reverse

    from zhifa.supervision.actions import sources

    from . import framework
    from .models import Hit

    def title(hit) -> str:
        spec = framework.get(hit.model)
        return f"{spec.name if spec else '问题线索'}：{hit.subject}"

    sources.register(
        Hit,
        key="detection-hit",
        label="问题线索",
        agency_of=lambda hit: hit.agency,
        url_of=lambda hit: reverse("detection:hit_detail", args=[hit.pk]),
        title_of=title,
        one_click=False,  # hit_supervise opens it, once the hit is confirmed
    )
