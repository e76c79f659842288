"""A Decision's measures as PenaltyMeasure values: the yes/no fields 警告, 责令停产停业 and 吊销许可证件 become
the list `measures`, and 其他处罚 written as nothing but measures' names (通报批评, 责令关闭, …) too."""

from django.db import migrations, models

from zhifa.catalog.choices import PenaltyMeasure
from zhifa.catalog.penalties import from_words

# the yes/no fields of before → the PenaltyMeasure value each stood for
FLAGS = (("warning", "warning"), ("suspension", "suspend_business"), ("revocation", "revoke_licence"))


def to_measures(apps, schema_editor):
    Model = apps.get_model("cases", "Decision")
    for row in Model.objects.all().iterator():
        found, other = from_words(row.other_measures)
        values = {value for name, value in FLAGS if getattr(row, name)} | set(found)
        row.measures = [value for value in PenaltyMeasure.values if value in values]  # 第九条's order
        row.other_measures = other
        row.save(update_fields=["measures", "other_measures"])


def to_flags(apps, schema_editor):
    Model = apps.get_model("cases", "Decision")
    for row in Model.objects.all().iterator():
        for name, value in FLAGS:
            setattr(row, name, value in row.measures)
        rest = [value for value in row.measures if value not in dict(FLAGS).values()]
        if rest:  # the kinds the flags cannot hold go back to words
            words = "、".join(PenaltyMeasure(value).label for value in rest)
            row.other_measures = "、".join(filter(None, [words, row.other_measures]))
        row.save(update_fields=[*dict(FLAGS), "other_measures"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_penalty_measure_labels")]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="measures",
            field=models.JSONField(blank=True, default=list, verbose_name="处罚种类"),
        ),
        migrations.RunPython(to_measures, to_flags),
        migrations.RemoveField(model_name="decision", name="warning"),
        migrations.RemoveField(model_name="decision", name="suspension"),
        migrations.RemoveField(model_name="decision", name="revocation"),
    ]
