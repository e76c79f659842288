"""Every step page of a case says what the step means in law, what the system checks, and which article
(core.step_help), with links to the catalogue pages of the case's enforcement items."""

import pytest

from tests.cases.conftest import intake
from zhifa.cases import services
from zhifa.cases.views.steps import ACTIONS
from zhifa.core.step_help import HELP, PENALTY_LAW


@pytest.fixture
def case(agencies, catalogue, handler_user):
    return services.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake())


@pytest.fixture
def root(django_user_model, agencies):
    return django_user_model.objects.create_superuser(
        "root", password="x", real_name="root", agency=agencies["east_market"]
    )


def test_every_case_step_has_its_help_text():
    assert {f"cases.{slug}" for slug in ACTIONS} <= set(HELP)


@pytest.mark.parametrize("slug", ["register", "step", "notify", "hearing", "submit-review", "decide", "serve",
                                  "execute", "close"])  # fmt: skip
def test_the_step_page_shows_its_help_and_the_article(client, root, case, slug):
    client.force_login(root)
    page = client.get(f"/cases/{case.pk}/{slug}/").content.decode()
    help_ = HELP[f"cases.{slug}"]
    assert 'data-testid="step-help"' in page
    assert f"本环节说明：{help_.title}" in page
    assert help_.meaning in page and help_.checks in page
    assert (
        f'<a href="https://flk.npc.gov.cn/" rel="noopener noreferrer" target="_blank">{help_.article}</a>'
        in page
    )
    item = case.items.order_by("code").first()
    assert f'<a href="/catalog/items/{item.pk}/">{item.name}</a>' in page


def test_the_articles_are_those_of_the_law():
    assert HELP["cases.register"].article == f"{PENALTY_LAW}第五十四条"
    assert HELP["cases.notify"].article == f"{PENALTY_LAW}第四十四条"
    assert HELP["cases.hearing"].article == f"{PENALTY_LAW}第六十四条、第六十五条"
    assert HELP["cases.submit-review"].article == f"{PENALTY_LAW}第五十八条"
    assert HELP["cases.decide"].article == f"{PENALTY_LAW}第五十七条"
    assert HELP["cases.serve"].article == f"{PENALTY_LAW}第六十一条"
    assert HELP["cases.execute"].article == f"{PENALTY_LAW}第六十六条至第七十三条"
