"""How 投诉举报 plugs into the product: role permissions, the menu, the 工作台 provider, the record labels,
the stored due dates (core.deadlines: a calendar change moves the open ones), the complaint as a 监督事项
来源 and the complaint page's panel slot "complaint" (core.panels: later apps add their cards to it)."""

RECORD_LABELS = {
    "complaint.submit": "收到投诉举报",
    "complaint.accept": "受理投诉举报",
    "complaint.transfer": "转办投诉举报",
    "complaint.dispute": "提请投诉举报转办争议",
    "complaint.settle": "裁定投诉举报承办机关",
    "complaint.handle": "开始办理投诉举报",
    "complaint.extend": "延长投诉举报答复期限",
    "complaint.reply": "答复投诉举报",
    "complaint.rate": "投诉举报人评价答复",
    "complaint.redo": "责令重新办理投诉举报",
    "complaint.close": "投诉举报办结",
    "complaint.merge": "合并重复投诉举报",
    "complaint.open_case": "由投诉举报登记案件",
    "complaint.open_item": "由投诉举报立项监督",
    "complaint.open_oversight": "由投诉举报督办",
    "complaint.link_case": "关联已立案件",
    "complaint_bulletin.generate": "生成投诉举报定期通报",
}


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import deadlines, record_labels, workbench
    from zhifa.core.menu import MenuItem, register

    from .cards import cards
    from .clocks_registry import DEADLINES
    from .transitions import HANDLE, SETTLE, VIEW
    from .workbench import pending

    # every business role of the handling agency sees and handles what is routed to it; the justice
    # bureau's supervisors (REGION scope) see their region's subtree, settle disputes and supervise
    grant(BUSINESS_ROLES, {VIEW, HANDLE})
    grant([RoleCode.SUPERVISOR], {SETTLE})
    register(
        MenuItem("投诉举报", "投诉举报", "complaints:list", VIEW, order=10),
        MenuItem("投诉举报", "登记投诉举报", "complaints:new", HANDLE, order=20),
        MenuItem("投诉举报", "12345批量导入", "complaints:import", HANDLE, order=30),
        MenuItem("投诉举报", "统计与通报", "complaints:stats", VIEW, order=40),
        MenuItem("投诉举报", "定期通报", "complaints:bulletins", VIEW, order=50),
    )
    workbench.register(pending)
    workbench.register_cards(cards)
    deadlines.register(*DEADLINES)
    for action, label in RECORD_LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)
    register_source()


def register_source() -> None:
    """A 监督事项 opened from a complaint (services.complaint_open_item) names it as its 来源; the complaint
    page shows the open items opened from it (the source panel, in the slot "complaint")."""
    from django.urls import reverse

    from zhifa.core import panels
    from zhifa.supervision.actions import sources
    from zhifa.supervision.actions.panels import source_banner

    from .models import Complaint

    sources.register(
        Complaint,
        key="complaint",
        label="投诉举报",
        agency_of=lambda complaint: complaint.agency,
        url_of=lambda complaint: reverse("complaints:detail", args=[complaint.pk]),
        title_of=lambda complaint: f"{complaint.number}：{complaint.title}",
        one_click=False,  # complaint_open_item opens it (日常监督 of the handling agency, linked back)
    )
    panels.register(
        "complaint",
        panels.Panel("supervision/actions/_source_panel.html", source_banner(Complaint), order=10),
    )
