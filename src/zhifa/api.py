"""The JSON API at /api/ (OpenAPI at /api/docs). Each app adds a router; handlers stay thin and call the
same services and selectors as the UI."""

import sys
import typing

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.parser import Parser
from ninja.security import HttpBearer, django_auth

from zhifa.accounts import lockout
from zhifa.accounts.api import router as accounts_router
from zhifa.accounts.rotation import MUST_CHANGE_REASON
from zhifa.accounts.services import user_for_token
from zhifa.audit.api import router as audit_router
from zhifa.cases.api import router as cases_router
from zhifa.catalog.api import router as catalog_router
from zhifa.collaboration.api import router as collaboration_router
from zhifa.complaints.api import router as complaints_router
from zhifa.core import hygiene
from zhifa.core.api import router as core_router
from zhifa.core.params import schema_message
from zhifa.detection.api import router as detection_router
from zhifa.equipment.api import router as equipment_router
from zhifa.evaluation.api import router as evaluation_router
from zhifa.exchange.api import router as exchange_router
from zhifa.filings.api import router as filings_router
from zhifa.guidance.api import router as guidance_router
from zhifa.inspections.api import router as inspections_router
from zhifa.notifications.api import router as notifications_router
from zhifa.publicity.api import router as publicity_router
from zhifa.recognition.api import router as recognition_router
from zhifa.registry.api import router as registry_router
from zhifa.review.api import router as review_router
from zhifa.social.api import router as social_router
from zhifa.stats.api import router as stats_router
from zhifa.supervision.api import router as supervision_router
from zhifa.training.api import router as training_router


class TokenAuth(HttpBearer):
    """Authorization: Bearer <personal API token>."""

    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None and lockout.account_locked(user.username):
            raise HttpError(403, lockout.LOCKED_TOKEN_REASON)  # the token must not bypass the lockout
        if user is not None and user.must_change_password:
            raise HttpError(403, MUST_CHANGE_REASON)
        if user is not None:
            request.user = user
            request.token_user = user  # a machine's call: no second factor, no re-authentication
        return user


class ApiParser(Parser):
    """The JSON body, refused when any of its strings holds a control character (core.hygiene): the handler
    and its lookups never see one."""

    def parse_body(self, request):
        data = super().parse_body(request)
        path = hygiene.control_path(data)
        if path is not None:
            # ninja calls the parser from the operation's body model (a classmethod's `cls`): its schema
            # may title the field in Chinese (Field(title=…)), the words of the page's form
            model = sys._getframe(1).f_locals.get("cls")
            raise hygiene.ControlCharactersInBody(path, data, title=schema_title(model, path))
        return data


def schema_title(model, path: list[str]) -> str | None:
    """The `title` of the body field at `path` in a ninja body model, if it was given one."""
    fields = getattr(model, "model_fields", {})
    single = getattr(model, "__read_from_single_attr__", None)
    if single in fields:
        fields = getattr(_schema_of(fields[single].annotation), "model_fields", {})
    info = None
    for key in path:
        info = fields.get(key)
        if info is None:
            return None
        fields = getattr(_schema_of(info.annotation), "model_fields", {})
    return info.title if info is not None else None


def _schema_of(annotation):
    """The schema class inside `X`, `list[X]` or `X | None`."""
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for inner in typing.get_args(annotation):
        found = _schema_of(inner)
        if found is not None:
            return found
    return None


class ZhifaAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """Operation ids are part of the contract (generated clients name their methods after them), so
        they name the app and the handler, not the module it lives in: zhifa_<app>_api[_<part>]_<name>
        whether the handler is in cases/api/cases.py or cases/evidence/api.py (…_api_evidence_…)."""
        parts = operation.view_func.__module__.split(".")
        if parts[0] != "zhifa" or len(parts) < 3 or "api" not in parts[2:]:
            return super().get_openapi_operation_id(operation)
        app = parts[1]
        rest = [part for part in parts[2:] if part not in ("api", app)]
        return "_".join(["zhifa", app, "api", *rest, operation.view_func.__name__])


api = ZhifaAPI(
    title="执法通 API",
    version="1",
    description="行政执法综合管理监督平台 JSON API。浏览器使用会话登录；其他系统使用个人API令牌（Bearer）。",
    auth=[TokenAuth(), django_auth],
    parser=ApiParser(),
    urls_namespace="api",
)


def _field_errors(exc: ValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [
            {"loc": ["body", field], "msg": msg} for field, msgs in exc.message_dict.items() for msg in msgs
        ]
    return [{"loc": ["body"], "msg": msg} for msg in exc.messages]


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return api.create_response(request, {"detail": _field_errors(exc)}, status=422)


@api.exception_handler(SchemaError)
def on_schema_error(request, exc):
    """What the schemas refuse (a type, a missing field, a parameter out of range), in Chinese, naming
    the field: the same words a page's form would show (core.params.schema_message)."""
    detail = [
        {"type": error.get("type", ""), "loc": list(error.get("loc", [])), "msg": schema_message(error)}
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    """ninja answers a body its parser refused with 400 "Cannot parse request body"; a control character
    in the body is a 422 naming the field instead, as the models would refuse it."""
    cause = exc.__cause__
    if isinstance(cause, hygiene.ControlCharactersInBody):
        parts = request.path.split("/")
        app = parts[2] if len(parts) > 2 else None
        text = hygiene.message(cause.title or hygiene.json_label(app, cause.path, cause.body))
        detail = [{"type": "control_characters", "loc": ["body", *cause.path], "msg": text}]
        return api.create_response(request, {"detail": detail}, status=422)
    response = api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
    if retry_after := getattr(exc, "retry_after", None):  # a rate limit (complaints.api.public)
        response["Retry-After"] = str(retry_after)
    return response


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "您无权执行此操作"}, status=403)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": "未找到该对象，或您无权查看"}, status=404)


@api.get("/health", auth=None, tags=["system"], summary="健康检查")
def health(request):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "database": connection.vendor}


api.add_router("/", core_router)
api.add_router("/accounts/", accounts_router)
api.add_router("/registry/", registry_router)
api.add_router("/catalog/", catalog_router)
api.add_router("/cases/", cases_router)
api.add_router("/review/", review_router)
api.add_router("/publicity/", publicity_router)
api.add_router("/inspections/", inspections_router)
api.add_router("/supervision/", supervision_router)
api.add_router("/complaints/", complaints_router)
api.add_router("/social/", social_router)
api.add_router("/detection/", detection_router)
api.add_router("/evaluation/", evaluation_router)
api.add_router("/collaboration/", collaboration_router)
api.add_router("/stats/", stats_router)
api.add_router("/exchange/", exchange_router)
api.add_router("/audit/", audit_router)
api.add_router("/notifications/", notifications_router)
api.add_router("/guidance/", guidance_router)
api.add_router("/training/", training_router)
api.add_router("/recognition/", recognition_router)
api.add_router("/filings/", filings_router)
api.add_router("/equipment/", equipment_router)
