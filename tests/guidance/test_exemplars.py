"""典型案例 → 指导案例: an agency proposes a closed case with its write-up; the justice bureau adopts or
returns it (the proposer is told) and publishes it masked on the portal, searchable by item and shown on
the item's public page. Service, API and pages; every refusal writes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.cases.conftest import catalogue, handler_user, intake, officers  # noqa: F401
from tests.helpers import buttons
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services as cases
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case
from zhifa.core.models import Record
from zhifa.core.validators import id_number_with_check
from zhifa.guidance import selectors, services
from zhifa.guidance.choices import ExemplarStatus
from zhifa.guidance.models import Exemplar
from zhifa.notifications.models import Message

pytestmark = pytest.mark.django_db

PERSON_ID = id_number_with_check("11010119900101123")


def write_up(**overrides):
    data = {
        "title": "王小明销售过期食品案",
        "facts": f"王小明（身份证{PERSON_ID}，电话13912345678）在东区幸福路8号销售过期食品。",
        "outcome": "罚款5000元，没收过期食品。",
        "significance": "小餐饮经营者食品安全主体责任的落实。",
    }
    return services.WriteUp(**{**data, **overrides})


@pytest.fixture
def closed_case(agencies, catalogue, handler_user, officers):  # noqa: F811
    party = cases.PartyInput(
        kind="person", name="王小明", id_number=PERSON_ID, address="东区幸福路8号", phone="13912345678"
    )
    case = cases.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake(party=party))
    # the procedure up to 结案 is the cases app's (tests/cases); here only its end state matters
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, number="东市监立〔2026〕9号")
    case.refresh_from_db()
    return case


@pytest.fixture
def head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.UNIT_HEAD)


@pytest.fixture
def bureau(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR)


def test_only_a_closed_case_and_every_part_named(head, closed_case):
    Case.objects.filter(pk=closed_case.pk).update(status=CaseStatus.INVESTIGATING)
    closed_case.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.exemplar_propose(actor=head, case=closed_case, data=write_up())
    assert refused.value.message_dict["case"] == [
        "案件当前为“调查取证”，只有已结案或已归档的案件可以推荐为典型案例"
    ]
    Case.objects.filter(pk=closed_case.pk).update(status=CaseStatus.CLOSED)
    closed_case.refresh_from_db()
    for field, words in (("title", "请填写标题"), ("facts", "请填写案情"), ("outcome", "请填写处理结果"),
                         ("significance", "请填写典型意义")):  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            services.exemplar_propose(actor=head, case=closed_case, data=write_up(**{field: " "}))
        assert refused.value.message_dict[field] == [words]
    assert not Exemplar.objects.exists()
    assert not Record.objects.filter(action__startswith="guidance.").exists()


def test_propose_adopt_publish_masked_and_found_by_item(client, head, bureau, closed_case):
    exemplar = services.exemplar_propose(actor=head, case=closed_case, data=write_up())
    assert (exemplar.status, exemplar.item_code) == (ExemplarStatus.PROPOSED, "SCJG-CF-001")
    with pytest.raises(PermissionDenied):
        services.exemplar_adopt(actor=head, exemplar=exemplar)
    services.exemplar_adopt(actor=bureau, exemplar=exemplar)
    services.exemplar_publish(actor=bureau, exemplar=exemplar)
    exemplar.refresh_from_db()
    assert exemplar.status == ExemplarStatus.PUBLISHED
    assert exemplar.public_title == "王某某销售过期食品案"
    assert exemplar.public_facts == "王某某（身份证＊＊＊，电话＊＊＊）在＊＊＊销售过期食品。"
    assert [r.action for r in Record.objects.filter(action__startswith="guidance.").order_by("id")] == [
        "guidance.propose",
        "guidance.adopt",
        "guidance.publish",
    ]
    assert [e.pk for e in selectors.published(item_code="SCJG-CF-001")] == [exemplar.pk]
    assert not selectors.published(item_code="SCJG-CF-002").exists()
    listing = client.get("/gs/guidance/?item=SCJG-CF-001").content.decode()
    assert "王某某销售过期食品案" in listing
    page = client.get(f"/gs/guidance/{exemplar.pk}/").content.decode()
    assert "王小明" not in page and "13912345678" not in page and "小餐饮经营者" in page


def test_return_tells_the_proposer_and_resubmit(head, bureau, closed_case):
    exemplar = services.exemplar_propose(actor=head, case=closed_case, data=write_up())
    with pytest.raises(ValidationError) as refused:
        services.exemplar_return(actor=bureau, exemplar=exemplar, reason=" ")
    assert refused.value.message_dict["reason"] == ["请填写退回理由"]
    assert not Message.objects.exists()
    services.exemplar_return(actor=bureau, exemplar=exemplar, reason="典型意义写得不够具体")
    message = Message.objects.get()
    assert (message.recipient, message.title, message.link) == (
        head,
        "典型案例被退回：王小明销售过期食品案",
        f"/guidance/{exemplar.pk}/",
    )
    services.exemplar_resubmit(actor=head, exemplar=exemplar, data=write_up(significance="具体的意义"))
    exemplar.refresh_from_db()
    assert (exemplar.status, exemplar.significance) == (ExemplarStatus.PROPOSED, "具体的意义")


def test_api_and_pages(client, head, bureau, closed_case, agencies, make_user):
    client.force_login(head)
    url = f"/api/guidance/cases/{closed_case.pk}/exemplars"
    refused = client.post(url, {"title": "", "facts": "x", "outcome": "x", "significance": "x"},
                          content_type="application/json")  # fmt: skip
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "title"]
    page = client.post(f"/guidance/propose/{closed_case.pk}/", {"title": "标题", "facts": "", "outcome": "x",
                                                                 "significance": "x"})  # fmt: skip
    assert "请填写案情" in page.content.decode()
    assert not Exemplar.objects.exists()
    made = client.post(url, vars(write_up()), content_type="application/json")
    assert made.status_code == 201
    pk = made.json()["id"]
    assert "本案已推荐为典型案例" in client.get(f"/cases/{closed_case.pk}/").content.decode()
    client.force_login(bureau)
    returned = client.post(f"/guidance/{pk}/return/", {"reason": ""})
    assert "请填写退回理由" in returned.content.decode()
    assert client.post(f"/api/guidance/exemplars/{pk}/adopt").json()["status"] == "adopted"
    listing = client.get("/guidance/?q=过期&sort=-proposed")
    assert "王小明销售过期食品案" in listing.content.decode()
    assert client.get("/guidance/?export=xlsx").status_code == 200
    client.force_login(make_user(agencies["west_market"], RoleCode.UNIT_HEAD))
    assert client.get(f"/api/guidance/exemplars/{pk}").status_code == 404
    assert client.get(f"/guidance/{pk}/").status_code == 404


def test_the_next_step_is_the_pages_main_button_and_a_return_is_red(client, head, bureau, closed_case):
    """采纳, then 发布为指导案例, is the bureau's next step (btn-primary), 退回 a refusal; once returned,
    修改后重新推荐 is the proposer's (docs/architecture.md §5: `Machine.buttons`)."""
    exemplar = services.exemplar_propose(actor=head, case=closed_case, data=write_up())
    page = f"/guidance/{exemplar.pk}/"
    client.force_login(bureau)
    shown = buttons(client.get(page).content.decode())
    assert (shown["采纳"], shown["退回"]) == ("btn btn-primary", "btn btn-outline-danger")
    services.exemplar_adopt(actor=bureau, exemplar=exemplar)
    shown = buttons(client.get(page).content.decode())
    assert (shown["发布为指导案例"], shown["退回"]) == ("btn btn-primary", "btn btn-outline-danger")
    assert "采纳" not in shown
    services.exemplar_return(actor=bureau, exemplar=exemplar, reason="典型意义写得不够具体")
    client.force_login(head)
    assert buttons(client.get(page).content.decode())["修改后重新推荐"] == "btn btn-primary"
