from django.db import migrations, models

import zhifa.publicity.search


class Migration(migrations.Migration):
    dependencies = [
        ("publicity", "0002_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="disclosure",
            name="basis",
            field=models.CharField(blank=True, max_length=500, verbose_name="处罚依据"),
        ),
        # SQLite adds the column by rebuilding the table, which drops the triggers that keep the full-text
        # index in step: set them up again (a no-op on PostgreSQL, whose index survives).
        migrations.RunPython(zhifa.publicity.search.install, migrations.RunPython.noop),
    ]
