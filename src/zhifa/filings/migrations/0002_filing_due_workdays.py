from django.conf import settings
from django.db import migrations, models

DEFAULT_REVIEW_WORKDAYS = 10  # filings.services.DEFAULT_REVIEW_WORKDAYS when this was written


def backfill(apps, schema_editor):
    """The period each filing's 审查期限 was computed with: the setting of the day (the services read it at
    every filing and no row kept it), so a later calendar change computes the date again from
    `submitted_on`. The stored `due_on` is left as it was (a change of it is the calendar's, recorded)."""
    Filing = apps.get_model("filings", "Filing")
    period = int(getattr(settings, "ZHIFA_FILING_REVIEW_WORKDAYS", DEFAULT_REVIEW_WORKDAYS))
    Filing.objects.update(due_workdays=period)


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="filing",
            name="due_workdays",
            field=models.PositiveSmallIntegerField(default=DEFAULT_REVIEW_WORKDAYS, verbose_name="审查期限工作日数"),
            preserve_default=False,
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="filing",
            index=models.Index(fields=["agency", "submitted_on", "id"], name="filing_agency_submitted"),
        ),
        migrations.AddIndex(
            model_name="filing",
            index=models.Index(fields=["agency", "due_on", "id"], name="filing_agency_due"),
        ),
    ]
