"""Lists approved before publication (seed 003 二(一)2; issue 20 item 5): the 行政执法事项清单 goes to the
county 司法局, the 随机抽查事项清单 to the county 市场监督管理局; only an approved version takes effect and
appears on the portal; a returned one carries the reasons back and can be resubmitted."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from tests.catalog.conftest import FOOD_BASIS, item_fields
from tests.helpers import Api, Writes, errors, html
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import selectors, services, transitions
from zhifa.catalog.models import CatalogVersion, EnforcementItem, VersionReview
from zhifa.core import records
from zhifa.core.models import Record
from zhifa.core.workbench import pending_for

TODAY = date(2026, 3, 2)
RANDOM = {"is_random_inspection": True, "inspection_object": "食品经营者", "inspection_method": "双随机抽查"}


class Wrote(Writes):
    counted = (CatalogVersion, VersionReview)

    def state(self):
        statuses = tuple(CatalogVersion.objects.order_by("pk").values_list("status", flat=True))
        reviews = tuple(VersionReview.objects.order_by("pk").values_list("status", "reason"))
        return (statuses, reviews, *super().state())


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


@pytest.fixture
def head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head", real_name="钱主任")


@pytest.fixture
def justice(agencies, make_user):
    """执法监督人员 of 东区司法局: reviews 东区's 行政执法事项清单."""
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_sv", real_name="周敏")


@pytest.fixture
def city_justice(agencies, make_user):
    """执法监督人员 of the city's 司法局: sees 东区 (region scope) but is not its county reviewer."""
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_sv")


@pytest.fixture
def west_head(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.AGENCY_HEAD, username="west_head")


@pytest.fixture
def justice_officer(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.OFFICER, username="east_justice_officer")


@pytest.fixture
def food(draft):
    return services.item_create(
        actor=None, draft=draft, code="SCJG-CF-001", legal_bases=[FOOD_BASIS], **item_fields()
    )


@pytest.fixture
def submitted(head, draft, food):
    return services.version_submit(
        actor=head, draft=draft, reason="initial", reason_note="首次编制", effective_from=date(2026, 4, 1)
    )


def review_of(version, list_name="catalog"):
    return version.reviews.get(list_name=list_name, status="pending")


# ---- services ---------------------------------------------------------------------------------------


def test_the_table_says_who_moves_a_version_where():
    assert transitions.row("submit").sources == ("draft", "returned")
    assert (transitions.row("submit").target, transitions.row("publish").target) == ("submitted", "published")
    assert transitions.row("return").target == "returned"
    assert transitions.row("approve").perm == "catalog.approve_version"


def test_submit_goes_to_the_county_justice_bureau_and_nothing_takes_effect(submitted, agencies):
    assert submitted.status == "submitted"
    assert [(r.list_name, r.reviewer.name, r.status) for r in submitted.reviews.all()] == [
        ("catalog", "东区司法局", "pending")
    ]
    assert selectors.version_in_force(agencies["east_market"], date(2026, 5, 1)) is None
    assert Record.objects.filter(action="catalog.submit").count() == 1


def test_approve_publishes_and_the_version_is_in_force(submitted, justice, agencies, client):
    version = services.version_approve(actor=justice, review=review_of(submitted))
    assert (version.status, version.published_by, version.effective_from) == (
        "published",
        justice,
        date(2026, 4, 1),
    )
    review = VersionReview.objects.get()
    assert (review.status, review.decided_by) == ("approved", justice)
    assert selectors.version_in_force(agencies["east_market"], date(2026, 3, 31)) is None
    assert selectors.version_in_force(agencies["east_market"], date(2026, 4, 1)) == version
    actions = [a for a in Record.objects.order_by("pk").values_list("action", flat=True)]
    assert actions[-2:] == ["catalog.submit", "catalog.publish"]
    assert records.verify().ok


def test_an_approval_after_the_date_asked_takes_effect_that_day(head, draft, food, justice):
    version = services.version_submit(
        actor=head, draft=draft, reason="initial", effective_from=date(2026, 1, 1)
    )
    version = services.version_approve(actor=justice, review=review_of(version))
    assert version.effective_from == TODAY


def test_a_changed_random_list_also_needs_the_market_regulator(head, draft, justice, agencies, make_user):
    services.item_create(
        actor=None,
        draft=draft,
        code="SCJG-JC-001",
        legal_bases=[FOOD_BASIS],
        **item_fields(name="食品经营监督检查", category="inspection", **RANDOM),
    )
    version = services.version_submit(actor=head, draft=draft, reason="initial")
    assert sorted((r.list_name, r.reviewer.name) for r in version.reviews.all()) == [
        ("catalog", "东区司法局"),
        ("random", "东区市场监督管理局"),
    ]
    version = services.version_approve(actor=justice, review=review_of(version))
    assert version.status == "submitted"  # the 随机抽查事项清单 still waits
    market_head = make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="market_head")
    with pytest.raises(Http404):  # the justice bureau's review is not the market regulator's
        services.version_approve(actor=market_head, review=version.reviews.get(list_name="catalog"))
    version = services.version_approve(actor=market_head, review=review_of(version, "random"))
    assert version.status == "published"
    assert [a for a in Record.objects.values_list("action", flat=True) if a.startswith("catalog.")][-2:] == [
        "catalog.approve",
        "catalog.publish",
    ]


def test_a_county_without_a_justice_bureau_goes_to_the_nearest_one_above(west_head, agencies):
    draft = services.draft_open(actor=None, agency=agencies["west_market"])
    services.item_create(actor=None, draft=draft, code="X-1", legal_bases=[FOOD_BASIS], **item_fields())
    version = services.version_submit(actor=west_head, draft=draft, reason="initial")
    assert [r.reviewer.name for r in version.reviews.all()] == ["测试市司法局"]


def test_return_with_reason_keeps_it_out_of_force_and_it_can_be_resubmitted(
    submitted, justice, head, agencies
):
    version = services.version_return(
        actor=justice, review=review_of(submitted), reason="第3项缺少设定依据条款"
    )
    assert version.status == "returned"
    assert VersionReview.objects.get().reason == "第3项缺少设定依据条款"
    assert selectors.version_in_force(agencies["east_market"], date(2027, 1, 1)) is None
    assert services.draft_open(actor=head, agency=agencies["east_market"]) == version
    services.item_save(
        actor=head,
        draft=version,
        code="SCJG-CF-001",
        legal_bases=[FOOD_BASIS],
        **item_fields(name="销售不合格食品"),
    )
    again = services.version_submit(
        actor=head, draft=version, reason="initial", effective_from=date(2026, 4, 1)
    )
    assert again.status == "submitted"
    assert list(again.reviews.order_by("id").values_list("status", flat=True)) == ["returned", "pending"]
    services.version_approve(actor=justice, review=review_of(again))
    assert (
        selectors.version_in_force(agencies["east_market"], date(2026, 4, 1)).items.get().name
        == "销售不合格食品"
    )


def test_a_submitted_version_cannot_be_edited(submitted, head):
    wrote = Wrote()
    with pytest.raises(ValidationError) as exc:
        services.item_remove(actor=head, draft=submitted, code="SCJG-CF-001")
    assert exc.value.message_dict == {
        "version": ["清单已报送审核，审核期间不能修改；如需修改，请待审核机关退回"]
    }
    with pytest.raises(ValidationError) as exc:
        services.version_submit(actor=head, draft=submitted, reason="initial")
    assert exc.value.message_dict == {
        "version": ["清单已报送审核，审核期间不能修改；如需修改，请待审核机关退回"]
    }
    assert wrote.none


def test_return_without_a_reason_is_refused_and_nothing_is_written(submitted, justice):
    wrote = Wrote()
    with pytest.raises(ValidationError) as exc:
        services.version_return(actor=justice, review=review_of(submitted), reason="  ")
    assert exc.value.message_dict == {"reason": ["请填写退回理由"]}
    assert wrote.none


@pytest.mark.parametrize("who", ["city_justice", "west_head", "head"])
def test_a_wrong_agency_cannot_decide_and_nothing_is_written(submitted, who, request):
    actor = request.getfixturevalue(who)
    wrote = Wrote()
    for call in (
        lambda: services.version_approve(actor=actor, review=review_of(submitted)),
        lambda: services.version_return(actor=actor, review=review_of(submitted), reason="不同意"),
    ):
        with pytest.raises((Http404, PermissionDenied)):
            call()
    assert wrote.none


def test_the_reviewing_bureau_without_the_permission_is_403(submitted, justice_officer):
    wrote = Wrote()
    with pytest.raises(PermissionDenied):
        services.version_approve(actor=justice_officer, review=review_of(submitted))
    assert wrote.none


def test_a_decided_review_cannot_be_decided_again(submitted, justice):
    review = review_of(submitted)
    services.version_approve(actor=justice, review=review)
    wrote = Wrote()
    with pytest.raises(ValidationError) as exc:
        services.version_return(actor=justice, review=review, reason="晚了")
    assert exc.value.message_dict == {"status": ["该行政执法事项清单审核已审核通过，不能再审核"]}
    assert wrote.none


def test_people_cannot_publish_directly(head, draft, food):
    with pytest.raises(PermissionDenied):
        services.version_publish(actor=head, draft=draft, reason="initial")
    assert CatalogVersion.objects.get().status == "draft"


# ---- pages and 工作台 --------------------------------------------------------------------------------


def test_pages_submit_approve_and_portal(client, head, justice, draft, food, agencies):
    client.force_login(head)
    page = html(client.get(f"/catalog/versions/{draft.pk}/"))
    assert "预览并报送审核" in page
    response = client.post(
        f"/catalog/versions/{draft.pk}/submit/",
        {"reason": "initial", "reason_note": "", "effective_from": "2026-03-02"},
    )
    assert response.status_code == 302
    version = CatalogVersion.objects.get()
    assert version.status == "submitted"
    east = agencies["east_market"].pk
    assert "销售不符合食品安全标准的食品" not in html(client.get(f"/gs/catalog/{east}/"))
    assert "review-actions" not in html(client.get(f"/catalog/versions/{version.pk}/"))

    client.force_login(justice)
    items = [i.title for i in pending_for(justice)]
    assert "东区市场监督管理局行政执法事项清单第1版待审核" in items
    review = VersionReview.objects.get()
    assert "审核行政执法事项清单" in html(client.get(f"/catalog/versions/{version.pk}/"))
    listing = html(client.get("/catalog/reviews/"))
    assert "东区市场监督管理局" in listing and "第1版" in listing
    assert client.post(f"/catalog/reviews/{review.pk}/", {"action": "approve"}).status_code == 302
    version.refresh_from_db()
    assert version.status == "published"
    client.logout()
    assert "销售不符合食品安全标准的食品" in html(client.get(f"/gs/catalog/{east}/"))


def test_pages_return_needs_a_reason_and_the_agency_sees_it(client, head, justice, submitted):
    review = review_of(submitted)
    client.force_login(justice)
    wrote = Wrote()
    response = client.post(f"/catalog/reviews/{review.pk}/", {"action": "return", "reason": ""})
    assert response.status_code == 200 and "请填写退回理由" in html(response)
    assert wrote.none
    response = client.post(f"/catalog/reviews/{review.pk}/", {"action": "return", "reason": "缺少划转文件"})
    assert response.status_code == 302
    client.force_login(head)
    assert "东区市场监督管理局清单第1版被审核机关退回，请修改后重新报送" in [
        i.title for i in pending_for(head)
    ]
    page = html(client.get(f"/catalog/versions/{submitted.pk}/"))
    assert "缺少划转文件" in page and "已退回" in page and "预览并报送审核" in page
    assert "缺少划转文件" in html(client.get(f"/catalog/versions/{submitted.pk}/submit/"))


def test_pages_for_the_wrong_people(client, submitted, head, city_justice, justice_officer):
    review = review_of(submitted)
    client.force_login(city_justice)
    assert client.get(f"/catalog/reviews/{review.pk}/").status_code == 404
    assert client.post(f"/catalog/reviews/{review.pk}/", {"action": "approve"}).status_code == 404
    client.force_login(head)
    assert client.get(f"/catalog/reviews/{review.pk}/").status_code == 404
    assert "审核行政执法事项清单" not in html(client.get(f"/catalog/versions/{submitted.pk}/"))
    client.force_login(justice_officer)
    assert "审核通过" not in html(client.get(f"/catalog/reviews/{review.pk}/"))
    assert client.post(f"/catalog/reviews/{review.pk}/", {"action": "approve"}).status_code == 403
    assert CatalogVersion.objects.get().status == "submitted"


# ---- API --------------------------------------------------------------------------------------------


@pytest.fixture
def api(client):
    return Api(client, "/api/catalog")


def test_api_submit_approve_return(api, head, justice, draft, food, agencies):
    api.login(head)
    data = api.post(
        f"/drafts/{draft.pk}/submit", {"reason": "initial", "effective_from": "2026-04-01"}
    ).json()
    assert data["status"] == "submitted"
    review_id = data["reviews"][0]["id"]
    api.login(justice)
    assert [r["id"] for r in api.get("/reviews").json()["items"]] == [review_id]
    wrote = Wrote()
    assert errors(api.post(f"/reviews/{review_id}/return", {"reason": ""})) == {"reason": "请填写退回理由"}
    assert wrote.none
    data = api.post(f"/reviews/{review_id}/return", {"reason": "缺少依据"}).json()
    assert (data["status"], data["reason"], data["decided_by"]) == ("returned", "缺少依据", "周敏")
    api.login(head)
    version = api.get(f"/versions/{draft.pk}").json()
    assert (version["status_label"], version["reviews"][0]["reason"]) == ("已退回", "缺少依据")
    data = api.post(
        f"/drafts/{draft.pk}/submit", {"reason": "initial", "effective_from": "2026-04-01"}
    ).json()
    second = next(r["id"] for r in data["reviews"] if r["status"] == "pending")
    api.login(justice)
    assert api.post(f"/reviews/{second}/approve").json()["status_label"] == "审核通过"
    api.login(head)
    in_force = api.get(f"/agencies/{agencies['east_market'].pk}/in-force", on="2026-04-01").json()
    assert in_force["number"] == 1


def test_api_wrong_people(api, submitted, head, city_justice, justice_officer, west_head):
    review = review_of(submitted)
    wrote = Wrote()
    for user in (city_justice, head, west_head):
        api.login(user)
        assert api.post(f"/reviews/{review.pk}/approve").status_code == 404
        assert api.post(f"/reviews/{review.pk}/return", {"reason": "不同意"}).status_code == 404
    api.login(justice_officer)
    assert api.post(f"/reviews/{review.pk}/approve").status_code == 403
    assert api.post(f"/reviews/{review.pk}/return", {"reason": "不同意"}).status_code == 403
    assert wrote.none
    api.login(head)
    assert errors(api.delete(f"/drafts/{submitted.pk}/items/SCJG-CF-001")) == {
        "version": "清单已报送审核，审核期间不能修改；如需修改，请待审核机关退回"
    }
    assert EnforcementItem.objects.count() == 1


def test_submit_a_second_time_while_waiting_is_refused(api, submitted, head):
    api.login(head)
    wrote = Wrote()
    response = api.post(f"/drafts/{submitted.pk}/submit", {"reason": "initial"})
    assert errors(response) == {"version": "清单已报送审核，审核期间不能修改；如需修改，请待审核机关退回"}
    assert wrote.none


def test_item_pages_of_a_submitted_version_offer_no_edit(client, head, submitted):
    client.force_login(head)
    item = submitted.items.get()
    body = html(client.get(f"/catalog/items/{item.pk}/"))
    assert (
        "该事项所在的第1版已报送审核，审核期间不能修改。" in body
        and f"/catalog/items/{item.pk}/edit/" not in body
    )
    response = client.post(f"/catalog/items/{item.pk}/remove/", {"confirm": "on"})
    assert response.status_code == 409 and "审核期间不能修改" in html(response)
    assert EnforcementItem.objects.count() == 1
