"""End-to-end: one 评查 file carried through the real pages in Chromium — the organiser commits and draws,
assigns reviewers automatically; two reviewers of other agencies score it against the automatic
pre-scoring; the organiser concludes, turns the file's findings into a 监督事项, and publishes; the public
sees the summary of results on the portal."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_browser import log_in
from tests.supervision.campaigns import conftest as cc
from zhifa.supervision.campaigns.choices import CampaignStatus, FileStatus
from zhifa.supervision.models import Campaign, CampaignFile, FileReview, SupervisionItem

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# the 案卷评查 tests' fixtures: 东区 with its 司法局 and two departments, reviewers, a campaign
east, version, certified, supervisor, reviewers, campaign = (
    cc.east,
    cc.version,
    cc.certified,
    cc.supervisor,
    cc.reviewers,
    cc.campaign,
)


def confirm(tab: Page) -> None:
    tab.get_by_role("button", name="确定").click()


def campaign_action(tab: Page, name: str) -> None:
    tab.get_by_test_id("campaign-actions").get_by_role("button", name=name).click()


def test_one_file_from_the_draw_to_the_portal(
    page: Page, campaign, east, version, certified, supervisor, reviewers
):
    cc.make_closed(east["market"], version, 1, officers=certified)
    log_in(page, supervisor.username)
    page.goto(f"/supervision/campaigns/{campaign.pk}/")
    page.get_by_test_id("campaign-actions").get_by_role("link", name="公布抽取承诺").click()
    page.locator("#id_per_agency").fill("3")
    confirm(page)  # below the minimum: refused beside the field, nothing committed
    expect(page.locator(".error")).to_contain_text("每个机关至少抽取10卷")
    assert Campaign.objects.get().status == CampaignStatus.DRAFT
    page.locator("#id_per_agency").fill("10")
    confirm(page)
    page.get_by_test_id("campaign-actions").get_by_role("link", name="随机抽取案卷").click()
    confirm(page)
    campaign_action(page, "自动分配评查人")
    file = CampaignFile.objects.get()
    assert set(FileReview.objects.values_list("reviewer__username", flat=True)) == {
        "ecology_reviewer",
        "east_supervisor",
    }

    for username in ("ecology_reviewer", "east_supervisor"):
        page.context.clear_cookies()  # sign out
        log_in(page, username)
        page.goto(f"/supervision/campaigns/files/{file.pk}/")
        page.get_by_role("link", name="评分", exact=True).click()
        expect(page.get_by_test_id("score-form")).to_contain_text("缺少立案审批表")
        page.locator("#id_item_C1").fill("5")  # the rest: the pre-scoring's proposals, adopted
        page.get_by_role("button", name="提交评分").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("评查案卷")
    file.refresh_from_db()
    assert (file.status, str(file.score), file.get_grade_display(), file.vetoed) == (
        FileStatus.FINAL,
        "89.0",
        "不合格",
        True,
    )

    page.goto(f"/supervision/campaigns/{campaign.pk}/")
    campaign_action(page, "结束评查")
    page.goto(f"/supervision/campaigns/files/{file.pk}/")
    page.get_by_role("button", name="转为监督事项（整改）").click()
    expect(page.get_by_test_id("item-status")).to_have_text("核查中")
    item = SupervisionItem.objects.get()
    assert (item.agency, item.case_id, item.campaign_file) == (east["market"], file.case_id, file)
    assert item.findings.count() == 4  # two vetoes, the missing documents, C1

    page.goto(f"/supervision/campaigns/{campaign.pk}/")
    campaign_action(page, "公布评查结果")
    page.context.clear_cookies()
    page.goto(f"/gs/supervision/campaigns/{campaign.pk}/")
    row = page.get_by_test_id("campaign-results").locator("tbody tr")
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells).to_have_text(["东区市场监督管理局", "1", "1", "89.0分", "0", "0", "0", "1", "1"])
    expect(page.locator("body")).to_contain_text("按公布的名单和种子重新抽取，结果一致")
