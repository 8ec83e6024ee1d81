"""BAB I's account of the agency in one year, computed from stored rows: the tugas and
fungsi, the unit tree in print order, the staff tables with their totals and shares,
and the assets. Templates print these objects and compute nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from indicators.capaian import percent, round_half_up

from .models import Asset, Duty, OrgUnit, StaffCount, StaffTotal


def share(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole`, 2 decimals rounded half up; unknown for an empty whole."""
    return round_half_up(percent(Decimal(part), Decimal(whole)))


@dataclass
class StaffRow:
    label: str
    count: int
    share: Decimal | None


@dataclass
class StaffTable:
    """One breakdown of the staff (by pangkat, education ...), its computed total, and
    the total the agency printed, if any."""

    category: str
    label: str
    rows: list[StaffRow]
    printed_total: int | None = None
    table: object = None  # the report's TableRef, set when the report numbers it

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def printed_total_differs(self) -> bool:
        return self.printed_total is not None and self.printed_total != self.total


@dataclass
class UnitLine:
    unit: OrgUnit
    depth: int


@dataclass
class AgencyProfile:
    duty: Duty | None
    units: list[UnitLine]
    staff_tables: list[StaffTable]
    assets: list[Asset]

    @property
    def unit_columns(self) -> dict[str, bool]:
        """Which columns of the unit table carry anything (an all-empty column is left out)."""
        names = ("level", "head_name", "head_rank", "head_nip")
        return {name: any(getattr(line.unit, name) for line in self.units) for name in names}

    @property
    def asset_total(self) -> int:
        return sum(a.count for a in self.assets)


def unit_tree(units: list[OrgUnit]) -> list[UnitLine]:
    """Units in print order: each followed by its subordinates (by code), with depth.
    A unit whose parent is not among them (cannot happen through the app) is a root."""
    known = {u.pk for u in units}
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in known else None
        children.setdefault(parent, []).append(unit)
    for siblings in children.values():
        siblings.sort(key=lambda u: _code_key(u.code))
    lines: list[UnitLine] = []
    seen: set[int] = set()

    def walk(parent_id, depth):
        for unit in children.get(parent_id, []):
            if unit.pk in seen:  # a cycle typed in the admin: print each unit once
                continue
            seen.add(unit.pk)
            lines.append(UnitLine(unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return lines


def _code_key(code: str) -> tuple:
    """1.2 before 1.10: numeric parts compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in code.split("."))


def staff_tables(agency_id: int, year: int) -> list[StaffTable]:
    printed = dict(StaffTotal.objects.filter(agency_id=agency_id, year=year).values_list("category", "printed_total"))
    by_category: dict[str, list[StaffCount]] = {}
    for count in StaffCount.objects.filter(agency_id=agency_id, year=year):
        by_category.setdefault(count.category, []).append(count)
    tables = []
    for category, label in StaffCount.Category.choices:
        counts = by_category.get(category)
        if not counts and category not in printed:
            continue
        counts = counts or []
        whole = sum(c.count for c in counts)
        rows = [StaffRow(c.label, c.count, share(c.count, whole)) for c in counts]
        tables.append(StaffTable(category, label, rows, printed.get(category)))
    return tables


def agency_profile(agency_id: int, year: int) -> AgencyProfile:
    units = list(OrgUnit.objects.filter(agency_id=agency_id, year=year))
    return AgencyProfile(
        duty=Duty.objects.filter(agency_id=agency_id, year=year).first(),
        units=unit_tree(units),
        staff_tables=staff_tables(agency_id, year),
        assets=list(Asset.objects.filter(agency_id=agency_id, year=year)),
    )
