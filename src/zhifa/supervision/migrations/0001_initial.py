# The app's first migration: empty, so that each feature's models arrive in a migration of their own.
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []
    operations: list = []
