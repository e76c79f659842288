"""经过听证为重大 (EnforcementItem.major_on_hearing) goes: 行政处罚法 第五十八条第一款第（二）项 makes every case
that went through a hearing subject to 法制审核, so a per-item flag could only contradict the law (the decision
gate never read it). Versions whose content hash was computed with the field keep its values in
`retired_fields`, so their hash still verifies (catalog.versioning.hashed_snapshot)."""

from django.db import migrations, models

FIELD = "major_on_hearing"


def keep_frozen_values(apps, schema_editor):
    CatalogVersion = apps.get_model("catalog", "CatalogVersion")
    EnforcementItem = apps.get_model("catalog", "EnforcementItem")
    for version in CatalogVersion.objects.exclude(content_hash="").iterator():
        values = dict(EnforcementItem.objects.filter(version=version).values_list("code", FIELD))
        version.retired_fields = {**(version.retired_fields or {}), FIELD: values}
        version.save(update_fields=["retired_fields"])


def restore_values(apps, schema_editor):
    CatalogVersion = apps.get_model("catalog", "CatalogVersion")
    EnforcementItem = apps.get_model("catalog", "EnforcementItem")
    for version in CatalogVersion.objects.iterator():
        retired = dict(version.retired_fields or {})
        if FIELD not in retired:
            continue
        for code, value in retired.pop(FIELD, {}).items():
            EnforcementItem.objects.filter(version=version, code=code).update(**{FIELD: value})
        version.retired_fields = retired
        version.save(update_fields=["retired_fields"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_version_review"),
    ]

    operations = [
        migrations.AddField(
            model_name="catalogversion",
            name="retired_fields",
            field=models.JSONField(blank=True, default=dict, verbose_name="已删除字段在冻结时的值"),
        ),
        migrations.RunPython(keep_frozen_values, restore_values),
        migrations.RemoveField(model_name="enforcementitem", name=FIELD),
    ]
