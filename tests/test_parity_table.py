"""The parity table is complete (tests/parity_table.py): every API write and every page that writes is
listed, as a pair of doors to the same service or as a door with no counterpart; every pair has a parity
`Door` (tests/<app>/test_parity.py, at any depth) or a reason in NO_DOOR. A new endpoint or page fails here until it is
listed."""

import importlib
import inspect
import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from tests import parity
from tests.parity_table import API_ONLY, NO_DOOR, PAGE_ONLY, PAIRS
from zhifa.api import api

WRITES = ("post", "put", "patch", "delete")
POST_RE = re.compile(r"request\.POST|require_POST|request\.method|require_http_methods\([^)]*POST")


def api_writes() -> set[str]:
    paths = api.get_openapi_schema()["paths"]
    return {op["operationId"] for ops in paths.values() for method, op in ops.items() if method in WRITES}


def _patterns(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern.callback


def _handles_post(view) -> bool:
    """The view, or a function of its module it calls (a shared form-page helper), reads a POST."""
    view = inspect.unwrap(view)
    try:
        source = inspect.getsource(view)
    except (OSError, TypeError):
        return False
    if POST_RE.search(source):
        return True
    module = inspect.getmodule(view)
    for name in set(re.findall(r"\b(_?\w+)\(", source)):
        helper = getattr(module, name, None)
        ours = inspect.isfunction(helper) and helper is not view and helper.__module__ == view.__module__
        if ours and POST_RE.search(inspect.getsource(inspect.unwrap(helper))):
            return True
    return False


def write_pages() -> set[str]:
    return {
        name
        for name, view in _patterns(get_resolver().url_patterns)
        if name.split(":")[0] not in ("api", "admin")
        and getattr(view, "__module__", "").startswith("zhifa.")
        and _handles_post(view)
    }


def doors() -> dict[str, list[parity.Door]]:
    """Every Door declared at import by a test module at any depth under tests/ (tests/<app>/test_parity.py,
    tests/supervision/<feature>/test_parity.py, or another module that declares Doors)."""
    root = Path(__file__).parent
    for path in sorted(root.rglob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        if "from tests.parity import" in source and "Door(" in source:
            importlib.import_module(".".join(("tests", *path.relative_to(root).with_suffix("").parts)))
    found: dict[str, list[parity.Door]] = {}
    for door in parity.DOORS:
        found.setdefault(door.operation, []).append(door)
    return found


def test_every_api_write_is_listed():
    writes = api_writes()
    assert len(writes) >= 75
    assert sorted(writes - set(PAIRS) - set(API_ONLY)) == []
    assert sorted((set(PAIRS) | set(API_ONLY)) - writes) == []
    assert set(PAIRS) & set(API_ONLY) == set()


def test_every_page_that_writes_is_listed():
    pages = write_pages()
    assert {"cases:case_intake", "registry:body_confirm", "review:review_opinion"} <= pages
    listed = set(PAIRS.values()) | set(PAGE_ONLY)
    assert sorted(pages - listed) == []
    assert sorted(listed - pages) == []


def test_every_pair_has_a_door_or_a_reason():
    found = doors()
    assert sorted(set(found) - set(PAIRS)) == []  # a Door names a listed pair
    assert sorted(set(PAIRS) - set(found) - set(NO_DOOR)) == []
    assert sorted(set(found) & set(NO_DOOR)) == []  # a pair with a Door needs no reason
    assert sorted(set(NO_DOOR) - set(PAIRS)) == []
