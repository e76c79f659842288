"""A 监督事项 opened from a complaint names it as its 来源: the item page links back to the complaint, the
complaint page shows the open item (the source panel); another region's user gets a 404 for both."""

import pytest

from tests.helpers import html
from zhifa.complaints import services

pytestmark = pytest.mark.django_db


def test_the_item_and_the_complaint_link_each_other(client, submitted, supervisor, clerk, west_clerk):
    complaint = services.complaint_open_item(
        actor=supervisor, complaint=submitted[0], reason="群众反映处理不力"
    )
    item = complaint.supervision_item
    assert (item.source_type, item.source_id, item.source_label) == (
        "complaints.complaint",
        str(complaint.pk),
        f"{complaint.number}：饭店后厨卫生差",
    )
    for user in (supervisor, clerk):
        client.force_login(user)
        detail = html(client.get(f"/supervision/actions/{item.pk}/"))
        assert (
            f'来源</th><td data-testid="item-source">投诉举报 <a href="/complaints/{complaint.pk}/">'
            f"{complaint.number}：饭店后厨卫生差</a>"
        ) in detail
        page = html(client.get(f"/complaints/{complaint.pk}/"))
        assert (
            f'东区司法局正在日常监督：<a href="/supervision/actions/{item.pk}/">{item.title}</a>（核查中）'
        ) in page
    client.force_login(west_clerk)
    assert client.get(f"/supervision/actions/{item.pk}/").status_code == 404
    assert client.get(f"/complaints/{complaint.pk}/").status_code == 404
