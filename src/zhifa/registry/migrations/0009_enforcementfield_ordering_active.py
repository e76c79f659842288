from django.db import migrations, models


def backfill(apps, schema_editor):
    """Number the seeded fields 10, 20, 30… in their code order (the order every list showed), leaving room
    to put a new one between two."""
    EnforcementField = apps.get_model("registry", "EnforcementField")
    for position, code in enumerate(EnforcementField.objects.order_by("code").values_list("code", flat=True), 1):
        EnforcementField.objects.filter(code=code).update(ordering=position * 10)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0008_legal_qualification"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="enforcementfield",
            options={"ordering": ["ordering", "code"], "verbose_name": "执法领域", "verbose_name_plural": "执法领域"},
        ),
        migrations.AddField(
            model_name="enforcementfield",
            name="active",
            field=models.BooleanField(default=True, verbose_name="启用"),
        ),
        migrations.AddField(
            model_name="enforcementfield",
            name="ordering",
            field=models.PositiveSmallIntegerField(default=0, help_text="数字小的在前", verbose_name="排序"),
        ),
        migrations.AddIndex(
            model_name="enforcementfield",
            index=models.Index(fields=["ordering", "code"], name="field_ordering"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
