"""退回修改 tells whoever submitted the report, with the reason and the new due date (站内消息)."""

from tests.stats.conftest import sub
from tests.stats.reports.test_services import FIGS
from zhifa.notifications.models import Message
from zhifa.stats.reports import services


def test_the_submitter_is_told_of_the_return(quarter, cases_q1, agencies, market_head, supervisor):
    market = sub(quarter, agencies["east_market"])
    services.submission_submit(actor=market_head, submission=market, figures=FIGS)
    services.submission_return(actor=supervisor, submission=market, reason="请补充情况说明")
    market.refresh_from_db()
    assert list(Message.objects.values_list("recipient", "kind", "title", "body", "link")) == [
        (
            market_head.pk,
            "returned",
            f"统计报表被退回修改：{quarter}",
            f"退回理由：请补充情况说明；请于{market.due_on:%Y-%m-%d}前重新报送",
            f"/stats/reports/{market.pk}/",
        )
    ]
