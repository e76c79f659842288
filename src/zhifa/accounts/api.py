from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from . import services
from .models import ApiToken

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    real_name: str
    agency_id: int | None
    agency_name: str | None = Field(None, alias="agency.name")
    roles: list[str]

    @staticmethod
    def resolve_roles(user):
        return sorted(user.role_codes)


class TokenIn(Schema):
    name: str = Field(title="用途")  # required and at most 64 characters: the service, in the page's words
    expires_at: datetime | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class NewTokenOut(TokenOut):
    key: str


@router.get("/me", response=MeOut, summary="当前用户")
def me(request):
    return request.auth


@router.get("/tokens", response=list[TokenOut], summary="我的API令牌")
def list_tokens(request):
    return ApiToken.objects.filter(user=request.auth)


@router.post("/tokens", response={201: NewTokenOut}, summary="新建API令牌（密钥只返回这一次）")
def create_token(request, data: TokenIn):
    token, key = services.api_token_create(actor=request.auth, name=data.name, expires_at=data.expires_at)
    return Status(201, {**TokenOut.from_orm(token).dict(), "key": key})


@router.post("/tokens/{token_id}/revoke", response=TokenOut, summary="吊销API令牌")
def revoke_token(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.auth)
    return services.api_token_revoke(actor=request.auth, token=token)
