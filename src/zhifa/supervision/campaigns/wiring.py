"""How 案卷评查 plugs into the product: role permissions, menu entries, the 工作台 provider, and the view
grant that lets an assigned reviewer of another agency see their files. Called from SupervisionConfig.ready()."""


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import workbench
    from zhifa.core.menu import MenuItem, register

    from . import selectors
    from .transitions import MANAGE, SCORE

    grant(BUSINESS_ROLES, {selectors.VIEW, selectors.VIEW_FILE})
    # 执法监督人员 organise campaigns and review; 法制审核人员 of the departments review (交叉评查).
    grant([RoleCode.SUPERVISOR], {MANAGE, SCORE, selectors.VIEW_TEMPLATE, selectors.VIEW_VERSION})
    grant([RoleCode.LEGAL_REVIEWER], {SCORE})
    selectors.grant_reviewers_their_files()
    workbench.register(selectors.pending)
    register(
        MenuItem("执法监督", "案卷评查", "supervision:campaign_list", selectors.VIEW, order=130),
        MenuItem(
            "执法监督", "评查标准", "supervision:campaign_templates", selectors.VIEW_TEMPLATE, order=131
        ),
    )
    register_source()


def register_source() -> None:
    """A 监督事项 opened from a 评查 file (services.file_open_item) names it as its 来源."""
    from django.urls import reverse

    from zhifa.supervision.actions import sources
    from zhifa.supervision.models import CampaignFile

    sources.register(
        CampaignFile,
        key="campaign-file",
        label="评查案卷",
        agency_of=lambda file: file.agency,
        url_of=lambda file: reverse("supervision:campaign_file", args=[file.pk]),
        title_of=lambda file: f"{file.campaign.title}：案卷{file.case.number or file.case_id}",
        one_click=False,  # file_open_item opens it (the findings carried over)
    )
