from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from . import access, holiday_overrides, holidays, number_formats, selectors, services, workdays
from .choices import AgencyKind, DayKind, NumberKind
from .models import Agency, HolidayOverride, Region
from .params import CalendarDay, Id, WorkdayCount, Year

router = Router(tags=["organisations"])


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None = Field(None, alias="parent.code")


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    credit_code: str
    kind: AgencyKind
    region_code: str = Field(alias="region.code")
    parent_id: int | None
    superior_department_id: int | None = Field(None, description="业务主管部门（上级行政区划的同系统部门）")
    active: bool


class AgencyIn(Schema):
    name: str = Field(min_length=1, max_length=128)
    short_name: str = Field("", max_length=16)
    credit_code: str = Field(min_length=1, max_length=18)
    kind: AgencyKind
    region_code: str
    parent_id: int | None = None
    superior_department_id: Id | None = Field(None, description="业务主管部门（上级行政区划的同系统部门）")


class AgencyFilters(Schema):
    q: str = ""
    kind: str = ""
    region_code: str = ""


@router.get("/regions", response=list[RegionOut], summary="行政区划")
@paginate
def list_regions(request):
    return Region.objects.select_related("parent").order_by("code")


@router.get("/agencies", response=list[AgencyOut], summary="机关/机构列表（按辖区）")
@paginate
def list_agencies(request, filters: Query[AgencyFilters]):
    return selectors.agencies_visible_to(request.auth, **filters.dict())


class PickerChoiceOut(Schema):
    id: int
    label: str = Field(description="显示名称")


class AgencySearchFilters(Schema):
    q: str = Field("", max_length=64, description="名称、简称或统一社会信用代码")
    perm: str = Field("", max_length=64, description="按何种权限限定范围（默认：可查看）")
    region_code: str = Field(
        "", max_length=9, description="限定行政区划（含下级；转办、移送、抄告的接收机关）"
    )
    not_justice: bool = Field(False, description="不含司法行政机关")


@router.get("/agencies/search", response=list[PickerChoiceOut], summary="机关检索（选择框用，至多20项）")
def search_agencies(request, filters: Query[AgencySearchFilters]):
    from .pickers import LIMIT

    return selectors.agency_choices(request.auth, **filters.dict(), limit=LIMIT)


@router.get("/agencies/{agency_id}", response=AgencyOut, summary="机关/机构详情")
def get_agency(request, agency_id: int):
    return access.get_visible_or_404(request.auth, Agency.objects.select_related("region"), pk=agency_id)


@router.post("/agencies", response={201: AgencyOut}, summary="新增机关/机构（系统管理员）")
def create_agency(request, data: AgencyIn):
    region = Region.objects.filter(code=data.region_code).first()
    if region is None:
        raise ValidationError({"region_code": f"行政区划代码“{data.region_code}”不存在"})
    fields = data.dict(exclude={"region_code"})
    agency = services.agency_create(actor=request.auth, region=region, **fields)
    return Status(201, agency)


class WorkdayOut(Schema):
    date: date
    is_workday: bool


@router.get("/workdays/{day}", response=WorkdayOut, tags=["calendar"], summary="是否工作日")
def get_workday(request, day: CalendarDay):
    return {"date": day, "is_workday": workdays.is_workday(day)}


@router.get("/workdays/{day}/plus/{n}", response=WorkdayOut, tags=["calendar"], summary="第n个工作日")
def add_workdays(request, day: CalendarDay, n: WorkdayCount):
    result = workdays.add_workdays(day, n)
    return {"date": result, "is_workday": workdays.is_workday(result)}


class NoticeIn(Schema):
    text: str = Field(min_length=1, max_length=20000, description="国务院办公厅节假日安排通知全文")


class ScheduleDayOut(Schema):
    date: date
    kind: DayKind
    name: str


class ScheduleOut(Schema):
    year: int
    days: list[ScheduleDayOut]
    moved: int = Field(0, description="因本次录入而重新计算的未到期期限数")


def _schedule_out(schedule, moved: int = 0) -> dict:
    days = [
        {"date": day, "kind": DayKind.WORKDAY if is_workday else DayKind.HOLIDAY, "name": name}
        for day, is_workday, name in schedule.days
    ]
    return {"year": schedule.year, "days": days, "moved": moved}


@router.post("/calendar/preview", response=ScheduleOut, tags=["calendar"], summary="预览节假日安排通知")
def preview_schedule(request, data: NoticeIn):
    return _schedule_out(holidays.holiday_schedule_preview(actor=request.auth, text=data.text))


@router.post("/calendar/schedule", response=ScheduleOut, tags=["calendar"], summary="录入全年节假日安排")
def enter_schedule(request, data: NoticeIn):
    entered = holidays.holiday_schedule_enter(actor=request.auth, text=data.text)
    return _schedule_out(entered.schedule, len(entered.moved))


# ---- 节假日调整 and 文号格式 (系统管理员): the pages' services, refusing alike -------------------------


class HolidayOverrideOut(Schema):
    id: int
    date: date
    kind: DayKind
    name: str = Field(description="说明")
    set_by: str = Field("", description="设置人")
    set_at: datetime | None = Field(None, description="设置时间")

    @staticmethod
    def resolve_set_by(override) -> str:
        return override.set_by.real_name if override.set_by_id else ""


OptionalDay = date | None  # (a field named `date` hides the type in its own default's line)


class HolidayOverrideIn(Schema):
    """The service refuses a missing date or kind in the page's words, so they are optional here."""

    date: OptionalDay = Field(None, description="日期（2000年至2100年）")
    kind: str = Field("", description="类型：holiday 法定节假日，workday 调休上班")
    name: str = Field("", description="说明")


class OverrideYear(Schema):
    year: Year = Field(None, description="年份（默认今年）")


@router.get(
    "/calendar/overrides", response=list[HolidayOverrideOut], tags=["calendar"], summary="节假日调整（按年）"
)
@paginate
def list_holiday_overrides(request, filters: Query[OverrideYear]):
    if not request.auth.has_perm(holiday_overrides.VIEW):
        raise PermissionDenied("您无权查看节假日调整")
    return holiday_overrides.overrides_of_year(filters.year or timezone.localdate().year)


@router.post(
    "/calendar/overrides", response={201: HolidayOverrideOut}, tags=["calendar"], summary="新增节假日调整"
)
def create_holiday_override(request, data: HolidayOverrideIn):
    override = holiday_overrides.holiday_override_set(
        actor=request.auth, day=data.date, kind=data.kind, name=data.name
    )
    return Status(201, override)


@router.put(
    "/calendar/overrides/{override_id}",
    response=HolidayOverrideOut,
    tags=["calendar"],
    summary="修改节假日调整",
)
def update_holiday_override(request, override_id: Id, data: HolidayOverrideIn):
    override = get_object_or_404(HolidayOverride, pk=override_id)
    return holiday_overrides.holiday_override_update(
        actor=request.auth, override=override, day=data.date, kind=data.kind, name=data.name
    )


@router.delete(
    "/calendar/overrides/{override_id}", response={204: None}, tags=["calendar"], summary="删除节假日调整"
)
def delete_holiday_override(request, override_id: Id):
    override = get_object_or_404(HolidayOverride, pk=override_id)
    holiday_overrides.holiday_override_delete(actor=request.auth, override=override)
    return Status(204, None)


class NumberFormatOut(Schema):
    id: int
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    kind: NumberKind
    prefix: str = Field(description="文号前缀")


class NumberFormatIn(Schema):
    """The service refuses a missing kind or prefix in the page's words, so they are optional here."""

    kind: str = Field("", description="文书种类")
    prefix: str = Field("", description="文号前缀（至多32字）")


class NewNumberFormatIn(NumberFormatIn):
    agency_id: Id


class NumberFormatFilters(Schema):
    agency_id: Id | None = None
    kind: str = Field("", max_length=32)


@router.get(
    "/number-formats", response=list[NumberFormatOut], tags=["organisations"], summary="文号格式（按辖区）"
)
@paginate
def list_number_formats(request, filters: Query[NumberFormatFilters]):
    return number_formats.number_formats_visible_to(request.auth, **filters.dict())


@router.post(
    "/number-formats", response={201: NumberFormatOut}, tags=["organisations"], summary="新增文号格式"
)
def create_number_format(request, data: NewNumberFormatIn):
    agency = selectors.chosen_agency(request.auth, data.agency_id, perm=number_formats.ADD)
    number_format = number_formats.number_format_create(
        actor=request.auth, agency=agency, kind=data.kind, prefix=data.prefix
    )
    return Status(201, number_format)


def _number_format(request, format_id: int, perm: str):
    return access.get_visible_or_404(request.auth, number_formats.FORMATS, perm, pk=format_id)


@router.put(
    "/number-formats/{format_id}", response=NumberFormatOut, tags=["organisations"], summary="修改文号格式"
)
def update_number_format(request, format_id: Id, data: NumberFormatIn):
    number_format = _number_format(request, format_id, number_formats.CHANGE)
    return number_formats.number_format_update(
        actor=request.auth, number_format=number_format, kind=data.kind, prefix=data.prefix
    )


@router.delete(
    "/number-formats/{format_id}", response={204: None}, tags=["organisations"], summary="删除文号格式"
)
def delete_number_format(request, format_id: Id):
    number_format = _number_format(request, format_id, number_formats.DELETE)
    number_formats.number_format_delete(actor=request.auth, number_format=number_format)
    return Status(204, None)
