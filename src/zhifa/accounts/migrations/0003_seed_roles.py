"""The fixed role set (RoleCode) as rows, so users can hold several roles through a plain M2M."""

from django.db import migrations

ROLES = [
    ("officer", "执法人员"),
    ("auxiliary", "执法辅助人员"),
    ("unit_head", "承办机构负责人"),
    ("legal_reviewer", "法制审核人员"),
    ("agency_head", "机关负责人"),
    ("supervisor", "执法监督人员"),
    ("system_admin", "系统管理员"),
    ("security_admin", "安全管理员"),
    ("audit_admin", "审计管理员"),
]


def seed(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code, name in ROLES:
        Role.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
