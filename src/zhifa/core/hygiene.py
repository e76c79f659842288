"""Input hygiene: no control characters in any text the platform stores.

C0 controls other than tab, line feed and carriage return, DEL and the C1 controls cannot be shown,
printed or exported (XML, and so xlsx and docx, cannot hold most of them), and PostgreSQL refuses NUL.

Where: on the models, not in the forms or the API schemas, because every write path ends in a model's
`save()` — the page's service call, the API's, the Excel imports, the commands, the admin. So:

- every CharField/TextField of our apps gets `NoControlCharacters` among its validators (at start-up,
  `install()`), which forms built on the model, the admin and `full_clean()` show beside the field;
- a page's form refuses them too, in the same words (`forms_refuse_alike`, before any form class is
  declared: core/apps.py);
- a `pre_save` check refuses the same characters on every save, raising the field-keyed
  ValidationError the services' callers already show (a form error on the page, a 422 in the API),
  inside the service's transaction, so nothing is written.

The message names the field: “当事人名称”不能包含控制字符. `clean_text()` is the same check for a text
that is not a model field (a query parameter).
"""

from __future__ import annotations

import re

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.db.models.signals import pre_save
from django.http import JsonResponse
from django.utils.deconstruct import deconstructible

REQUIRED = "这个字段是必填项。"
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def message(label) -> str:
    return f"“{label}”不能包含控制字符"


def has_control(value) -> bool:
    return isinstance(value, str) and CONTROL_RE.search(value) is not None


@deconstructible
class NoControlCharacters:
    """A field validator: `label` is the field's Chinese name."""

    def __init__(self, label):
        self.label = label

    def __call__(self, value):
        if has_control(value):
            raise ValidationError(message(self.label), code="control_characters")

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters) and str(self.label) == str(other.label)


_text_fields: dict[type, list[models.Field]] = {}


def _ours(model) -> bool:
    return model._meta.app_config is not None and model._meta.app_config.name.startswith("zhifa.")


def _check(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: fixtures are ours
        return
    fields = _text_fields.get(sender._meta.concrete_model)
    if not fields:
        return
    errors = {
        field.name: message(field.verbose_name)
        for field in fields
        if has_control(getattr(instance, field.attname, None))
    }
    if errors:
        raise ValidationError(errors)


def install() -> None:
    """Attach the validator to every text field of our models and the save-time check (CoreConfig.ready).
    `field.validators` is the field's cached list, not its constructor argument: migrations never see it."""
    for model in apps.get_models():
        if not _ours(model) or model._meta.proxy:
            continue
        fields: list[models.Field] = [
            f for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        for field in model._meta.concrete_fields:
            # "required" in the words of the forms: a page and the API (through full_clean) agree
            field.error_messages["blank"] = REQUIRED
        for field in fields:
            if not any(isinstance(v, NoControlCharacters) for v in field.validators):  # inherited fields
                field.validators.append(NoControlCharacters(field.verbose_name))
        if fields:
            _text_fields[model] = fields
    pre_save.connect(_check, dispatch_uid="zhifa.core.hygiene")


def forms_refuse_alike() -> None:
    """A form's text field refuses the NUL character by itself (Django's ProhibitNullCharactersValidator,
    in words that name no field). Put our validator in its place, named by the field's label, so that
    the page says what the model and so the API say, and for every control character, not NUL alone."""
    original = forms.CharField.__init__
    if getattr(original, "zhifa_hygiene", False):
        return

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.validators = [
            NoControlCharacters(self.label or "")
            if isinstance(v, ProhibitNullCharactersValidator) and self.label
            else v
            for v in self.validators
        ]

    __init__.zhifa_hygiene = True  # type: ignore[attr-defined]  # marks the patch as done
    forms.CharField.__init__ = __init__  # type: ignore[method-assign]  # see the docstring


def clean_text(name: str, label, value: str) -> str:
    """`value` of the parameter `name` (shown as `label`), refused when it holds control characters."""
    if has_control(value):
        raise ValidationError({name: message(label)})
    return value


class QueryParametersMiddleware:
    """No control character in a query parameter either (a search, a filter): PostgreSQL refuses NUL
    outright, so a search for it would answer 500. A 422 naming the parameter in the API, a 400 page
    elsewhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if any(has_control(value) for value in [name, *values]):
                return self._refuse(request, name)
        return self.get_response(request)

    @staticmethod
    def _refuse(request, name: str):
        from .params import label

        text = message(label(CONTROL_RE.sub("", name)))
        if request.path.startswith("/api/"):
            detail = [{"type": "control_characters", "loc": ["query", name], "msg": text}]
            return JsonResponse({"detail": detail}, status=422)
        from .params import BadParameter
        from .views import bad_request

        return bad_request(request, BadParameter(text))
