"""The 法制审核 page explains the step (core.step_help): 行政处罚法 第五十八条."""

from zhifa.core.step_help import HELP


def test_the_review_page_shows_its_help(client, reviewer, submitted):
    client.force_login(reviewer)
    page = client.get(f"/review/{submitted.pk}/").content.decode()
    assert "本环节说明：法制审核" in page
    assert HELP["review.review"].meaning in page
    assert "《中华人民共和国行政处罚法》第五十八条" in page
