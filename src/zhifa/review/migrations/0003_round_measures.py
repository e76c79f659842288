"""A ReviewRound's measures as PenaltyMeasure values: the yes/no fields 警告, 责令停产停业 and 吊销许可证件 become
the list `measures`, and 其他处罚 written as nothing but measures' names (通报批评, 责令关闭, …) too
(catalog.penalties.migration_to_values)."""

from django.db import migrations, models

from zhifa.catalog.penalties import migration_to_values


class Migration(migrations.Migration):
    dependencies = [("review", "0002_penalty_measure_labels")]

    operations = [
        migrations.AddField(
            model_name="reviewround",
            name="measures",
            field=models.JSONField(blank=True, default=list, verbose_name="拟处罚种类"),
        ),
        migrations.RunPython(*migration_to_values("review", "ReviewRound")),
        migrations.RemoveField(model_name="reviewround", name="warning"),
        migrations.RemoveField(model_name="reviewround", name="suspension"),
        migrations.RemoveField(model_name="reviewround", name="revocation"),
    ]
