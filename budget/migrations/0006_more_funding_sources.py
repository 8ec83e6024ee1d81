from django.db import migrations

from budget.defaults import create_sources


class Migration(migrations.Migration):
    dependencies = [("budget", "0005_funding_source_region")]
    operations = [migrations.RunPython(create_sources, migrations.RunPython.noop)]
