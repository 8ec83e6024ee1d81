"""Loading a criteria set from its fixture (fixtures/evaluation/*.json): the shipped
PermenPAN-RB 88/2021 set, or a new regulation's, always as a new version."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "evaluation"
PERMENPAN_88_2021 = FIXTURES / "permenpan-rb-88-2021.json"


@transaction.atomic
def load_criteria_set(path: Path = PERMENPAN_88_2021, models=None, current: bool = True):
    """Create the set in `path` as the next version of its name. `models` lets a data
    migration pass its historical models (a module-like object); the app's otherwise."""
    if models is None:
        from . import models
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    # The first data migration ran before criteria had checks (migration 0003 adds them).
    has_checks = any(f.name == "auto_check" for f in models.Criterion._meta.get_fields())
    last = models.CriteriaSet.objects.filter(name=data["name"]).order_by("-version").first()
    if current:
        models.CriteriaSet.objects.filter(is_current=True).update(is_current=False)
    criteria_set = models.CriteriaSet.objects.create(
        name=data["name"], regulation=data["regulation"], version=(last.version + 1 if last else 1), is_current=current
    )
    for scale, options in data["scales"].items():
        for order, (label, meaning, value) in enumerate(options, 1):
            models.AnswerOption.objects.create(
                criteria_set=criteria_set, scale=scale, label=label, meaning=meaning, value=Decimal(value), order=order
            )
    for label, above, meaning in data["predicates"]:
        models.PredicateBand.objects.create(
            criteria_set=criteria_set, label=label, above=Decimal(above) if above else None, meaning=meaning
        )
    for order, spec in enumerate(data["components"], 1):
        component = models.Component.objects.create(
            criteria_set=criteria_set, code=spec["code"], name=spec["name"], weight=Decimal(spec["weight"]), order=order
        )
        for sub_order, sub in enumerate(spec["subcomponents"], 1):
            subcomponent = models.SubComponent.objects.create(
                component=component, code=sub["code"], name=sub["name"], share=Decimal(sub["share"]), order=sub_order
            )
            for criterion_order, criterion in enumerate(sub["criteria"], 1):
                extra = {"auto_check": criterion.get("check", "")} if has_checks else {}
                models.Criterion.objects.create(
                    subcomponent=subcomponent,
                    code=criterion["code"],
                    text=criterion["text"],
                    scale=criterion["scale"],
                    **extra,
                    order=criterion_order,
                )
    return criteria_set


def current_criteria_set():
    """The set new evaluations use: the data migration ships it; a database emptied
    since (a flushed test database) gets it loaded again."""
    from .models import CriteriaSet

    return CriteriaSet.objects.filter(is_current=True).first() or load_criteria_set()


def set_checks(criteria_set, path: Path = PERMENPAN_88_2021, models=None) -> None:
    """Give a set loaded before criteria had checks the checks its fixture names."""
    if models is None:
        from . import models
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    for spec in data["components"]:
        for sub in spec["subcomponents"]:
            for criterion in sub["criteria"]:
                models.Criterion.objects.filter(
                    subcomponent__component__criteria_set=criteria_set, code=criterion["code"]
                ).update(auto_check=criterion.get("check", ""))


@transaction.atomic
def copy_criteria_set(source):
    """A new version of `source` to edit: same components, criteria, scales and bands.
    Not in force until an admin makes it so; evaluations keep the set they were made with."""
    from . import models

    last = models.CriteriaSet.objects.filter(name=source.name).order_by("-version").first()
    copy = models.CriteriaSet.objects.create(
        name=source.name, regulation=source.regulation, version=last.version + 1, is_current=False
    )
    for option in source.options.all():
        models.AnswerOption.objects.create(
            criteria_set=copy,
            scale=option.scale,
            label=option.label,
            meaning=option.meaning,
            value=option.value,
            order=option.order,
        )
    for band in source.predicates.all():
        models.PredicateBand.objects.create(criteria_set=copy, label=band.label, above=band.above, meaning=band.meaning)
    for component in source.components.prefetch_related("subcomponents__criteria"):
        new_component = models.Component.objects.create(
            criteria_set=copy, code=component.code, name=component.name, weight=component.weight, order=component.order
        )
        for sub in component.subcomponents.all():
            new_sub = models.SubComponent.objects.create(
                component=new_component, code=sub.code, name=sub.name, share=sub.share, order=sub.order
            )
            models.Criterion.objects.bulk_create(
                models.Criterion(
                    subcomponent=new_sub,
                    code=c.code,
                    text=c.text,
                    scale=c.scale,
                    auto_check=c.auto_check,
                    order=c.order,
                )
                for c in sub.criteria.all()
            )
    return copy


@transaction.atomic
def make_current(criteria_set) -> None:
    """Use `criteria_set` for evaluations started from now on."""
    from . import models

    models.CriteriaSet.objects.filter(is_current=True).exclude(pk=criteria_set.pk).update(is_current=False)
    models.CriteriaSet.objects.filter(pk=criteria_set.pk).update(is_current=True)
