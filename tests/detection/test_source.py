"""A confirmed hit turned into a 监督事项 is the item's 来源: the item page names it and links back to the
hit; another region's supervisor gets a 404 for the item and the hit alike."""

import pytest

from tests.helpers import html
from zhifa.detection import services
from zhifa.detection.models import Hit

from .conftest import TODAY


@pytest.mark.django_db
def test_the_item_names_the_hit_as_its_source(client, make_case, supervisor, west_supervisor):
    case = make_case(fine="80000", low="50000", high="70000")
    services.run_model(actor=None, model="discretion", today=TODAY)
    hit = Hit.objects.get(case=case)
    services.hit_confirm(actor=supervisor, hit=hit, reason="核实属实")
    item = services.hit_supervise(actor=supervisor, hit=hit)
    assert (item.source_type, item.source_id) == ("detection.hit", str(hit.pk))
    assert item.source_label == f"决定超出裁量基准未说明理由：{hit.subject}"
    client.force_login(supervisor)
    detail = html(client.get(f"/supervision/actions/{item.pk}/"))
    assert (
        f'来源</th><td data-testid="item-source">问题线索 <a href="/detection/hits/{hit.pk}/">'
        f"决定超出裁量基准未说明理由：{hit.subject}</a>"
    ) in detail
    client.force_login(west_supervisor)
    assert client.get(f"/supervision/actions/{item.pk}/").status_code == 404
    assert client.get(f"/detection/hits/{hit.pk}/").status_code == 404
