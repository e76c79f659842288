"""/api/recognition/ 表彰奖励: the list, one award, 录入 and 更正. Thin: schemas only parse; the service
decides. Another agency's award is a 404, an agency or officer outside the jurisdiction a 404 too."""

from datetime import date, datetime

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core import access
from zhifa.core.params import Id, Year
from zhifa.core.selectors import chosen_agency
from zhifa.registry.models import Officer

from .. import selectors, services

router = Router(tags=["表彰奖励"])


class AwardOut(Schema):
    id: int
    awardee_kind: str
    awardee_kind_label: str
    awardee_name: str
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    officer_id: int | None
    kind: str
    kind_label: str
    level: str
    level_label: str
    granted_by: str
    granted_on: date
    reason: str
    document_number: str
    created_at: datetime

    @staticmethod
    def resolve_awardee_kind_label(obj) -> str:
        return obj.get_awardee_kind_display()

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_level_label(obj) -> str:
        return obj.get_level_display()


class AwardIn(Schema):
    awardee_kind: str = Field("", title="表彰对象类别")
    officer_id: Id | None = None
    agency_id: Id | None = None
    kind: str = Field("", title="表彰种类")
    level: str = Field("", title="表彰级别")
    granted_by: str = Field("", title="授予机关")
    granted_on: date | None = None
    reason: str = Field("", title="表彰事由")
    document_number: str = Field("", title="文号")


class CorrectionIn(Schema):
    kind: str = Field("", title="表彰种类")
    level: str = Field("", title="表彰级别")
    granted_by: str = Field("", title="授予机关")
    granted_on: date | None = None
    reason: str = Field("", title="表彰事由")
    document_number: str = Field("", title="文号")
    correction_reason: str = Field("", title="更正理由")


@router.get("/awards", response=list[AwardOut], summary="表彰奖励")
@paginate
def award_list(request, q: str = "", awardee_kind: str = "", kind: str = "", level: str = "",
               year: Year | None = None, agency_id: Id | None = None):  # fmt: skip
    return selectors.awards_visible_to(
        request.auth, q=q, awardee_kind=awardee_kind, kind=kind, level=level, year=year, agency_id=agency_id
    )


@router.get("/awards/{int:award_id}", response=AwardOut, summary="表彰奖励详情")
def award_detail(request, award_id: int):
    return selectors.get_award(request.auth, award_id)


@router.post("/awards", response={201: AwardOut}, summary="录入表彰奖励")
def award_record(request, data: AwardIn):
    user = request.auth
    officer = (
        access.get_visible_or_404(user, Officer.objects.select_related("agency"), services.MANAGE_AWARD,
                                  pk=data.officer_id)
        if data.officer_id else None
    )  # fmt: skip
    agency = chosen_agency(user, data.agency_id, perm=services.MANAGE_AWARD) if data.agency_id else None
    award = services.award_record(
        actor=user,
        data=services.AwardInput(
            awardee_kind=data.awardee_kind, officer=officer, agency=agency, kind=data.kind, level=data.level,
            granted_by=data.granted_by, granted_on=data.granted_on, reason=data.reason,
            document_number=data.document_number,
        ),
    )  # fmt: skip
    return Status(201, selectors.get_award(user, award.pk))


@router.post("/awards/{int:award_id}/correct", response=AwardOut, summary="更正表彰奖励")
def award_correct(request, award_id: int, data: CorrectionIn):
    award = selectors.get_award(request.auth, award_id)
    services.award_correct(
        actor=request.auth, award=award, reason=data.correction_reason,
        data=services.AwardInput(
            awardee_kind=award.awardee_kind, officer=award.officer, agency=award.agency, kind=data.kind,
            level=data.level, granted_by=data.granted_by, granted_on=data.granted_on, reason=data.reason,
            document_number=data.document_number,
        ),
    )  # fmt: skip
    return selectors.get_award(request.auth, award_id)
