"""A control character anywhere in an API body is refused before the handler runs (zhifa.api.ApiParser):
a 422 naming the field, nothing written. A NUL reaching a lookup (an item code, an officer's code) would
otherwise be a 500 on PostgreSQL, which refuses NUL in a query."""

import json

import pytest

from tests.cases.test_api import intake_payload
from zhifa.cases.models import Case
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def snapshot():
    return Case.objects.count(), Record.objects.count()


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x7f", "\x85"])
def test_a_control_character_in_a_looked_up_code_is_a_422_naming_the_field(
    client, handler_user, catalogue, char
):
    client.force_login(handler_user)
    body = {**intake_payload(), "item_codes": ["SCJG-CF-001", f"SCJG{char}-CF-001"]}
    before = snapshot()
    response = post(client, "/api/cases/", body)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"type": "control_characters", "loc": ["body", "item_codes"], "msg": "“执法事项”不能包含控制字符"}
    ]
    assert snapshot() == before


def test_a_nested_field_is_named_by_its_path_and_label(client, handler_user, catalogue):
    client.force_login(handler_user)
    body = intake_payload()
    body["party"] = {**body["party"], "name": "王\x00某"}
    response = post(client, "/api/cases/", body)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"type": "control_characters", "loc": ["body", "party", "name"], "msg": "“当事人”不能包含控制字符"}
    ]


def test_a_control_character_in_a_key_is_refused_too(client, handler_user, catalogue):
    client.force_login(handler_user)
    response = post(client, "/api/cases/", {**intake_payload(), "summ\x00ary": "x"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "summary"]


def test_a_list_of_objects_is_named_by_the_key_of_the_list(client, handler_user, new_case):
    client.force_login(handler_user)
    body = {"handlers": [{"officer_id": 1, "role": "lead"}, {"officer_id": 2, "role": "as\x00sist"}]}
    response = post(client, f"/api/cases/{new_case.pk}/assign", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "handlers", "role"]


def test_text_with_tabs_and_line_breaks_passes(client, handler_user, catalogue):
    client.force_login(handler_user)
    response = post(client, "/api/cases/", {**intake_payload(), "facts": "第一\t行\r\n第二行"})
    assert response.status_code == 201, response.content


def test_an_unauthenticated_body_is_a_401_not_a_422(client):
    response = post(client, "/api/cases/", {"summary": "\x00"})
    assert response.status_code == 401
