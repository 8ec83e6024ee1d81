"""Open an uploaded workbook safely and hand out its rows as plain values.

Refuses what is not a real .xlsx (a renamed PDF, a CSV, an empty file, a zip bomb),
streams each sheet's XML once (reading the rows that are there, whatever the sheet
declares, and no further than the row and column limits), finds merged cells and
formulas on the way, and maps headers case-insensitively. Every problem becomes an `Issue` with
sheet, row and column, in Indonesian.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from xml.parsers import expat
from xml.parsers.expat import ExpatError

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.utils.exceptions import InvalidFileException

from . import spec

MAX_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 150
MAX_ROWS = 50_000
# Our headers need ~20 columns; a header further right than this is not ours. Reading
# no further keeps a cell planted at column XFD from turning every row into 16 384 values.
MAX_COLUMNS = 100


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
        parts = _WorkbookParts(data)
    except (InvalidFileException, KeyError, zipfile.BadZipFile, OSError, ValueError, TypeError, AttributeError):
        raise WorkbookRefused([Issue("", None, "", "Berkas tidak dapat dibaca sebagai Excel (.xlsx).")]) from None
    issues: list[Issue] = []
    sheets: dict[str, Sheet] = {}
    for wanted in spec.SHEETS:
        path = parts.sheet_paths.get(wanted.lower())
        if path is None:
            if wanted not in spec.OPTIONAL_SHEETS:
                issues.append(Issue(wanted, None, "", f"Sheet '{wanted}' tidak ada."))
            continue
        try:
            with archive.open(path) as source:
                cells = _SheetCells.read(source, parts)
        except KeyError:
            issues.append(Issue(wanted, None, "", f"Sheet '{wanted}' rusak: isinya tidak ada dalam berkas."))
            continue
        except ExpatError:
            issues.append(Issue(wanted, None, "", f"Sheet '{wanted}' rusak: XML-nya tidak dapat dibaca."))
            continue
        for ref in cells.merges:
            issues.append(
                Issue(
                    wanted, _first_row(ref), "", f"Sel digabung (merge) {ref}: pisahkan sel gabungan lalu unggah lagi."
                )
            )
        sheet = Sheet(wanted, formula_cells=cells.formula_cells)
        issues.extend(_read_rows(cells, sheet))
        sheets[wanted] = sheet
    if issues:
        raise WorkbookRefused(issues)
    return sheets


class _WorkbookParts:
    """What every sheet needs: where each sheet is, the shared strings, which cell
    styles are dates, and the date system. Read with openpyxl's own parsers, but not
    its worksheet reader: that one trusts the declared <dimension> (or, without one,
    parses the whole sheet twice) and expands every row to its last column."""

    def __init__(self, data: bytes):
        reader = ExcelReader(BytesIO(data), read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        self.shared_strings = reader.shared_strings
        self.date_styles = {str(i) for i in reader.wb._date_formats}
        self.timedelta_styles = {str(i) for i in reader.wb._timedelta_formats}
        self.epoch = reader.wb.epoch
        self.sheet_paths = {
            sheet.name.strip().lower(): rel.target.lstrip("/") for sheet, rel in reader.parser.find_sheets()
        }
        reader.archive.close()


class _TooManyRows(Exception):
    pass


class _SheetCells:
    """One sheet's cells, streamed from its XML with expat: rows as {column: value}
    for the first MAX_COLUMNS columns, formula cells, merged ranges. Stops after
    MAX_ROWS + 1 rows (the header and MAX_ROWS data rows)."""

    def __init__(self, parts: _WorkbookParts):
        self.parts = parts
        self.rows: dict[int, dict[int, object]] = {}
        self.formula_cells: set[tuple[int, int]] = set()
        self.merges: list[str] = []
        self.too_many = False
        self._row_count = 0
        self._row = 0
        self._values: dict[int, object] = {}
        self._column = 0
        self._type = "n"
        self._style = None
        self._text: list[str] | None = None
        self._in_cell = False
        self._capturing = False
        self._columns: dict[str, int] = {}

    @classmethod
    def read(cls, source, parts: _WorkbookParts) -> _SheetCells:
        cells = cls(parts)
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartElementHandler = cells._start
        parser.EndElementHandler = cells._end
        parser.CharacterDataHandler = cells._characters
        # As defusedxml does: a worksheet has no business declaring entities or a DTD.
        parser.StartDoctypeDeclHandler = _refuse_declarations
        parser.EntityDeclHandler = _refuse_declarations
        try:
            parser.ParseFile(source)
        except _TooManyRows:
            cells.too_many = True
        return cells

    def _column_of(self, ref: str) -> int:
        letters = ref.rstrip("0123456789")
        index = self._columns.get(letters)
        if index is None:
            index = self._columns[letters] = column_index_from_string(letters) if letters else self._column + 1
        return index

    def _start(self, name: str, attrs: dict) -> None:
        tag = name.rpartition(" ")[2]
        if tag == "c":
            ref = attrs.get("r")
            self._column = self._column_of(ref) if ref else self._column + 1
            self._type, self._style, self._text, self._in_cell = attrs.get("t", "n"), attrs.get("s"), None, True
        elif tag in ("v", "t") and self._in_cell:
            if self._text is None:
                self._text = []
            self._capturing = True
        elif tag == "f" and self._in_cell:
            self.formula_cells.add((self._row, self._column))
        elif tag == "row":
            self._row_count += 1
            if self._row_count > MAX_ROWS + 1:
                raise _TooManyRows
            number = attrs.get("r")
            self._row = int(number) if number and number.isdigit() else self._row + 1
            self._column, self._values = 0, {}
        elif tag == "mergeCell" and attrs.get("ref"):
            self.merges.append(attrs["ref"])

    def _characters(self, data: str) -> None:
        if self._capturing:
            self._text.append(data)

    def _end(self, name: str) -> None:
        tag = name.rpartition(" ")[2]
        if tag in ("v", "t"):
            self._capturing = False
        elif tag == "c":
            self._in_cell = False
            if self._column <= MAX_COLUMNS and self._text is not None:
                value = self._value("".join(self._text))
                if value is not None:
                    self._values[self._column] = value
        elif tag == "row" and self._values:
            self.rows[self._row] = self._values

    def _value(self, text: str):
        kind = self._type
        if kind == "s":
            index = int(text)
            return self.parts.shared_strings[index] if 0 <= index < len(self.parts.shared_strings) else None
        if kind in ("str", "inlineStr", "e"):
            return text
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            return from_ISO8601(text)
        if not text.strip():
            return None
        number = float(text) if any(c in text for c in ".eE") else int(text)
        if self._style in self.parts.date_styles:
            return from_excel(number, self.parts.epoch)
        if self._style in self.parts.timedelta_styles:
            return from_excel(number, self.parts.epoch, timedelta=True)
        return number


def _refuse_declarations(*args):
    raise ExpatError("DTD atau entitas tidak diizinkan")


def _first_row(ref: str) -> int:
    return int(re.search(r"\d+", ref).group())


def _read_rows(cells: _SheetCells, sheet: Sheet) -> list[Issue]:
    if cells.too_many:
        return [
            Issue(
                sheet.name,
                None,
                "",
                f"Terlalu banyak baris (lebih dari {MAX_ROWS:,}); pembacaan dihentikan. Bagi menjadi beberapa "
                "berkas.".replace(",", "."),
            )
        ]
    header = cells.rows.get(1)
    if header is None:
        return [Issue(sheet.name, 1, "", "Sheet kosong: baris judul kolom tidak ada.")]
    wanted = {w.lower(): w for w in spec.columns(sheet.name)}
    positions: dict[str, int] = {}
    for column in sorted(header):
        title = header[column]
        if isinstance(title, str) and title.strip().lower() in wanted:
            positions.setdefault(wanted[title.strip().lower()], column)
    missing = [name for name in spec.HEADERS[sheet.name] if name not in positions]
    if missing:
        return [Issue(sheet.name, 1, name, f"Judul kolom '{name}' tidak ada.") for name in missing]
    for number in sorted(cells.rows):
        if number == 1:
            continue
        values = cells.rows[number]
        picked = {name: values.get(column) for name, column in positions.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in picked.values()):
            continue
        sheet.rows.append(Row(number, picked, positions))
    return []


def column_letter(row: Row, name: str) -> str:
    index = row.columns.get(name)
    return get_column_letter(index) if index else ""
