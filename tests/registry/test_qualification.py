"""法制审核人员's 法律职业资格 and training (seed 003 四(二)2–3): the certificate number and date on the officer
(both or neither, the date not ahead), the share of reviewers holding it next to the 5% ratio, and each
reviewer's 法制审核业务 hours against the yearly target (a setting) — service, page and API."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import OfficerFactory, TrainingFactory
from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record
from zhifa.registry import selectors, services
from zhifa.registry.models import Officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(agencies):
    return agencies["east_market"]


@pytest.fixture
def keeper(market, make_user):
    return make_user(market, RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def reviewers(market, make_user):
    """Two reviewers: 陈静 qualified (with 16 hours of 法制审核业务 this year), 王敏 not; and 20 officers."""
    chen = make_user(market, RoleCode.LEGAL_REVIEWER, username="chen", real_name="陈静")
    wang = make_user(market, RoleCode.LEGAL_REVIEWER, username="wang", real_name="王敏")
    qualified = OfficerFactory(
        agency=market, name="陈静", user=chen, legal_qualification_number="A2015001",
        legal_qualification_on=date(2015, 12, 20),
    )  # fmt: skip
    OfficerFactory(agency=market, name="王敏", user=wang)
    for _ in range(18):
        OfficerFactory(agency=market)
    TrainingFactory(officer=qualified, on=date(2026, 6, 18), hours=Decimal(16), kind="legal_review")
    TrainingFactory(officer=qualified, on=date(2026, 3, 1), hours=Decimal(40), kind="business")
    return chen, wang


def test_the_share_of_qualified_reviewers_beside_the_ratio(market, reviewers):
    ratios = selectors.agency_ratios(type(market).objects.filter(pk=market.pk))[market.pk]
    assert (ratios.officers, ratios.reviewers, ratios.reviewers_required, ratios.qualified) == (20, 2, 1, 1)
    assert ratios.qualified_share == 0.5


def test_reviewer_training_counts_only_legal_review_hours(market, reviewers, settings):
    standings = {s.user.real_name: s for s in selectors.reviewer_standings([market.pk], 2026)}
    assert (standings["陈静"].hours, standings["陈静"].target, standings["陈静"].shortfall) == (16, 20, 4)
    assert (standings["陈静"].qualified, standings["王敏"].qualified, standings["王敏"].hours) == (
        True,
        False,
        0,
    )
    settings.ZHIFA_REVIEWER_TRAINING_HOURS_PER_YEAR = 12
    standings = {s.user.real_name: s for s in selectors.reviewer_standings([market.pk], 2026)}
    assert (standings["陈静"].is_short, standings["王敏"].is_short) == (False, True)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"legal_qualification_number": "A1"}, {"legal_qualification_on": ["填写了法律职业资格证书编号，请同时填写取得法律职业资格日期"]}),
        ({"legal_qualification_on": date(2020, 1, 1)}, {"legal_qualification_number": ["填写了取得法律职业资格日期，请同时填写法律职业资格证书编号"]}),
        ({"legal_qualification_number": "A1", "legal_qualification_on": date(2099, 1, 1)}, {"legal_qualification_on": ["取得法律职业资格日期（2099-01-01）不能晚于今天"]}),
    ],
)  # fmt: skip
def test_the_qualification_is_refused_by_field_with_nothing_written(market, keeper, changes, expected):
    officer = OfficerFactory(agency=market, name="周婷")
    before = Record.objects.count()
    with pytest.raises(ValidationError) as info:
        services.officer_update(actor=keeper, officer=officer, **changes)
    assert info.value.message_dict == expected
    assert Record.objects.count() == before
    assert Officer.objects.get(pk=officer.pk).legal_qualification_number == ""


def test_the_officer_form_and_page_show_it(client, market, keeper):
    officer = OfficerFactory(agency=market, name="周婷", id_number="110101199001010015")
    client.force_login(keeper)
    url = reverse("registry:officer_edit", args=[officer.pk])
    form = client.get(url).content.decode()
    assert "法律职业资格证书编号" in form and "取得法律职业资格日期" in form
    data = {
        "name": "周婷", "id_number": officer.id_number, "kind": "officer", "status": "active",
        "legal_qualification_number": "A2019009", "legal_qualification_on": "2019-12-01",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("registry:officer_detail", args=[officer.pk])).content.decode()
    assert "证书编号A2019009，2019年12月1日取得" in page or "证书编号A2019009，2019-12-01取得" in page


def test_the_compliance_pages_and_api(client, market, reviewers, make_user):
    supervisor = make_user(market, RoleCode.AGENCY_HEAD, username="head2")
    client.force_login(supervisor)
    page = client.get(reverse("registry:compliance"), {"year": 2026}).content.decode()
    assert "具有法律职业资格" in page and "50.0%" in page
    detail = client.get(reverse("registry:compliance_reviewers", args=[market.pk]), {"year": 2026})
    text = detail.content.decode()
    assert "其中具有法律职业资格1人，占50.0%" in text and "尚差4" in text
    ratios = client.get(f"/api/registry/agencies/{market.pk}/ratios").json()
    assert (ratios["qualified"], ratios["qualified_share"]) == (1, 0.5)
    rows = client.get(f"/api/registry/agencies/{market.pk}/reviewers", {"year": 2026}).json()
    assert [(r["name"], r["legal_qualification_number"], r["hours"], r["shortfall"]) for r in rows] == [
        ("王敏", "", 0.0, 20.0),
        ("陈静", "A2015001", 16.0, 4.0),
    ]
