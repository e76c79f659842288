"""案件的法定期限和数额 — every period and amount of the penalty procedure, in one place.

A constant is a number the law fixes (its article beside it); a function reads a setting where the law
leaves the number to the department's own rules, with the default documented. Pages and documents render
their text from these names, so a change here changes every sentence that states it.

行政处罚法 第八十五条: 本法中“二日”“三日”“五日”“七日”的规定是指工作日, 不含法定节假日.
"""

from decimal import Decimal

from django.conf import settings

from .choices import PartyKind

DECISION_DAYS = 90  # 行政处罚法 第六十条: 自立案之日起九十日内作出行政处罚决定 (natural days)
# 行政处罚法 第六十四条(一): "当事人要求听证的，应当在行政机关告知后五日内提出" — 第八十五条 makes the
# "五日" working days; counted on our clock from the day after the notice (core.workdays.add_workdays: the
# 5th working day after 告知 is the last day). A penalty decision waits until it has passed (cases.rules).
HEARING_REQUEST_WORKDAYS = 5
SERVICE_WORKDAYS = 7  # 行政处罚法 第六十一条: 七日内送达 (第八十五条: 工作日)
HEARING_NOTICE_WORKDAYS = 7  # 行政处罚法 第六十四条(二): 举行听证的七日前通知当事人 (第八十五条: 工作日)
# 行政处罚法 第五十一条: 当场处罚 — 对公民二百元以下、对法人或者其他组织三千元以下罚款或者警告.
SIMPLE_FINE_LIMIT: dict[str, Decimal] = {
    PartyKind.PERSON: Decimal(200),
    PartyKind.ORGANISATION: Decimal(3000),
}
NEAR_WORKDAYS = 3  # not law: a due date within three working days is shown as near


def register_days() -> int:
    """发现线索到立案的期限 (natural days). The 行政处罚法 leaves it to departmental rules (e.g. 市场监管
    行政处罚程序规定 第十八条: 十五个工作日); setting ZHIFA_REGISTER_DAYS, default 15."""
    return int(getattr(settings, "ZHIFA_REGISTER_DAYS", 15))


def default_statement_workdays() -> int:
    """The 陈述、申辩 period of an agency that has not set its own: setting ZHIFA_STATEMENT_WORKDAYS,
    default 5 — the hearing request period of 第六十四条, so one date ends both."""
    return int(getattr(settings, "ZHIFA_STATEMENT_WORKDAYS", 5))


def statement_workdays(agency=None) -> int:
    """陈述、申辩期限: working days after the 告知书 is served (cases.rules.periods_start) within which
    the party states its case; a penalty decision waits until they (and the hearing request period)
    have passed, or the party waives them in writing. 行政处罚法 第四十五条 gives the right but no
    period, which departmental rules fix (e.g. 市场监督管理行政处罚程序规定: 五个工作日 from service of
    the notice; the former 工商 rules: 三个工作日) — so it is the agency's own (cases.models.StatementPeriod,
    set on the page 陈述申辩期限 / PUT /api/cases/statement-period), else default_statement_workdays().
    `agency` is an Agency or its id; None asks for the default. The period is stored on the case at
    告知 (Case.statement_workdays), so a later change of the setting does not change a period given."""
    if agency is None:
        return default_statement_workdays()
    from .models import StatementPeriod  # models import this module's constants

    agency_id = getattr(agency, "pk", agency)
    own = StatementPeriod.objects.filter(agency_id=agency_id).values_list("workdays", flat=True).first()
    return own or default_statement_workdays()
