"""The parity check (issue 19 item 2): a write that has both a page form and an API endpoint refuses the
same ill-formed input with the same words beside the same field, through either door, never with a 500,
and writes nothing. An app's test module lists its endpoints as `Door` rows and calls `check_parity`."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zhifa.core import hygiene
from zhifa.core.models import Record

CONTROLS = {"C0": "\x07", "DEL": "\x7f", "C1": "\x85", "NUL": "\x00"}


def control_message(label: str) -> str:
    return f"“{label}”不能包含控制字符"


DOORS: list["Door"] = []  # every Door declared, for tests/test_parity_table.py


@dataclass
class Door:
    """One write, as a page form and as an API call. `good` is valid form data; `to_api` turns form data
    into the API's JSON; `text_fields` are the free-text fields (form name → Chinese label);
    `api` may name form fields in braces (a path part); `bad` adds other ill-formed inputs: (form field, value, the expected message)."""

    name: str
    operation: str  # the API's operation id (tests/parity_table.PAIRS)
    page: str
    api: str
    good: dict[str, Any]
    text_fields: dict[str, str]
    bad: list[tuple[str, Any, str]] = field(default_factory=list)
    method: str = "post"
    to_api: Callable[[dict], dict] = lambda data: data
    api_field: Callable[[str], str] = lambda name: name
    page_form: str = "form"  # the page's context key of the form that shows the refusal

    def __post_init__(self):
        if not any(d.operation == self.operation and d.name == self.name for d in DOORS):
            DOORS.append(self)

    def variants(self):
        """Every kind of control character in the first text field, NUL in each of the others (the kinds
        are core.hygiene's, tested there), then the other ill-formed inputs."""
        for index, (name, label) in enumerate(self.text_fields.items()):
            for kind, char in CONTROLS.items() if index == 0 else [("NUL", CONTROLS["NUL"])]:
                value = f"{self.good.get(name) or '文字'}{char}尾"
                yield f"{name}-{kind}", name, value, control_message(label)
        for name, value, message in self.bad:
            yield f"{name}={value!r}", name, value, message


def page_errors(response, key: str = "form") -> dict[str, list[str]]:
    assert response.status_code == 200, (response.status_code, response.content[:500])
    form = response.context[key]
    return {name: list(messages) for name, messages in form.errors.items()}


def api_errors(response) -> dict[str, list[str]]:
    assert response.status_code == 422, (response.status_code, response.content[:500])
    found: dict[str, list[str]] = {}
    for error in response.json()["detail"]:
        found.setdefault(str(error["loc"][-1]), []).append(error["msg"])
    return found


def check_parity(client, user, door: Door, field_name: str, value, message: str, counted=()) -> None:
    client.force_login(user)
    snapshot = lambda: (*(m.objects.count() for m in counted), Record.objects.count())  # noqa: E731
    before = snapshot()
    data = {**door.good, field_name: value}
    on_page = page_errors(client.post(door.page, data), door.page_form)
    body = door.to_api(data)
    through_api = api_errors(
        client.generic(door.method.upper(), door.api.format(**data), json.dumps(body), "application/json")
    )
    # a control character is refused where it stands in the body (a nested key: party.name)
    path = hygiene.control_path(body)
    assert on_page.get(field_name) == [message], on_page
    assert through_api.get(path[-1] if path else door.api_field(field_name)) == [message], through_api
    assert snapshot() == before


def check_door(client, user, door: Door, counted=()) -> None:
    """Every variant of `door` (one database set-up for all of them: a refusal writes nothing)."""
    failures = []
    for vid, field_name, value, message in door.variants():
        try:
            check_parity(client, user, door, field_name, value, message, counted=counted)
        except AssertionError as exc:
            failures.append(f"{door.name} {vid}: {exc}")
    assert failures == [], "\n".join(failures)
