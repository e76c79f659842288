"""The exchange schema (JSON Schema draft 2020-12), read once. A file is checked by jsonschema-rs (compiled,
fast: most files are valid) and, when it is not valid, by the jsonschema package, whose errors carry the
path and the rule that `services` turns into the Chinese reason."""

import json
from functools import cache
from importlib import resources

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker


@cache
def schema() -> dict:
    return json.loads(
        resources.files(__package__).joinpath("exchange.schema.json").read_text(encoding="utf-8")
    )


@cache
def validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema(), format_checker=FormatChecker())


@cache
def _fast():
    return jsonschema_rs.validator_for(schema())


def is_valid(document) -> bool:
    return _fast().is_valid(document)
