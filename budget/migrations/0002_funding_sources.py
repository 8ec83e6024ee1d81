from django.db import migrations

from budget.defaults import create_sources


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]
    operations = [migrations.RunPython(create_sources, migrations.RunPython.noop)]
