"""The cells of a data table: read from what an operator pastes (rows copied from Excel
arrive tab-separated; typed rows may use "|"), checked against the limits of a printed
page, and written back for editing.

The first line holds the column headings, every further line one row. Cells are text,
printed as typed; a cell that reads as a number is set right-aligned, as in every
other table of the report.
"""

from __future__ import annotations

import re
from decimal import Decimal

from core.numbers import NumberFormatError, format_number, parse_number

MAX_COLUMNS = 10  # more does not fit an A4 page in portrait
MAX_ROWS = 100
MAX_CELL = 200
# A Markdown-style rule line between headings and rows (|---|:---:|) carries no cell.
_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


class TableRefused(ValueError):
    """What is wrong with the table, in Indonesian, naming the line."""


def split_line(line: str) -> list[str]:
    cells = line.split("\t") if "\t" in line else line.strip().removeprefix("|").removesuffix("|").split("|")
    return [cell.strip() for cell in cells]


def parse(text: str) -> tuple[list[str], list[list[str]]]:
    """(column headings, rows) from pasted text, or TableRefused."""
    lines = [line for line in (text or "").splitlines() if line.strip() and not _RULE.match(line.strip())]
    if not lines:
        raise TableRefused("Isi tabel kosong: baris pertama berisi judul kolom, baris berikutnya berisi data.")
    columns = trimmed(split_line(lines[0]))
    rows = [trimmed(split_line(line)) for line in lines[1:]]
    check(columns, rows)
    return columns, [row + [""] * (len(columns) - len(row)) for row in rows]


def trimmed(cells: list[str]) -> list[str]:
    """Without the empty cells at the end (Excel copies a selection's blank edge)."""
    while cells and not cells[-1]:
        cells.pop()
    return cells


def check(columns: list[str], rows: list[list[str]]) -> None:
    """The limits every table meets, however it arrived (browser or workbook)."""
    if not any(columns):
        raise TableRefused("Baris pertama (judul kolom) kosong.")
    if len(columns) > MAX_COLUMNS:
        raise TableRefused(f"Judul kolom berisi {len(columns)} kolom; paling banyak {MAX_COLUMNS}.")
    if not rows:
        raise TableRefused("Tabel belum berisi data: tulis paling sedikit satu baris di bawah judul kolom.")
    if len(rows) > MAX_ROWS:
        raise TableRefused(f"Tabel berisi {len(rows)} baris data; paling banyak {MAX_ROWS}.")
    for line, row in enumerate([columns, *rows], 1):
        if len(row) > len(columns):
            raise TableRefused(f"Baris {line} berisi {len(row)} sel, padahal judul kolom hanya {len(columns)}.")
        for cell in row:
            if len(cell) > MAX_CELL:
                raise TableRefused(f"Baris {line}: sebuah sel berisi {len(cell)} karakter; paling banyak {MAX_CELL}.")


def as_text(columns: list[str], rows: list[list[str]]) -> str:
    """The table as the operator edits it: one line per row, cells separated by tabs."""
    return "\n".join("\t".join(row) for row in [columns, *rows])


def is_number(cell: str) -> bool:
    try:
        return bool(cell) and parse_number(cell) is not None
    except NumberFormatError:
        return False


def cell_text(value) -> str:
    """A workbook cell as the table prints it: numbers in Indonesian format (1.234,5),
    except whole numbers from 1900 to 2100, which are years and print as 2020."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
        if number == number.to_integral_value():
            number = number.to_integral_value()
            if 1900 <= number <= 2100:
                return str(int(number))
        return format_number(number, places=None)
    return str(value).strip()
