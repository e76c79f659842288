from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_list_sort_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="economic_impact",
            field=models.TextField(blank=True, verbose_name="涉企经济影响评估"),
        ),
    ]
