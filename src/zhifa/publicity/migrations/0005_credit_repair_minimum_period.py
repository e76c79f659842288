"""信用修复: the minimum publication period a request was held to, and why. Requests registered before
this migration were held to their 失信程度's period at its default (3 / 12 months from the decision)."""

import calendar

from django.db import migrations, models

MONTHS = {"general": 3, "serious": 12}
LABELS = {"general": "一般失信行为", "serious": "严重失信行为"}


def _add_months(day, months):
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def backfill(apps, schema_editor):
    CreditRepair = apps.get_model("publicity", "CreditRepair")
    for repair in CreditRepair.objects.select_related("disclosure"):
        months = MONTHS.get(repair.severity, 3)
        repair.minimum_months = months
        repair.minimum_basis = f"按失信程度：{LABELS.get(repair.severity, '一般失信行为')}"
        repair.earliest_on = _add_months(repair.disclosure.decided_on, months)
        repair.save(update_fields=["minimum_months", "minimum_basis", "earliest_on"])


class Migration(migrations.Migration):
    dependencies = [("publicity", "0004_credit_repair")]

    operations = [
        migrations.AddField(
            model_name="creditrepair",
            name="minimum_months",
            field=models.PositiveSmallIntegerField(default=3, verbose_name="最短公示期（月）"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="creditrepair",
            name="minimum_basis",
            field=models.CharField(default="", max_length=200, verbose_name="最短公示期依据"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="creditrepair",
            name="earliest_on",
            field=models.DateField(null=True, verbose_name="可申请修复日期"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="creditrepair",
            name="earliest_on",
            field=models.DateField(verbose_name="可申请修复日期"),
        ),
    ]
