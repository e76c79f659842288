"""The exchange schema (JSON Schema draft 2020-12), read once and checked with the jsonschema package."""

import json
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator, FormatChecker


@cache
def validator() -> Draft202012Validator:
    text = resources.files(__package__).joinpath("exchange.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())
