"""测评结果的Excel导入: every row read and checked first (core.xlsx_import), each problem reported with its
row number; only a clean file is written, in one transaction with one record."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from zhifa.core import kit, xlsx_import
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.core.xlsx_import import Column, ImportResult, Row, RowError

from ..choices import Rating, RespondentKind
from ..models import SCORE_MAX, SCORE_MIN, SurveyCampaign
from . import surveys

LABEL = "测评结果"
AGENCY = "被测评机关"
COLUMNS = (
    Column(AGENCY, True, "测评区域内行政执法机关的全称", "东湖区市场监督管理局"),
    Column("受访者类别", True, xlsx_import.choice_rule(RespondentKind), "企业", RespondentKind),
    Column("受访者", False, "可不填（匿名）", "江州某食品有限公司"),
    Column("满意度评价", False, xlsx_import.choice_rule(Rating) + "；与评分至少填一项", "满意", Rating),
    Column("评分", False, f"{SCORE_MIN}至{SCORE_MAX}的整数；与满意度评价至少填一项", "92"),
    Column("意见建议", False, "文字", "检查前能提前告知，希望减少重复检查"),
)
FIELD_COLUMN = {
    "agency": AGENCY, "respondent_kind": "受访者类别", "respondent": "受访者", "rating": "满意度评价",
    "score": "评分", "comment": "意见建议",
}  # fmt: skip


def template() -> bytes:
    return xlsx_import.template_bytes(
        title=LABEL,
        columns=COLUMNS,
        notes=["每行为一名受访者对一个机关的评价；整个文件有任何错误时不导入任何一行。"],
    )


def _parser(campaign: SurveyCampaign):
    agencies = {a.name: a for a in Agency.objects.in_region_tree(campaign.region).select_related("region")}

    def parse(row: Row) -> surveys.ResponseInput | None:
        name = row.text(AGENCY, required=True)
        agency = agencies.get(name)
        if name and agency is None:
            row.error(AGENCY, f"“{AGENCY}”：测评区域{campaign.region.name}内没有“{name}”")
        kind = row.choice("受访者类别", RespondentKind)
        rating = row.choice("满意度评价", Rating, required=False)
        number = row.decimal("评分")
        score = None
        if number is not None:
            if number != number.to_integral_value() or not SCORE_MIN <= number <= SCORE_MAX:
                row.error("评分", f"“评分”应为{SCORE_MIN}至{SCORE_MAX}的整数，不能为{row.text('评分')}")
            else:
                score = int(number)
        data = surveys.ResponseInput(
            agency=agency, respondent_kind=kind, rating=rating, score=score,
            respondent=row.text("受访者"), comment=row.text("意见建议"),
        )  # fmt: skip
        if not row.ok:
            return None
        try:
            return surveys.check_response(campaign, data)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                column = FIELD_COLUMN.get(key, "")
                for message in messages:
                    row.error(column, xlsx_import.naming(column, message))
            return None

    return parse


@transaction.atomic
def responses_import(*, actor: Actor, campaign: SurveyCampaign, file) -> ImportResult:
    """导入测评结果: all rows or none."""
    campaign = surveys.open_campaign(actor, campaign)
    try:
        parsed, errors = xlsx_import.read(file, label=LABEL, columns=COLUMNS, parse=_parser(campaign))
    except xlsx_import.Unreadable:
        return ImportResult(0, [RowError(0, "", xlsx_import.UNREADABLE)])
    if errors:
        return ImportResult(0, xlsx_import.sorted_errors(errors, COLUMNS))
    rows = [row for row in parsed if row is not None]
    surveys.make_responses(actor, campaign, rows)
    kit.record(
        campaign,
        "social_survey.import",
        actor=actor,
        payload={"status": campaign.status, "responses": len(rows)},
    )
    return ImportResult(len(rows), [])
