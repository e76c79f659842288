"""Input hygiene: no control character in any stored text, refused with a Chinese message naming the
field (core.hygiene), by the service whatever the door, and by the page's form in the same words."""

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from zhifa.core import hygiene, services
from zhifa.core.models import Agency, Record
from zhifa.core.validators import credit_code_with_check

pytestmark = pytest.mark.django_db


def test_every_text_field_of_our_models_carries_the_validator():
    fields = [
        (model, field)
        for model in apps.get_models()
        if model.__module__.startswith("zhifa.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]
    assert len(fields) > 100
    missing = [
        f"{model.__name__}.{field.name}"
        for model, field in fields
        if not any(isinstance(v, hygiene.NoControlCharacters) for v in field.validators)
    ]
    assert missing == []


@pytest.mark.parametrize(
    "char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x80", "\x85", "\x9f"]
)
def test_a_service_refuses_a_control_character_and_writes_nothing(city, char):
    before = (Agency.objects.count(), Record.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.agency_create(
            actor=None,
            name=f"新设{char}局",
            kind="department",
            region=city["east"],
            credit_code=credit_code_with_check("11970102000000077"),
        )
    assert exc.value.message_dict == {"name": ["“名称”不能包含控制字符"]}
    assert (Agency.objects.count(), Record.objects.count()) == before


def test_tab_and_line_breaks_are_text():
    for value in ("甲\t乙", "甲\n乙", "甲\r\n乙", "全角　空格"):
        assert not hygiene.has_control(value)


def test_a_form_field_refuses_in_the_same_words():
    class Form(forms.Form):
        title = forms.CharField(label="培训名称")

    form = Form({"title": "培训\x00名称"})
    assert form.errors == {"title": ["“培训名称”不能包含控制字符"]}
    assert Form({"title": "培训\x1b名称"}).errors == {"title": ["“培训名称”不能包含控制字符"]}


class TestQueryParameters:
    def test_the_api_refuses_a_control_character_in_a_filter(self, client, officer):
        client.force_login(officer)
        response = client.get("/api/agencies", {"q": "东区\x00"})
        assert response.status_code == 422
        assert response.json()["detail"] == [
            {"type": "control_characters", "loc": ["query", "q"], "msg": "“关键词”不能包含控制字符"}
        ]

    def test_a_page_answers_400_naming_the_parameter(self, client, officer):
        client.force_login(officer)
        response = client.get("/org/agencies/", {"q": "东区\x07"})
        assert response.status_code == 400
        assert "“关键词”不能包含控制字符" in response.content.decode()
