"""The sheets that carry the agency's data tables for the workbook's year: Tabel Data
(one row per table: its code, the section it prints in, for a sasaran's analysis the
sasaran's code, title, unit, source and order) and Isi Tabel (its cells: a "Judul
Kolom" row with the column headings, then one row per data row, numbered in Baris).

Both sheets are optional, and come together: a file without them leaves the tables
alone. With them, tables are matched by code and updated in place; replacing deletes
the tables the file does not mention. A number typed in a cell is printed the
Indonesian way (1.234,5); a whole number from 1900 to 2100 is a year and stays 2020.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from datatables import content
from datatables.models import DataTable
from datatables.sections import SectionKey

from . import spec
from .cells import Invalid, Validator, choice, duplicate, number, text
from .reader import Row, Sheet

CELL_COLUMNS = spec.HEADERS[spec.ISI_TABEL][2:]


@dataclass
class TablePlan:
    code: str
    section: str
    goal: str | None  # the sasaran's code in the file
    title: str
    unit: str
    source: str
    order: int
    row: Row  # its Tabel Data row, for errors about the table as a whole
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def validate(v: Validator, sheets: dict[str, Sheet], goal_codes) -> list[TablePlan] | None:
    """The file's tables, or None when it has neither sheet."""
    present = [name for name in (spec.TABEL_DATA, spec.ISI_TABEL) if name in sheets]
    if not present:
        return None
    if len(present) == 1:
        missing = spec.ISI_TABEL if present[0] == spec.TABEL_DATA else spec.TABEL_DATA
        v.error(present[0], None, "", f"Sheet {missing} tidak ada: sheet {present[0]} dan {missing} dipakai bersama.")
        return None
    tables = _validate_tables(v, sheets[spec.TABEL_DATA], goal_codes)
    _validate_cells(v, sheets[spec.ISI_TABEL], tables)
    return list(tables.values())


def _order(value) -> int | None:
    result = number(value, minimum=Decimal(1))
    if result is None:
        return None
    if result != result.to_integral_value() or result > 1000:
        raise Invalid("Urutan harus bilangan bulat 1-1000.")
    return int(result)


def _validate_tables(v: Validator, sheet: Sheet, goal_codes) -> dict[str, TablePlan]:
    name, tables, seen = spec.TABEL_DATA, {}, {}
    for row in sheet.rows:
        code = v.cell(name, row, "Kode Tabel", text, required=True, label="Kode Tabel")
        section = v.cell(name, row, "Bagian", choice, mapping=spec.SECTION)
        goal = v.cell(name, row, "Kode Sasaran", text) or None
        title = v.cell(name, row, "Judul", text, required=True, label="Judul")
        order = v.cell(name, row, "Urutan", _order)
        if not code or duplicate(v, seen, name, row, "Kode Tabel", code.casefold()):
            continue
        if section == SectionKey.ANALISIS_SASARAN and not goal:
            v.error(name, row, "Kode Sasaran", "Wajib diisi untuk bagian Analisis Sasaran.")
        elif section and section != SectionKey.ANALISIS_SASARAN and goal:
            v.error(name, row, "Kode Sasaran", "Hanya diisi untuk bagian Analisis Sasaran; kosongkan.")
        elif goal and goal not in goal_codes:
            v.error(name, row, "Kode Sasaran", f"Sasaran '{goal}' tidak ada di sheet Sasaran.")
        tables[code.casefold()] = TablePlan(
            code=code,
            section=section or "",
            goal=goal,
            title=title or "",
            unit=v.cell(name, row, "Satuan", text) or "",
            source=v.cell(name, row, "Sumber", text) or "",
            order=order or len(tables) + 1,
            row=row,
        )
    return tables


def _validate_cells(v: Validator, sheet: Sheet, tables: dict[str, TablePlan]) -> None:
    name = spec.ISI_TABEL
    headings: dict[str, list[str]] = {}
    numbered: dict[str, dict[int, list[str]]] = {}
    for row in sheet.rows:
        code = v.cell(name, row, "Kode Tabel", text, required=True, label="Kode Tabel")
        line = v.cell(name, row, "Baris", _line)
        cells = [_cell(v, name, row, column) for column in CELL_COLUMNS]
        if not code or line is None:
            continue
        key = code.casefold()
        if key not in tables:
            v.error(name, row, "Kode Tabel", f"Tabel '{code}' tidak ada di sheet {spec.TABEL_DATA}.")
            continue
        target = headings if line == spec.HEADINGS_ROW else numbered.setdefault(key, {})
        slot = key if line == spec.HEADINGS_ROW else line
        if slot in target:
            v.error(name, row, "Baris", f"Baris {line} tabel {code} ganda.")
            continue
        target[slot] = cells
    for key, table in tables.items():
        if key not in headings:
            v.error(
                spec.TABEL_DATA,
                table.row,
                "Kode Tabel",
                f"Tabel {table.code}: baris '{spec.HEADINGS_ROW}' tidak ada di sheet {name}.",
            )
            continue
        table.columns = content.trimmed(headings[key])
        table.rows = [content.trimmed(cells) for _, cells in sorted(numbered.get(key, {}).items())]
        try:
            content.check(table.columns, table.rows)
        except content.TableRefused as refused:
            v.error(spec.TABEL_DATA, table.row, "Kode Tabel", f"Tabel {table.code}: {refused}")
            continue
        table.rows = [row + [""] * (len(table.columns) - len(row)) for row in table.rows]


def _line(value) -> str | int:
    """'Judul Kolom' or the number of a data row."""
    if isinstance(value, str) and value.strip().casefold() == spec.HEADINGS_ROW.casefold():
        return spec.HEADINGS_ROW
    try:
        result = number(value, required=True, minimum=Decimal(1))
    except Invalid:
        raise Invalid(f"Isi '{spec.HEADINGS_ROW}' atau nomor baris (1, 2, 3 ...).") from None
    if result != result.to_integral_value():
        raise Invalid(f"Isi '{spec.HEADINGS_ROW}' atau nomor baris (1, 2, 3 ...).")
    return int(result)


def _cell(v: Validator, sheet: str, row: Row, column: str) -> str:
    try:
        value = v.raw(sheet, row, column)
    except Invalid as problem:
        v.error(sheet, row, column, str(problem))
        return ""
    if hasattr(value, "isoformat"):  # a date: the table is text, say it as typed
        v.error(sheet, row, column, "Berisi tanggal; ketik sebagai teks, mis. 31 Desember 2020.")
        return ""
    return content.cell_text(value)


# --- saving -------------------------------------------------------------------------


def save(agency, year: int, tables: list[TablePlan] | None, goals: dict, replace: bool, update) -> dict[str, int]:
    """Write the file's tables; `goals` maps the file's sasaran codes to saved goals."""
    if tables is None:
        return {}
    stored = {t.code.casefold(): t for t in DataTable.objects.filter(agency=agency, year=year)}
    for plan in tables:
        values = {
            "code": plan.code,
            "section": plan.section,
            "goal": goals[plan.goal] if plan.goal else None,
            "title": plan.title,
            "unit": plan.unit,
            "source": plan.source,
            "order": plan.order,
            "columns": plan.columns,
            "rows": plan.rows,
        }
        table = stored.pop(plan.code.casefold(), None)
        if table is None:
            DataTable.objects.create(agency=agency, year=year, **values)
        else:
            update(table, values)
    if replace:
        for table in stored.values():
            table.delete()
    return {"tabel": len(tables)}


# --- export -------------------------------------------------------------------------


def export_rows(agency, year: int) -> dict[str, list[list]]:
    words = {key: word for word, key in spec.SECTION_WORDS.items()}
    tables = list(DataTable.objects.filter(agency=agency, year=year).select_related("goal").order_by("order", "code"))
    listed = [
        [t.code, words[t.section], t.goal.code if t.goal else "", t.title, t.unit, t.source, t.order] for t in tables
    ]
    cells = []
    for t in tables:
        cells.append([t.code, spec.HEADINGS_ROW, *t.columns])
        cells += [[t.code, number, *row] for number, row in enumerate(t.rows, 1)]
    return {spec.TABEL_DATA: listed, spec.ISI_TABEL: cells}
