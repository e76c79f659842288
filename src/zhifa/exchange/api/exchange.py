"""/api/exchange/ 数据交换: the incremental export (a page per call, resumed with the signed `next_cursor`),
the import of another instance's page, and the batches with their conflicts. The file format is
docs/exchange.md (JSON Schema draft 2020-12 in exchange/schema/). Thin: reads through selectors, writes
through services; a refusal is a 422 keyed by field ("cursor", "limit", "file") with the reason in Chinese."""

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Body, Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AwareDatetime

from zhifa.core.params import Id

from .. import selectors, services
from ..choices import Direction

router = Router(tags=["数据交换"])

BatchSort = Literal["-created", "created", "-conflicts"]
PageSize = Annotated[int, Field(ge=1, le=services.MAX_LIMIT)]


class BatchOut(Schema):
    id: int
    direction: str
    direction_label: str
    cd_batch: str
    source_instance: str
    source_credit_code: str
    agency_id: int | None
    total: int
    inserted: int
    updated: int
    deleted: int
    unchanged: int
    conflicts: int
    counts: dict[str, int]
    cursor_after: int | None
    cursor_upto: int | None
    created_at: datetime

    @staticmethod
    def resolve_direction_label(obj) -> str:
        return obj.get_direction_display()


class ConflictOut(Schema):
    kind: str
    key: str
    message: str


@router.get(
    "/export",
    response=dict[str, Any],
    summary="增量导出（按变更时间，分页，可用签名游标续传）",
    description="返回一页交换文件（格式见 docs/exchange.md）。首次调用给出 since（不给则全量）；"
    "响应中的 next_cursor 不为空时，以 cursor=next_cursor 取下一页。游标有签名，24小时内有效，只能由签发给的用户使用。",
)
def export(
    request, since: AwareDatetime | None = None, cursor: str = "", limit: PageSize = services.DEFAULT_LIMIT
):
    return services.export_page(actor=request.auth, since=since, cursor=cursor, limit=limit)


@router.post("/import", response={201: BatchOut}, summary="导入其他系统的交换文件（整体成功或整体拒绝）")
def import_file(request, envelope: Annotated[dict[str, Any], Body(title="交换文件")]):
    return Status(201, services.import_envelope(actor=request.auth, envelope=envelope))


@router.get("/batches", response=list[BatchOut], summary="交换批次")
@paginate
def batch_list(request, direction: Direction | None = None, q: str = "", sort: BatchSort = "-created"):
    return selectors.batches_visible_to(request.auth, direction=direction or "", q=q, sort=sort)


@router.get("/batches/{int:batch_id}", response=BatchOut, summary="交换批次详情")
def batch_detail(request, batch_id: Id):
    return selectors.batch_or_404(request.auth, batch_id)


@router.get("/batches/{int:batch_id}/conflicts", response=list[ConflictOut], summary="交换批次的冲突")
@paginate
def batch_conflicts(request, batch_id: Id):
    return selectors.conflicts_of(selectors.batch_or_404(request.auth, batch_id))
