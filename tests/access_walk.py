"""The access walk's machinery (tests/test_access_walk.py holds its rules and tests): the pairs of users
it plays (an insider and an outsider of the same roles in another agency or region), what a request
wrote, and how an allow-list entry is read. Kept apart so the tests read as the rules they check."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import resolve


@dataclass(frozen=True)
class Pair:
    """`insider` (a demo user, or one made for the walk at `insider_agency`) crawls; a user made for the
    walk with the same roles at `outsider_agency` replays what the insider opened."""

    insider: str
    outsider_agency: str
    insider_agency: str = ""  # set when the insider is made for the walk, not a demo account
    roles: tuple[str, ...] = ()  # the roles of a made insider

    @property
    def outsider(self) -> str:
        return f"walk_{self.insider}"

    def __str__(self) -> str:
        return f"{self.insider}→{self.outsider_agency}"


def make_users(pairs: list[Pair]) -> None:
    """Make the insiders the demo lacks and every outsider, each with its insider's roles."""
    from zhifa.accounts import services
    from zhifa.accounts.models import User
    from zhifa.core.models import Agency

    def make(username: str, agency_name: str, roles) -> None:
        services.user_create(
            actor=None,
            username=username,
            real_name="巡检员",
            agency=Agency.objects.get(name=agency_name),
            password="Walk@2026x",
            roles=list(roles),
        )

    for pair in pairs:
        if pair.insider_agency:
            make(pair.insider, pair.insider_agency, pair.roles)
        insider = User.objects.get(username=pair.insider)
        make(pair.outsider, pair.outsider_agency, insider.role_codes)


def object_url(url: str) -> tuple[str, dict] | None:
    """(URL name, kwargs) of a URL whose pattern takes an object's id or number; None for any other."""
    match = resolve(url.split("?", 1)[0])
    return (match.view_name, match.kwargs) if match.kwargs else None


def allowed(rules: dict[str, tuple[frozenset[int], str]], name: str) -> frozenset[int] | None:
    """The statuses an allow-list grants URL name `name` ("ns:name", or "ns:*" for a whole namespace)."""
    for key in (name, f"{name.partition(':')[0]}:*"):
        if key in rules:
            return rules[key][0]
    return None


# Tables a request may write without changing anything of the business: the session of the login.
UNCOUNTED = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


def row_counts() -> dict[str, int]:
    """The number of rows of every table (the record log included), in one query: a refused request
    changes none."""
    from django.db import connection

    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.label_lower not in UNCOUNTED and model._meta.managed
        }
    )
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def changed(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    return {label: (before[label], after[label]) for label in before if before[label] != after[label]}


# ---- the API ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """The model behind a path parameter: `value` is the field whose value fills it (the pk, or e.g. an
    item's code); `parents` fills the operation's earlier parameters from the same object; `owner` names
    the user who alone sees such an object (an upload's uploader), else any user of its agency does."""

    model: str
    value: str = "pk"
    parents: tuple[tuple[str, str | Callable[[Any], Any]], ...] = ()  # an attribute, or a function of it
    owner: str = ""


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # e.g. /api/cases/{case_id}/assign
    body: dict | None  # a minimal body valid for the operation; None: it takes none
    query: dict  # the required query parameters, minimal

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations(api) -> list[Operation]:
    """Every operation of the ninja `api` (as its OpenAPI schema lists them) with a path parameter. The
    bodies are built from each handler's own pydantic models, not from the schema's components: two
    routers' schemas of one name (AssignIn) share one component there."""
    schema = api.get_openapi_schema()
    handlers = {
        api.get_openapi_operation_id(op): op
        for _, router in api._routers
        for view in router.path_operations.values()
        for op in view.operations
    }
    found = []
    for path, methods in schema["paths"].items():
        if "{" not in path:
            continue
        for method, spec in methods.items():
            models = {m.__ninja_param_source__: m for m in handlers[spec["operationId"]].models}
            body = _minimal_model(models["body"]) if "body" in models else None
            query = _minimal_model(models["query"]) if "query" in models else {}
            flat = {}
            for key, value in query.items():  # Query[Filters] nests the filters one level down
                flat.update(value if isinstance(value, dict) else {key: value})
            found.append(Operation(method, path, body, flat))
    return found


def _minimal_model(model) -> dict:
    single = getattr(model, "__read_from_single_attr__", None)
    if single:
        annotation = model.model_fields[single].annotation
        if hasattr(annotation, "model_json_schema"):
            model = annotation
    spec = model.model_json_schema()
    return minimal(spec, spec)


def minimal(spec: dict, root: dict):
    """The smallest value the JSON schema `spec` accepts: required properties only, the first choice of an
    enum, today for a date — enough for the body to pass validation, so the handler looks the object up."""
    import datetime

    if "$ref" in spec:
        return minimal(root["$defs"][spec["$ref"].rsplit("/", 1)[-1]], root)
    for key in ("anyOf", "oneOf"):
        if key in spec:
            options = [s for s in spec[key] if s.get("type") != "null"] or spec[key]
            return minimal(options[0], root)
    if "allOf" in spec:
        return minimal(spec["allOf"][0], root)
    if "default" in spec:
        return spec["default"]
    if "enum" in spec:
        return spec["enum"][0]
    kind = spec.get("type", "object")
    if kind == "object":
        properties = spec.get("properties", {})
        return {name: minimal(properties[name], root) for name in spec.get("required", ())}
    if kind == "array":
        return [minimal(spec.get("items", {}), root) for _ in range(max(spec.get("minItems", 0), 1))]
    if kind == "string":
        if spec.get("format") == "date":
            return datetime.date.today().isoformat()
        if spec.get("format") == "date-time":
            return datetime.datetime.now(datetime.UTC).isoformat()
        length = max(spec.get("minLength", 1), 4)
        return "巡检访问测试"[: min(length, spec.get("maxLength", length))]
    if kind in ("integer", "number"):
        return max(spec.get("minimum", 1), 1)
    if kind == "boolean":
        return False
    return None


def params_of(path: str) -> list[str]:
    import re

    return re.findall(r"\{([^}]+)\}", path)


def prefix_of(path: str, param: str) -> str:
    """/api/cases/{case_id}/assign, case_id → /cases/{case_id}: the key of API_PARAMS."""
    return path.removeprefix("/api")[: path.removeprefix("/api").index("{" + param + "}") + len(param) + 2]
