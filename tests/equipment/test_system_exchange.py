"""执法信息系统 and 数据交换: the agency links a system to the source its exchange files carry; the first accepted
import from that source (by an agency of its region or above) marks it 已对接 with the day of the import —
recorded, through the service, the page and the API alike; the system's page and API show its last exchange;
refusals name the field in Chinese and write nothing; another agency's system cannot be linked (404)."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.helpers import Api, Writes, errors
from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record
from zhifa.equipment.systems import exchange_source, services
from zhifa.equipment.systems.models import InformationSystem
from zhifa.exchange import services as exchange
from zhifa.exchange.models import Batch

from .test_systems import system_input

pytestmark = pytest.mark.django_db

SOURCE = "ZF990199"


class LinkWrites(Writes):
    counted = (InformationSystem, Batch)

    def __init__(self):
        super().__init__()
        self.sources = list(
            InformationSystem.objects.order_by("pk").values_list("exchange_source", flat=True)
        )

    @property
    def none(self) -> bool:
        sources = list(InformationSystem.objects.order_by("pk").values_list("exchange_source", flat=True))
        return super().none and sources == self.sources


@pytest.fixture
def system(market, head):
    return services.system_register(
        actor=head, agency=market, data=system_input(connection="in_progress", in_use_since=date(2025, 1, 1))
    )


def received(by, instance: str = SOURCE) -> Batch:
    """An accepted import, by `by`, of a page as the system `instance` sent it."""
    page = exchange.export_page(actor=None, limit=50)
    return exchange.import_envelope(
        actor=by, envelope={**page, "source": {**page["source"], "instance": instance}}
    )


def actions(system) -> list[str]:
    rows = Record.objects.filter(subject_type="equipment.informationsystem", subject_id=str(system.pk))
    return list(rows.order_by("id").values_list("action", flat=True))


def last_payload(system) -> dict:
    row = Record.objects.filter(subject_type="equipment.informationsystem", subject_id=str(system.pk))
    return json.loads(row.order_by("-id").first().payload)


# ---- service -----------------------------------------------------------------------------------------


def test_the_first_import_from_the_linked_source_marks_the_system_connected(head, supervisor, system):
    exchange_source.system_link_exchange(actor=head, system=system, source=f" {SOURCE} ")
    system.refresh_from_db()
    assert (system.exchange_source, system.get_connection_display(), system.connected_on) == (
        SOURCE,
        "对接中",
        None,
    )
    batch = received(supervisor)
    system.refresh_from_db()
    today = timezone.localdate(batch.created_at)
    assert (system.get_connection_display(), system.connected_on) == ("已对接", today)
    assert actions(system) == [
        "equipment_system.register",
        "equipment_system.link_exchange",
        "equipment_system.connect",
    ]
    assert last_payload(system) == {
        "connection": ["in_progress", "connected"],
        "connected_on": today.isoformat(),
        "batch": batch.cd_batch,
        "exchange_source": SOURCE,
    }
    received(supervisor)  # a later import changes nothing: the system is connected already
    assert actions(system)[-1] == "equipment_system.connect" and len(actions(system)) == 3


def test_a_link_after_the_data_arrived_connects_with_the_first_import_day(head, supervisor, system):
    first = received(supervisor)
    system.refresh_from_db()
    assert system.connection == "in_progress"  # not linked yet: the import cannot know the system
    exchange_source.system_link_exchange(actor=head, system=system, source=SOURCE)
    system.refresh_from_db()
    assert (system.connection, system.connected_on) == ("connected", timezone.localdate(first.created_at))
    assert last_payload(system)["batch"] == first.cd_batch


def test_an_import_by_an_agency_of_another_region_marks_nothing(head, market, make_user, agencies, system):
    exchange_source.system_link_exchange(actor=head, system=system, source=SOURCE)
    west = make_user(agencies["west_market"], RoleCode.SUPERVISOR, username="west_supervisor")
    received(west)
    system.refresh_from_db()
    assert (system.connection, system.connected_on) == ("in_progress", None)
    assert actions(system)[-1] == "equipment_system.link_exchange"


def test_an_import_from_another_source_or_of_a_retired_system_marks_nothing(head, supervisor, market, system):
    exchange_source.system_link_exchange(actor=head, system=system, source=SOURCE)
    received(supervisor, instance="ZF990288")
    system.refresh_from_db()
    assert system.connection == "in_progress"
    services.system_update(
        actor=head, system=system, data=system_input(in_use_since=date(2025, 1, 1), status="retired")
    )
    received(supervisor)
    system.refresh_from_db()
    assert system.connection == "none"


def test_the_link_is_cleared_with_an_empty_value(head, system):
    exchange_source.system_link_exchange(actor=head, system=system, source=SOURCE)
    exchange_source.system_link_exchange(actor=head, system=system, source="")
    system.refresh_from_db()
    assert system.exchange_source == ""
    assert last_payload(system) == {"exchange_source": [SOURCE, ""]}


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("ZF 99", "数据交换来源系统标识只能由字母、数字和“_”“.”“-”组成，最多64位（如ZF320199）"),
        ("Z" * 65, "数据交换来源系统标识只能由字母、数字和“_”“.”“-”组成，最多64位（如ZF320199）"),
        (
            "ZF990000",
            "“ZF990000”是本平台自己的数据交换来源系统标识，请填写该系统导出交换文件中的来源系统标识",
        ),
        (
            "ZF990288",
            "东区市场监督管理局的执法信息系统“双随机监管平台”已关联数据交换来源系统标识“ZF990288”，"
            "同一来源只能关联本机关的一个系统",
        ),
    ],
)
def test_refusals_name_the_field_and_write_nothing(settings, head, market, system, source, message):
    settings.ZHIFA_EXCHANGE_INSTANCE = "ZF990000"
    other = services.system_register(
        actor=head,
        agency=market,
        data=system_input("双随机监管平台", kind="random_inspection", level="provincial"),
    )
    exchange_source.system_link_exchange(actor=head, system=other, source="ZF990288")
    writes = LinkWrites()
    with pytest.raises(ValidationError) as refused:
        exchange_source.system_link_exchange(actor=head, system=system, source=source)
    assert refused.value.message_dict == {"exchange_source": [message]}
    assert writes.none


def test_a_retired_system_is_not_linked(head, system):
    services.system_update(
        actor=head, system=system, data=system_input(in_use_since=date(2025, 1, 1), status="retired")
    )
    writes = LinkWrites()
    with pytest.raises(ValidationError) as refused:
        exchange_source.system_link_exchange(actor=head, system=system, source=SOURCE)
    assert refused.value.message_dict == {"exchange_source": ["该系统已停用，不能关联数据交换来源系统标识"]}
    assert writes.none


def test_two_agencies_may_link_their_rows_of_one_shared_system(head, west_head, agencies, system):
    west = services.system_register(actor=west_head, agency=agencies["west_market"], data=system_input())
    exchange_source.system_link_exchange(actor=head, system=system, source=SOURCE)
    exchange_source.system_link_exchange(actor=west_head, system=west, source=SOURCE)
    assert set(InformationSystem.objects.values_list("exchange_source", flat=True)) == {SOURCE}


def test_another_agencys_head_cannot_link_its_system(west_head, system):
    from django.http import Http404

    writes = LinkWrites()
    with pytest.raises(Http404):
        exchange_source.system_link_exchange(actor=west_head, system=system, source=SOURCE)
    assert writes.none


# ---- pages -------------------------------------------------------------------------------------------


def test_link_through_the_page_and_see_the_last_exchange(client, head, supervisor, system):
    client.force_login(head)
    page = client.get(reverse("equipment:system_detail", args=[system.pk])).content.decode()
    assert '<td data-testid="system-exchange-source">未关联</td>' in page
    url = reverse("equipment:system_link_exchange", args=[system.pk])
    assert f'href="{url}">关联数据交换来源</a>' in page
    writes = LinkWrites()
    refused = client.post(url, {"exchange_source": "ZF 99"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["exchange_source"] == [
        "数据交换来源系统标识只能由字母、数字和“_”“.”“-”组成，最多64位（如ZF320199）"
    ]
    assert refused.context["form"]["exchange_source"].value() == "ZF 99"
    assert writes.none
    done = client.post(url, {"exchange_source": SOURCE})
    assert done.status_code == 302
    page = client.get(done.url).content.decode()
    assert "数据交换来源已保存" in page
    assert f'<td data-testid="system-exchange-source">{SOURCE}</td>' in page
    assert '<td data-testid="system-last-exchange">尚未收到</td>' in page
    batch = received(supervisor)
    page = client.get(done.url).content.decode()
    on = timezone.localtime(batch.created_at)
    assert f"已对接</span>（{on:%Y-%m-%d}对接）" in page
    # the head may not open exchange batches: the number without a link
    assert (
        f'<td data-testid="system-last-exchange">批次{batch.cd_batch}，{on:%Y-%m-%d %H:%M}导入，共{batch.total}条</td>'
        in page
    )
    assert "首次收到交换数据，标为已对接" in page
    client.force_login(supervisor)
    page = client.get(done.url).content.decode()
    assert f'<a href="/exchange/{batch.pk}/">批次{batch.cd_batch}</a>' in page
    assert f'href="{url}"' not in page  # the supervisor reads, the agency keeps the register


def test_another_agency_gets_404_on_the_link_page(client, west_head, supervisor, system):
    url = reverse("equipment:system_link_exchange", args=[system.pk])
    client.force_login(west_head)
    writes = LinkWrites()
    assert client.get(url).status_code == 404
    assert client.post(url, {"exchange_source": SOURCE}).status_code == 404
    client.force_login(supervisor)
    assert client.post(url, {"exchange_source": SOURCE}).status_code == 403
    assert writes.none


# ---- API ---------------------------------------------------------------------------------------------


@pytest.fixture
def api(client):
    return Api(client, "/api/equipment")


def test_the_api_links_and_shows_the_last_exchange(api, head, supervisor, system):
    api.login(head)
    url = f"/systems/{system.pk}/exchange-source"
    writes = LinkWrites()
    assert errors(api.post(url, {"exchange_source": "ZF 99"})) == {
        "exchange_source": "数据交换来源系统标识只能由字母、数字和“_”“.”“-”组成，最多64位（如ZF320199）"
    }
    assert writes.none
    linked = api.post(url, {"exchange_source": SOURCE}).json()
    assert (linked["exchange_source"], linked["connection_label"], linked["last_exchange"]) == (
        SOURCE,
        "对接中",
        None,
    )
    batch = received(supervisor)
    shown = api.get(f"/systems/{system.pk}").json()
    assert (shown["connection_label"], shown["connected_on"]) == (
        "已对接",
        timezone.localdate(batch.created_at).isoformat(),
    )
    assert shown["last_exchange"]["cd_batch"] == batch.cd_batch
    assert (shown["last_exchange"]["source_instance"], shown["last_exchange"]["total"]) == (
        SOURCE,
        batch.total,
    )
    assert api.get("/systems").json()["items"][0]["exchange_source"] == SOURCE


def test_the_api_gives_another_agency_a_404_and_writes_nothing(api, west_head, system):
    api.login(west_head)
    writes = LinkWrites()
    assert api.post(f"/systems/{system.pk}/exchange-source", {"exchange_source": SOURCE}).status_code == 404
    assert writes.none
