from django.db import migrations


class Migration(migrations.Migration):
    """The app's first migration: each part adds its models in a migration of its own after it."""

    initial = True

    dependencies = []

    operations = []
