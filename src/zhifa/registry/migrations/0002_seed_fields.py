"""The common 执法领域; admins can add more."""

from django.db import migrations

FIELDS = [
    ("market", "市场监管"),
    ("ecology", "生态环境"),
    ("transport", "交通运输"),
    ("urban", "城市管理"),
    ("emergency", "应急管理"),
    ("culture", "文化市场"),
    ("agriculture", "农业农村"),
    ("resources", "自然资源"),
    ("health", "卫生健康"),
    ("housing", "住房城乡建设"),
    ("water", "水利"),
    ("commerce", "商务"),
    ("general", "综合行政执法"),
]


def seed(apps, schema_editor):
    EnforcementField = apps.get_model("registry", "EnforcementField")
    for code, name in FIELDS:
        EnforcementField.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
