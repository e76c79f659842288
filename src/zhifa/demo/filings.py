"""演示数据 of 备案 (idempotent): 东湖区市场监督管理局 has filed its 行政执法流程图 with 东湖区司法局 (备案通过) and
its 行政执法工作手册 (returned once for a missing chapter, filed again, waiting for the bureau's examination),
so the list, the detail page with both kinds of action and the 工作台 items all have something to show."""

from zhifa.accounts.models import User
from zhifa.cases.documents import pdf
from zhifa.cases.documents.render import parse
from zhifa.core.models import Agency
from zhifa.filings import services
from zhifa.filings.models import Filing
from zhifa.supervision.attachments import Upload

MAIN = "东湖区市场监督管理局"


def _pdf(title: str, text: str) -> bytes:
    return pdf.render(parse(f"# {MAIN}\n# {title}\n{text}"), title=title, author=MAIN)


def load(out) -> None:
    agency = Agency.objects.get(name=MAIN)
    if Filing.objects.filter(agency=agency).exists():
        return
    head = User.objects.get(username="dh_jgfz")
    bureau = User.objects.get(username="dh_jd")
    chart = services.filing_submit(
        actor=head,
        agency=agency,
        kind="flow_chart",
        title="行政处罚简易程序、普通程序流程图（2026年版）",
        files=[
            Upload(
                "行政执法流程图.pdf",
                _pdf("行政执法流程图", "简易程序与普通程序的条件、步骤、顺序、方式和期限。"),
            )
        ],
    )
    services.filing_accept(actor=bureau, filing=chart)
    manual = services.filing_submit(
        actor=head,
        agency=agency,
        kind="manual",
        title="行政执法工作手册（2026年版）",
        note="汇编执法文书格式文本和三项制度相关制度。",
        files=[
            Upload("行政执法工作手册.pdf", _pdf("行政执法工作手册", "第一章 执法文书；第二章 三项制度。"))
        ],
    )
    services.filing_return(
        actor=bureau, filing=manual, reason="缺少重大执法决定法制审核流程图，请补充后重新报送。"
    )
    services.filing_resubmit(
        actor=head,
        filing=manual,
        note="已补充重大执法决定法制审核流程图。",
        files=[
            Upload(
                "行政执法工作手册（修订）.pdf",
                _pdf("行政执法工作手册", "第三章 重大执法决定法制审核流程图。"),
            )
        ],
    )
    out.write(f"备案：{Filing.objects.count()} 件")
