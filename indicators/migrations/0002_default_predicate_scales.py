from django.db import migrations

from indicators.defaults import SCALES, create_scales


def remove_scales(apps, schema_editor):
    apps.get_model("indicators", "PredicateScale").objects.filter(name__in=[s[0] for s in SCALES]).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(create_scales, remove_scales)]
