"""Writes that touch several rows, each one transaction."""

from __future__ import annotations

import hashlib

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
    """Create, update, or (when every value is empty) delete one realization row.

    An empty cell means "not entered", so its row is removed rather than stored as 0.
    An unchanged row is not written.
    """
    if not known:
        existing = Realization.objects.filter(indicator=indicator, year=year, quarter=quarter).first()
    if all(v in (None, "") for v in values.values()):
        if existing:
            existing.delete()
        return
    row = existing or Realization(indicator=indicator, year=year, quarter=quarter)
    if row.pk is not None and all(getattr(row, name) == value for name, value in values.items()):
        return
    for name, value in values.items():
        setattr(row, name, value)
    row.save()


def row_version(indicator: Indicator, year: int, targets=None, realizations=None) -> str:
    """A fingerprint of what is stored for one grid row (indicator and year).

    The grid sends it back with the row; if it changed in between, another user saved
    the row meanwhile and the save is refused instead of silently overwriting.
    """
    targets = indicator.target_list if targets is None else targets
    realizations = indicator.realization_list if realizations is None else realizations
    parts = [
        repr(
            (
                t.agreement,
                t.agreement_upper,
                t.agreement_grade,
                t.agreement_revised,
                t.agreement_revised_upper,
                t.agreement_revised_grade,
            )
        )
        for t in targets
        if t.year == year
    ]
    parts += sorted(
        repr((r.quarter or 0, r.value, r.grade, r.numerator, r.denominator, r.note))
        for r in realizations
        if r.year == year
    )
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


class GridConflict(Exception):
    """Rows changed by someone else since the page was opened: indicator -> its fresh copy."""

    def __init__(self, conflicts: dict[int, Indicator]):
        super().__init__(f"{len(conflicts)} baris diubah pengguna lain")
        self.conflicts = conflicts


@transaction.atomic
def save_grid(year: int, rows: list[tuple[Indicator, dict]]) -> None:
    """Store the targets and realizations of one year's grid, all or nothing.

    Raises GridConflict (nothing saved) when a row's stored values changed since the
    user loaded them.
    """
    ids = [indicator.pk for indicator, _ in rows]
    fresh = {
        i.pk: i
        for i in Indicator.objects.select_for_update().filter(pk__in=ids).prefetch_related("targets", "realizations")
    }
    conflicts = {
        indicator.pk: fresh[indicator.pk]
        for indicator, data in rows
        if data.get("version") and data["version"] != row_version(fresh[indicator.pk], year)
    }
    if conflicts:
        raise GridConflict(conflicts)
    for indicator, data in rows:
        stored = fresh[indicator.pk]
        target = next((t for t in stored.target_list if t.year == year), None)
        realizations = {r.quarter: r for r in stored.realization_list if r.year == year}
        _store_target(
            stored,
            year,
            {"agreement": data["target"], "agreement_revised": data["target_revised"]},
            existing=target,
            known=True,
        )
        _store_realization(
            stored,
            year,
            None,
            existing=realizations.get(None),
            known=True,
            value=data["realization_value"],
            grade=data["realization_grade"],
            numerator=data["numerator"],
            denominator=data["denominator"],
            note=data["note"],
        )
        for number, name in enumerate(QUARTERS, 1):
            _store_realization(stored, year, number, existing=realizations.get(number), known=True, value=data[name])


@transaction.atomic
def save_targets(indicator: Indicator, rows: list[dict]) -> None:
    """Store an indicator's Renstra / PK / revised PK targets for every year of its period."""
    for row in rows:
        _store_target(
            indicator,
            row["year"],
            {"renstra": row["renstra"], "agreement": row["agreement"], "agreement_revised": row["agreement_revised"]},
        )


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
