"""Ship the PermenPAN-RB 88/2021 criteria set with every database."""

from django.db import migrations


def load(apps, schema_editor):
    from types import SimpleNamespace

    from evaluation.criteria import load_criteria_set

    names = ["CriteriaSet", "Component", "SubComponent", "Criterion", "AnswerOption", "PredicateBand"]
    load_criteria_set(models=SimpleNamespace(**{n: apps.get_model("evaluation", n) for n in names}))


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
