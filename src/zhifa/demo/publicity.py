"""Demo 公示: the decisions of the demo cases (drafted by the "case.decided" event while the cases demo
ran) are approved and published, except the newest two, left as drafts for the 工作台 — each on time,
ON_TIME_WORKDAYS working days after the decision (the publication clock set to that day, within the 7 / 20
working days of clocks.workdays_for; so some penalties have been public for the minimum period a 信用修复
request needs: demo/credit_repair.py), or the day the demo loads when that day is yet to come; one is
withdrawn after a 行政复议 revoked it, one is corrected (its first version shown as superseded); a
permit is registered and published (on time too); 2025's 统计年报 is published for the first agency with
decisions; and today's checkpoint is made so that every entry can be downloaded with its proof.
(demo/inspections.py publishes its results the day they are recorded.)

Everything goes through publicity.services as the system (actor=None). A second run adds nothing."""

from datetime import datetime, time
from unittest import mock

from django.utils import timezone

from zhifa.core import workdays
from zhifa.core.models import Agency
from zhifa.publicity import clocks, log, services
from zhifa.publicity.choices import DisclosureStatus, ReportStatus
from zhifa.publicity.models import AnnualReport, Checkpoint, Disclosure

LEFT_AS_DRAFTS = 2
REPORT_YEAR = 2025
ON_TIME_WORKDAYS = 2  # within the 7 (and 20) working days of clocks.workdays_for


def _publish(disclosure: Disclosure) -> Disclosure:
    """Publish through the service as on its on-time day, once that day has passed (its 公示日期, entry and
    proof say that day; its record keeps the real time); today otherwise, still in time."""
    day = workdays.add_workdays(disclosure.decided_on, ON_TIME_WORKDAYS)
    if day >= timezone.localdate():
        return services.disclosure_publish(actor=None, disclosure=disclosure)
    moment = timezone.make_aware(datetime.combine(day, time(10)))
    with mock.patch.object(clocks, "now", lambda: moment):
        return services.disclosure_publish(actor=None, disclosure=disclosure)


def load(out) -> None:
    if Checkpoint.objects.exists():
        out.write(
            f"执法公示：已有演示数据（{Disclosure.objects.filter(status=DisclosureStatus.PUBLISHED).count()} 条在公示）"
        )
        return
    drafts = list(
        Disclosure.objects.filter(status=DisclosureStatus.DRAFT)
        .select_related("agency")
        .order_by("decided_on", "id")
    )
    to_publish = drafts[:-LEFT_AS_DRAFTS] if len(drafts) > LEFT_AS_DRAFTS else drafts
    published = [_publish(d) for d in to_publish]
    if published:
        agency = published[0].agency
        permit = services.disclosure_register(
            actor=None,
            agency=agency,
            data=services.RegisterInput(
                kind="licence",
                number=f"{agency.short_name or '演示'}许〔2026〕1号",
                subject_kind="organisation",
                subject_name="东湖区演示餐饮管理有限公司",
                credit_code="",
                items="食品经营许可",
                conclusion="准予许可，有效期五年",
                summary="申请材料齐全，符合法定形式，经现场核查符合条件。",
                decided_on=published[0].decided_on,
            ),
        )
        published.append(_publish(permit))
    if len(published) >= 3:
        withdrawn = services.disclosure_withdraw(
            actor=None, disclosure=published[0], reason="该处罚决定经行政复议被撤销（行政处罚法 第四十八条）"
        )
        correction = services.disclosure_correct(
            actor=None,
            disclosure=published[1],
            conclusion=published[1].conclusion,
            summary=published[1].summary + "（更正：补充执法事项表述）",
            note="原公示事实表述不完整",
        )
        services.disclosure_publish(actor=None, disclosure=correction)
        out.write(f"执法公示：撤回 {withdrawn}；更正 {published[1]}")
    _annual_report(out)
    checkpoint = log.checkpoint_create(day=timezone.localdate())
    out.write(
        f"执法公示：{Disclosure.objects.filter(status=DisclosureStatus.PUBLISHED).count()} 条在公示，"
        f"{Disclosure.objects.filter(status=DisclosureStatus.DRAFT).count()} 条草稿；检查点 {checkpoint.size} 条，根 {checkpoint.root[:16]}…"
    )


def _annual_report(out) -> None:
    agency = Agency.objects.filter(cases__decision__isnull=False).order_by("id").first()
    if agency is None or timezone.localdate().year <= REPORT_YEAR:
        return
    if AnnualReport.objects.filter(agency=agency, year=REPORT_YEAR, status=ReportStatus.PUBLISHED).exists():
        return
    report = services.report_generate(
        actor=None, agency=agency, year=REPORT_YEAR, note="本年度行政执法工作总体平稳，各项数据如下。"
    )
    services.report_publish(actor=None, report=report)
    out.write(f"执法公示：{agency.name}{REPORT_YEAR}年度统计年报已公开")
