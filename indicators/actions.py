"""Writes that touch several rows, each one transaction."""

from __future__ import annotations

from django.db import transaction

from .models import Indicator, PredicateBand, PredicateScale, Realization, Target
from .values import TargetValue

QUARTERS = ("tw1", "tw2", "tw3", "tw4")


def _set_target_fields(target: Target, prefix: str, value: TargetValue) -> None:
    setattr(target, prefix, value.value)
    setattr(target, f"{prefix}_upper", value.upper)
    setattr(target, f"{prefix}_grade", value.grade)


def _target_is_empty(target: Target) -> bool:
    return all(
        getattr(target, name) in (None, "")
        for name in (
            "renstra",
            "agreement",
            "agreement_revised",
            "renstra_grade",
            "agreement_grade",
            "agreement_revised_grade",
        )
    )


TARGET_FIELDS = (
    "renstra",
    "renstra_upper",
    "renstra_grade",
    "agreement",
    "agreement_upper",
    "agreement_grade",
    "agreement_revised",
    "agreement_revised_upper",
    "agreement_revised_grade",
)


REALIZATION_FIELDS = ("value", "grade", "numerator", "denominator", "note")


def _snapshot(instance, names) -> tuple:
    return tuple(getattr(instance, name) for name in names)


def _store_target(
    indicator: Indicator, year: int, values: dict[str, TargetValue], existing: Target | None = None, known: bool = False
) -> None:
    """Create, update or delete one target row; an unchanged row is not written (nor audited).

    `known=True` means the caller already looked: `existing` is the stored row or None.
    """
    if not known:
        existing = Target.objects.filter(indicator=indicator, year=year).first()
    target = existing or Target(indicator=indicator, year=year)
    before = _snapshot(target, TARGET_FIELDS)
    for prefix, value in values.items():
        _set_target_fields(target, prefix, value)
    if _target_is_empty(target):
        if target.pk:
            target.delete()
        return
    if target.pk is None or _snapshot(target, TARGET_FIELDS) != before:
        target.save()


def _store_realization(
    indicator: Indicator,
    year: int,
    quarter: int | None,
    existing: Realization | None = None,
    known: bool = False,
    **values,
) -> None:
    """Create, update, or (when the row ends up with no value at all) delete one
    realization row; `values` may name only some of its fields.

    An empty cell means "not entered", so an empty row is removed rather than stored as 0.
    An unchanged row is not written.
    """
    if not known:
        existing = Realization.objects.filter(indicator=indicator, year=year, quarter=quarter).first()
    row = existing or Realization(indicator=indicator, year=year, quarter=quarter)
    if row.pk is not None and all(getattr(row, name) == value for name, value in values.items()):
        return
    for name, value in values.items():
        setattr(row, name, value)
    if all(getattr(row, name) in (None, "") for name in REALIZATION_FIELDS):
        if row.pk is not None:
            row.delete()
        return
    row.save()


def unsaved_grid_row(indicator: Indicator, year: int, data: dict) -> tuple[list[Target], list[Realization]]:
    """The indicator's stored targets and realizations with `year` replaced by typed values.

    Nothing is saved: this feeds the live capaian preview of the grid.
    """
    targets = [t for t in indicator.target_list if t.year != year]
    target = Target(indicator=indicator, year=year)
    stored = next((t for t in indicator.target_list if t.year == year), None)
    if stored:
        target.renstra, target.renstra_upper, target.renstra_grade = (
            stored.renstra,
            stored.renstra_upper,
            stored.renstra_grade,
        )
    _set_target_fields(target, "agreement", data["target"])
    _set_target_fields(target, "agreement_revised", data["target_revised"])
    targets.append(target)
    realizations = [r for r in indicator.realization_list if r.year != year]
    realizations.append(
        Realization(
            indicator=indicator,
            year=year,
            value=data["realization_value"],
            grade=data["realization_grade"],
            numerator=data["numerator"],
            denominator=data["denominator"],
        )
    )
    for number, name in enumerate(QUARTERS, 1):
        if data[name] is not None:
            realizations.append(Realization(indicator=indicator, year=year, quarter=number, value=data[name]))
    return targets, realizations


@transaction.atomic
def set_region_mean_cap(region, cap: int | None) -> None:
    """The cap on capaian in the region's means. A region using the shared default scale
    gets its own copy of it (same bands), so no other region changes."""
    scale = PredicateScale.objects.filter(region=region).first()
    if scale is None:
        default = PredicateScale.objects.for_region(None)
        if default is not None and default.mean_cap == cap:
            return
        # (Creating the scale bumps every agency's data version, in this same transaction.)
        scale = PredicateScale.objects.create(name=f"Skala {region.name}"[:100], region=region, mean_cap=cap)
        if default is not None:
            PredicateBand.objects.bulk_create(
                PredicateBand(scale=scale, minimum=b.minimum, label=b.label, colour=b.colour)
                for b in default.bands.all()
            )
    elif scale.mean_cap != cap:
        scale.mean_cap = cap
        scale.save()
