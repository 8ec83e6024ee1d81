"""The year's grid of targets and realizations: what each cell shows, and saving it
cell by cell so two people editing the same page never undo each other.

The page carries, per row, the text every cell had when it was loaded. A save writes
only the cells the user changed; a cell is a conflict only when this user changed it
and someone else changed it too in the meantime. Cells the user did not touch keep
whatever is stored now, even if the page shows an older value.
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.db import transaction

from core.numbers import NumberFormatError, format_number, parse_number

from .actions import QUARTERS, _store_realization, _store_target
from .models import Indicator
from .values import target_text

# Every cell of a row, in page order, with the name a conflict message gives it.
CELL_LABELS = {
    "target": "target",
    "target_revised": "target perubahan",
    "tw1": "TW I",
    "tw2": "TW II",
    "tw3": "TW III",
    "tw4": "TW IV",
    "realization": "realisasi",
    "numerator": "pembilang",
    "denominator": "penyebut",
    "note": "keterangan",
}
GRID_CELLS = tuple(name for name in CELL_LABELS if name != "note")  # the cells drawn as inputs


def display(value) -> str:
    """A stored value as the grid shows it (Indonesian number format)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value, places=None)
    return str(value)


def grid_initial(indicator: Indicator, year: int) -> dict:
    """The stored values of one row, as the form's initial data."""
    target = indicator.target_for(year)
    rows = {r.quarter: r for r in indicator.realization_list if r.year == year}
    yearly = rows.get(None)
    initial = {
        "indicator_id": indicator.pk,
        "target": target_text(target.agreement, target.agreement_upper, target.agreement_grade) if target else "",
        "target_revised": target_text(
            target.agreement_revised, target.agreement_revised_upper, target.agreement_revised_grade
        )
        if target
        else "",
        "realization": "",
        "numerator": yearly.numerator if yearly else None,
        "denominator": yearly.denominator if yearly else None,
        "note": yearly.note if yearly else "",
    }
    if yearly:
        initial["realization"] = yearly.grade or (
            format_number(yearly.value, places=None) if yearly.value is not None else ""
        )
    for quarter in range(1, 5):
        initial[f"tw{quarter}"] = rows[quarter].value if quarter in rows else None
    return initial


def cell_texts(indicator: Indicator, year: int) -> dict[str, str]:
    """What every cell of the row shows, from what is stored."""
    initial = grid_initial(indicator, year)
    return {name: display(initial[name]) for name in CELL_LABELS}


def loaded_field(texts: dict[str, str]) -> str:
    """The hidden field carrying the cells as loaded."""
    return json.dumps(texts, ensure_ascii=False, separators=(",", ":"))


def read_loaded(raw: str | None, cells=CELL_LABELS) -> dict[str, str] | None:
    """The cells as the page loaded them; None when the field is missing or mangled
    (then every differing cell counts as changed, as a form without it would)."""
    try:
        loaded = json.loads(raw or "")
    except ValueError:
        return None
    if not isinstance(loaded, dict):
        return None
    return {name: str(loaded.get(name, "")) for name in cells}


def same(a: str, b: str) -> bool:
    """Two cell texts mean the same ("55" = "55,0" = " 55 ")."""
    a, b = (a or "").strip(), (b or "").strip()
    if a == b:
        return True
    try:
        return parse_number(a) == parse_number(b)
    except NumberFormatError:
        return a.casefold() == b.casefold()


class GridConflict(Exception):
    """Cells this user changed that someone else changed too: indicator id -> (fresh
    indicator, {cell: stored text})."""

    def __init__(self, conflicts: dict[int, tuple[Indicator, dict[str, str]]]):
        super().__init__(f"{len(conflicts)} baris diubah pengguna lain")
        self.conflicts = conflicts


def changed_cells(typed: dict[str, str], loaded: dict[str, str] | None, stored: dict[str, str]) -> list[str]:
    """The cells the user changed: those typed differently from how the page loaded them
    (cells the request does not carry are not changed)."""
    baseline = loaded if loaded is not None else stored
    return [name for name in CELL_LABELS if name in typed and not same(typed[name], baseline[name])]


@transaction.atomic
def save_grid(year: int, rows: list[tuple[Indicator, dict, dict[str, str], dict[str, str] | None]]) -> int:
    """Store the changed cells of one year's grid, all or nothing; returns how many
    cells were written.

    Each row is (indicator, cleaned form data, typed cell texts, loaded cell texts).
    Raises GridConflict (nothing saved) listing the cells that clash.
    """
    ids = [indicator.pk for indicator, *_ in rows]
    fresh = {
        i.pk: i
        for i in Indicator.objects.select_for_update().filter(pk__in=ids).prefetch_related("targets", "realizations")
    }
    plans, conflicts = [], {}
    for indicator, data, typed, loaded in rows:
        stored_row = fresh[indicator.pk]
        stored = cell_texts(stored_row, year)
        changed = changed_cells(typed, loaded, stored)
        if loaded is not None:
            clashing = {
                name: stored[name]
                for name in changed
                if not same(stored[name], loaded[name]) and not same(stored[name], typed[name])
            }
            if clashing:
                conflicts[indicator.pk] = (stored_row, clashing)
        plans.append((stored_row, data, changed))
    if conflicts:
        raise GridConflict(conflicts)
    written = 0
    for stored_row, data, changed in plans:
        _write_cells(stored_row, year, data, set(changed))
        written += len(changed)
    return written


def _write_cells(indicator: Indicator, year: int, data: dict, changed: set[str]) -> None:
    target = next((t for t in indicator.target_list if t.year == year), None)
    realizations = {r.quarter: r for r in indicator.realization_list if r.year == year}
    targets = {
        prefix: data[cell]
        for cell, prefix in (("target", "agreement"), ("target_revised", "agreement_revised"))
        if cell in changed
    }
    if targets:
        _store_target(indicator, year, targets, existing=target, known=True)
    yearly = {}
    if "realization" in changed:
        yearly.update(value=data["realization_value"], grade=data["realization_grade"])
    for name in ("numerator", "denominator", "note"):
        if name in changed:
            yearly[name] = data[name]
    if yearly:
        _store_realization(indicator, year, None, existing=realizations.get(None), known=True, **yearly)
    for number, name in enumerate(QUARTERS, 1):
        if name in changed:
            _store_realization(indicator, year, number, existing=realizations.get(number), known=True, value=data[name])


# --- The Renstra target table of one indicator: the same cell-by-cell rule ----------

TARGET_CELLS = {"renstra": "target Renstra", "agreement": "target PK", "agreement_revised": "target PK Perubahan"}


def target_texts(indicator: Indicator, year: int) -> dict[str, str]:
    """What each target cell of `year` shows, from what is stored."""
    target = next((t for t in indicator.targets.all() if t.year == year), None)
    if target is None:
        return dict.fromkeys(TARGET_CELLS, "")
    return {
        prefix: target_text(
            getattr(target, prefix), getattr(target, f"{prefix}_upper"), getattr(target, f"{prefix}_grade")
        )
        for prefix in TARGET_CELLS
    }


class TargetConflict(Exception):
    """Target cells both users changed: [(year, cell, stored text)]."""

    def __init__(self, clashes: list[tuple[int, str, str]]):
        super().__init__(f"{len(clashes)} sel target diubah pengguna lain")
        self.clashes = clashes


@transaction.atomic
def save_target_cells(indicator: Indicator, rows: list[tuple[int, dict, dict[str, str], dict[str, str] | None]]) -> int:
    """Store the changed target cells of an indicator, all or nothing; returns how many.

    Each row is (year, cleaned form data, typed cell texts, loaded cell texts)."""
    fresh = Indicator.objects.select_for_update().prefetch_related("targets").get(pk=indicator.pk)
    plans, clashes = [], []
    for year, data, typed, loaded in rows:
        stored = target_texts(fresh, year)
        baseline = loaded if loaded is not None else stored
        changed = [c for c in TARGET_CELLS if c in typed and not same(typed[c], baseline.get(c, ""))]
        if loaded is not None:
            clashes += [
                (year, c, stored[c])
                for c in changed
                if not same(stored[c], loaded.get(c, "")) and not same(stored[c], typed[c])
            ]
        plans.append((year, data, changed))
    if clashes:
        raise TargetConflict(clashes)
    written = 0
    for year, data, changed in plans:
        if changed:
            existing = next((t for t in fresh.targets.all() if t.year == year), None)
            _store_target(fresh, year, {c: data[c] for c in changed}, existing=existing, known=True)
            written += len(changed)
    return written
