"""The layout promises of docs/architecture.md that a later change could silently break: no runtime module
imports the demo data, and the API's operation ids do not depend on where a handler's module lives."""

import os
import subprocess
import sys

import pytest

from zhifa.api import api

# Every zhifa module except the demo data itself and `python -m zhifa` (which would run the CLI); walked
# by hand, because pkgutil.walk_packages imports every package it passes, the skipped ones included.
IMPORT_ALL = """
import importlib, pkgutil, sys
import django
django.setup()
skipped = {"zhifa.demo", "zhifa.__main__"}
def walk(package):
    for module in pkgutil.iter_modules(importlib.import_module(package).__path__, package + "."):
        if module.name not in skipped:
            importlib.import_module(module.name)
            if module.ispkg:
                walk(module.name)
walk("zhifa")
loaded = sorted(name for name in sys.modules if name == "zhifa.demo" or name.startswith("zhifa.demo."))
print(",".join(loaded))
"""


def test_no_runtime_module_imports_the_demo_data():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "zhifa.settings"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize(
    ("path", "method", "operation_id"),
    [
        ("/api/cases/", "get", "zhifa_cases_api_list_cases"),
        ("/api/cases/{case_id}/uploads", "post", "zhifa_cases_api_evidence_upload_start"),
        ("/api/cases/{case_id}/documents", "post", "zhifa_cases_api_documents_document_generate"),
        ("/api/catalog/recommend", "post", "zhifa_catalog_api_recommend"),
        ("/api/review/{review_id}/opinion", "post", "zhifa_review_api_opinion"),
        ("/api/accounts/me", "get", "zhifa_accounts_api_me"),
        ("/api/health", "get", "zhifa_api_health"),
    ],
)
def test_operation_ids_name_the_app_and_the_handler(path, method, operation_id):
    assert api.get_openapi_schema()["paths"][path][method]["operationId"] == operation_id


def _card_tables() -> list[tuple[str, str]]:
    """(template, table) for every list table that becomes cards on a phone (class "cards")."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "src" / "zhifa"
    tables = []
    for template in sorted(root.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for table in re.findall(r'<table class="cards".*?</table>', text, flags=re.S):
            tables.append((str(template.relative_to(root)), table))
    return tables


def test_list_tables_on_a_phone_label_every_cell():
    """A table.cards row is shown as "label：value" lines under 600px (zhifa.css): a body cell without its
    data-label would show a bare value. Only the one "nothing found" cell spanning the row has none."""
    import re

    tables = _card_tables()
    assert {name for name, _ in tables} >= {"cases/templates/cases/case_list.html"}
    for name, table in tables:
        body = table.split("</thead>", 1)[-1]
        bare = [td for td in re.findall(r"<td(?![^>]*data-label)[^>]*>", body) if "colspan" not in td]
        assert bare == [], name
