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


_text_fields: dict[type[models.Model], list[models.Field]] = {}


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


# ---- the API's JSON bodies ------------------------------------------------------------------------------
# A JSON body's strings reach the handlers' lookups (an item code, a credit code) before any model is
# saved, and PostgreSQL answers a NUL in a query with an error, so the API refuses a control character in
# any string of the body before the handler runs: a 422 naming the field (`ApiParser`, zhifa/api.py).


class ControlCharactersInBody(ValueError):
    """Raised by the API's parser; `path` is the JSON keys down to the string."""

    def __init__(self, path: list[str], body=None, title: str | None = None):
        super().__init__(".".join(path))
        self.path, self.body, self.title = path, body, title


def control_path(data, path: tuple[str, ...] = ()) -> list[str] | None:
    """The keys down to the first string (or key) of `data` that holds a control character, else None.
    A list's items are named by the list's key."""
    if isinstance(data, dict):
        for key, value in data.items():
            if has_control(key):
                return [*path, CONTROL_RE.sub("", str(key))]
            found = control_path(value, (*path, str(key)))
            if found is not None:
                return found
    elif isinstance(data, list):
        for value in data:
            found = control_path(value, path)
            if found is not None:
                return found
    elif has_control(data):
        return list(path)
    return None


def json_label(app: str | None, path: list[str], body=None) -> str:
    """The Chinese name of a body field for the message: the verbose name of the model field of that name
    (`party.name` is tried as `party_name` first). Among the models of the URL's app, then of every app,
    the one that shares the most field names with the body's keys decides when two models name the field
    differently (`reason` is 检查事由 on a 事前报备, 人工调整理由 on a drawn inspector). Else the API's
    parameter words (core.params.label)."""
    from .params import label

    keys = set(body) if isinstance(body, dict) else set()
    names = ["_".join(path[-2:]), path[-1]] if len(path) > 1 else path[-1:]
    for name in names:
        for in_scope in (lambda m: m._meta.app_label == app, lambda m: True):
            found: dict[str, int] = {}
            for model, fields in _text_fields.items():
                field = next((f for f in fields if f.name == name), None)
                if field is None or not in_scope(model):
                    continue
                shared = len(
                    keys & {f.name for f in model._meta.concrete_fields}
                    | keys & {f.attname for f in model._meta.concrete_fields}
                )
                text = str(field.verbose_name)
                found[text] = max(found.get(text, 0), shared)
            if found:
                best = max(found.values())
                winners = [text for text, shared in found.items() if shared == best]
                if len(winners) == 1:
                    return winners[0]
    return label(path[-1] if path else "")
