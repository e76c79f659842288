"""演示数据 of 表彰奖励, as the system through the service (idempotent): 李娜 and 徐丽 of 东湖区市场监督管理局
(评议考核优秀; 李娜 also 嘉奖 by 东湖区人民政府), the agency itself (通报表扬 by 江州市司法局), and 孙丽 of
青山县市场监督管理局 — so 李娜's 执法档案 shows its 表彰奖励 card."""

from datetime import date

from django.utils import timezone

from zhifa.core.models import Agency
from zhifa.recognition.models import Award
from zhifa.recognition.services import AwardInput, award_record
from zhifa.registry.models import Officer

MARKET = "东湖区市场监督管理局"
QS_MARKET = "青山县市场监督管理局"


def load(stdout) -> None:
    if Award.objects.exists():
        return
    today = timezone.localdate()
    last_year = today.year - 1
    market, qs_market = Agency.objects.get(name=MARKET), Agency.objects.get(name=QS_MARKET)

    def officer(agency, name):
        return Officer.objects.get(agency=agency, name=name)

    rows = [
        ("officer", officer(market, "李娜"), None, "excellent", "county", "东湖区司法局", date(last_year, 12, 20),
         "年度行政执法评议考核中被确定为优秀", f"东司发〔{last_year}〕31号"),
        ("officer", officer(market, "李娜"), None, "commendation", "county", "东湖区人民政府", date(last_year, 9, 8),
         "查办“过期食品翻新销售”案件中表现突出", f"东政发〔{last_year}〕45号"),
        ("officer", officer(market, "徐丽"), None, "excellent", "county", "东湖区司法局", date(last_year, 12, 20),
         "年度行政执法评议考核中被确定为优秀", f"东司发〔{last_year}〕31号"),
        ("agency", None, market, "notice", "city", "江州市司法局", date(last_year, 11, 30),
         "行政执法“三项制度”落实工作成效显著", f"江司通〔{last_year}〕12号"),
        ("officer", officer(qs_market, "孙丽"), None, "merit3", "county", "青山县人民政府", date(last_year, 10, 15),
         "食品安全专项整治行动中成绩突出", f"青政发〔{last_year}〕27号"),
    ]  # fmt: skip
    for awardee_kind, person, agency, kind, level, granted_by, granted_on, reason, number in rows:
        award_record(
            actor=None,
            data=AwardInput(
                awardee_kind=awardee_kind, officer=person, agency=agency, kind=kind, level=level,
                granted_by=granted_by, granted_on=granted_on, reason=reason, document_number=number,
            ),
        )  # fmt: skip
    stdout.write(f"表彰奖励：{len(rows)} 项\n")
