"""Open an uploaded workbook safely and hand out its rows as plain values.

Refuses what is not a real .xlsx (a renamed PDF, a CSV, an empty file, a zip bomb),
finds merged cells and formulas from the sheet XML (read-only openpyxl cannot see
them), and maps headers case-insensitively. Every problem becomes an `Issue` with
sheet, row and column, in Indonesian.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from . import spec

MAX_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 150
MAX_ROWS = 50_000

_MERGE = re.compile(r'<mergeCell ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
_FORMULA_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*>(?:(?!</c>).)*?<f[ >/]', re.DOTALL)


@dataclass(frozen=True)
class Issue:
    """One problem: where (sheet, row, column) and why, in Indonesian."""

    sheet: str
    row: int | None
    column: str
    message: str
    column_index: int | None = None

    def location(self) -> str:
        parts = [f"sheet {self.sheet}"] if self.sheet else []
        if self.row:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class WorkbookRefused(Exception):
    """The file cannot be read as a workbook at all."""

    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(str(i) for i in issues))
        self.issues = issues


@dataclass
class Row:
    number: int
    values: dict[str, object]
    columns: dict[str, int]


@dataclass
class Sheet:
    name: str
    rows: list[Row] = field(default_factory=list)
    formula_cells: set[tuple[int, int]] = field(default_factory=set)


def _sniff(data: bytes) -> str | None:
    """A clear message for the common wrong files, before trying to unzip."""
    if not data:
        return "Berkas kosong."
    if data.startswith(b"%PDF"):
        return "Berkas ini PDF, bukan Excel (.xlsx). Unggah berkas Excel hasil unduhan template atau ekspor."
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "Berkas ini format Excel lama (.xls). Simpan ulang sebagai .xlsx (Excel Workbook) lalu unggah."
    if not data.startswith(b"PK"):
        return "Berkas ini bukan Excel (.xlsx); mungkin CSV atau teks. Simpan sebagai Excel Workbook (.xlsx)."
    return None


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        raise WorkbookRefused([Issue("", None, "", "Berkas rusak atau bukan Excel (.xlsx).")]) from None
    total = sum(info.file_size for info in archive.infolist())
    compressed = max(1, sum(info.compress_size for info in archive.infolist()))
    if total > MAX_UNCOMPRESSED or total / compressed > MAX_RATIO and total > 5 * 1024 * 1024:
        raise WorkbookRefused(
            [Issue("", None, "", "Isi berkas terlalu besar setelah diekstrak (kemungkinan zip bomb); ditolak.")]
        )
    return archive


def open_workbook(data: bytes) -> dict[str, Sheet]:
    """The workbook's sheets that the format knows, with rows keyed by header."""
    if len(data) > MAX_BYTES:
        mb = MAX_BYTES // (1024 * 1024)
        raise WorkbookRefused([Issue("", None, "", f"Berkas lebih besar dari batas {mb} MB.")])
    message = _sniff(data)
    if message:
        raise WorkbookRefused([Issue("", None, "", message)])
    archive = _check_zip(data)
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookRefused([Issue("", None, "", "Berkas tidak dapat dibaca sebagai Excel (.xlsx).")]) from None
    issues: list[Issue] = []
    by_name = {name.strip().lower(): name for name in workbook.sheetnames}
    sheets: dict[str, Sheet] = {}
    for wanted in spec.SHEETS:
        actual = by_name.get(wanted.lower())
        if actual is None:
            issues.append(Issue(wanted, None, "", f"Sheet '{wanted}' tidak ada."))
            continue
        worksheet = workbook[actual]
        xml = _sheet_xml(archive, worksheet)
        for ref in _MERGE.findall(xml):
            issues.append(
                Issue(
                    wanted, _first_row(ref), "", f"Sel digabung (merge) {ref}: pisahkan sel gabungan lalu unggah lagi."
                )
            )
        sheet = Sheet(
            wanted, formula_cells={(int(row), column_index_from_string(col)) for col, row in _FORMULA_CELL.findall(xml)}
        )
        issues.extend(_read_rows(worksheet, sheet, xml.count("<row ")))
        sheets[wanted] = sheet
    workbook.close()
    if issues:
        raise WorkbookRefused(issues)
    return sheets


def _sheet_xml(archive: zipfile.ZipFile, worksheet) -> str:
    path = getattr(worksheet, "_worksheet_path", None)
    if not path:
        return ""
    try:
        return archive.read(path.lstrip("/")).decode("utf-8", errors="replace")
    except KeyError:
        return ""


def _first_row(ref: str) -> int:
    return int(re.search(r"\d+", ref).group())


def _read_rows(worksheet, sheet: Sheet, row_elements: int) -> list[Issue]:
    wanted = spec.columns(sheet.name)
    required = spec.HEADERS[sheet.name]
    too_many = Issue(
        sheet.name,
        None,
        "",
        f"Terlalu banyak baris (lebih dari {MAX_ROWS:,}); bagi menjadi beberapa berkas.".replace(",", "."),
    )
    if row_elements > MAX_ROWS + 1:  # counted in the XML: refuse before converting every row
        return [too_many]
    rows = worksheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return [Issue(sheet.name, 1, "", "Sheet kosong: baris judul kolom tidak ada.")]
    positions = {}
    for index, title in enumerate(header):
        if isinstance(title, str) and title.strip().lower() in {w.lower() for w in wanted}:
            canonical = next(w for w in wanted if w.lower() == title.strip().lower())
            positions.setdefault(canonical, index)
    missing = [name for name in required if name not in positions]
    if missing:
        return [Issue(sheet.name, 1, name, f"Judul kolom '{name}' tidak ada.") for name in missing]
    columns = {name: index + 1 for name, index in positions.items()}
    for number, values in enumerate(rows, 2):
        if number - 1 > MAX_ROWS:  # the dimension can be missing or wrong: count as well
            return [too_many]
        if values is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        picked = {name: values[index] if index < len(values) else None for name, index in positions.items()}
        sheet.rows.append(Row(number, picked, columns))
    return []


def column_letter(row: Row, name: str) -> str:
    index = row.columns.get(name)
    return get_column_letter(index) if index else ""
