"""Reading one cell of a workbook: the converters (text, number, year, choice ...) and
the Validator that records an Issue, in Indonesian, for each cell that is wrong. Every
sheet's validation (importer.py, organisation_sheets.py) is built from these."""

from __future__ import annotations

import datetime
from decimal import Decimal

from budget.models import BudgetItem
from core.numbers import NumberFormatError, parse_number
from datatables.models import DataTable
from indicators.models import Goal, Indicator, IndicatorAnalysis, Realization
from indicators.values import VALUE_DIGITS, VALUE_PLACES
from organisation.models import Asset, OrgUnit, StaffCount

from . import spec
from .reader import Issue, Row, Sheet, column_letter

MAX_VALUE = Decimal(10) ** (VALUE_DIGITS - VALUE_PLACES)

# Text cells stored in a column with a length limit: the limit is the model field's,
# checked here so a long cell is a row error, not a database failure.
TEXT_COLUMNS = {
    (spec.SASARAN, "Kode"): (Goal, "code"),
    (spec.SASARAN, "Uraian"): (Goal, "statement"),
    (spec.INDIKATOR, "Kode"): (Indicator, "code"),
    (spec.INDIKATOR, "Nama"): (Indicator, "name"),
    (spec.INDIKATOR, "Satuan"): (Indicator, "unit"),
    (spec.INDIKATOR, "Formula"): (Indicator, "formula"),
    (spec.INDIKATOR, "Pembilang"): (Indicator, "numerator_label"),
    (spec.INDIKATOR, "Penyebut"): (Indicator, "denominator_label"),
    (spec.INDIKATOR, "Sumber Data"): (Indicator, "data_source"),
    (spec.INDIKATOR, "Penanggung Jawab"): (Indicator, "responsible_unit"),
    (spec.REALISASI, "Keterangan"): (Realization, "note"),
    (spec.ANGGARAN, "Kode"): (BudgetItem, "code"),
    (spec.ANGGARAN, "Nama"): (BudgetItem, "name"),
    (spec.ANGGARAN, "Indikator"): (BudgetItem, "indicator_name"),
    (spec.ANGGARAN, "Satuan"): (BudgetItem, "indicator_unit"),
    (spec.ANALISIS, "Sumber Standar"): (IndicatorAnalysis, "standard_source"),
    (spec.ANALISIS, "Penyebab"): (IndicatorAnalysis, "causes"),
    (spec.ANALISIS, "Kendala"): (IndicatorAnalysis, "obstacles"),
    (spec.ANALISIS, "Solusi"): (IndicatorAnalysis, "solutions"),
    (spec.ORGANISASI, "Kode"): (OrgUnit, "code"),
    (spec.ORGANISASI, "Nama Unit"): (OrgUnit, "name"),
    (spec.ORGANISASI, "Nama Pejabat"): (OrgUnit, "head_name"),
    (spec.ORGANISASI, "Pangkat/Golongan"): (OrgUnit, "head_rank"),
    (spec.PEGAWAI, "Kelompok"): (StaffCount, "label"),
    (spec.ASET, "Nama Barang"): (Asset, "name"),
    (spec.ASET, "Kondisi"): (Asset, "condition"),
    (spec.ASET, "Keterangan"): (Asset, "note"),
    (spec.TABEL_DATA, "Kode Tabel"): (DataTable, "code"),
    (spec.TABEL_DATA, "Judul"): (DataTable, "title"),
    (spec.TABEL_DATA, "Satuan"): (DataTable, "unit"),
    (spec.TABEL_DATA, "Sumber"): (DataTable, "source"),
}


def text_limit(sheet: str, column: str) -> int | None:
    model_field = TEXT_COLUMNS.get((sheet, column))
    return model_field[0]._meta.get_field(model_field[1]).max_length if model_field else None


class Invalid(Exception):
    pass


# A file with 49 000 bad rows must not keep (and store, and mark up) 60 000 errors: the
# user fixes the first ones and uploads again. The total is still counted and shown.
MAX_ERRORS = 200


class Validator:
    """Converts cells to values, recording an Issue for every bad one (the first
    MAX_ERRORS of them; `error_count` counts all)."""

    def __init__(self, sheets: dict[str, Sheet]):
        self.sheets = sheets
        self.errors: list[Issue] = []
        self.notes: list[Issue] = []
        self.error_count = 0

    def error(self, sheet: str, row: Row | None, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) >= MAX_ERRORS:
            return
        index = row.columns.get(column) if row else None
        self.errors.append(
            Issue(sheet, row.number if row else None, column_letter(row, column) if row else "", message, index)
        )

    def note(self, sheet: str, row: Row, column: str, message: str) -> None:
        """Something the import passes over, told to the user without refusing the file."""
        self.notes.append(Issue(sheet, row.number, column_letter(row, column), message))

    def add(self, issue: Issue) -> None:
        """An error found outside a cell (the agency, the lock): always kept, first."""
        self.error_count += 1
        self.errors.insert(0, issue)

    def raw(self, sheet: str, row: Row, column: str):
        value = row.values.get(column)
        index = row.columns.get(column)
        if index and (row.number, index) in self.sheets[sheet].formula_cells:
            where = f"{column_letter(row, column)}{row.number}"
            if value is None:
                raise Invalid(
                    f"Sel {where} berisi rumus tanpa nilai tersimpan; buka di Excel, simpan, lalu unggah "
                    "lagi, atau ketik nilainya."
                )
            self.notes.append(
                Issue(
                    sheet,
                    row.number,
                    column_letter(row, column),
                    f"Sel {where} berisi rumus; dipakai nilai tersimpannya ({value}).",
                )
            )
        return value

    def cell(self, sheet: str, row: Row, column: str, convert, **kwargs):
        try:
            value = convert(self.raw(sheet, row, column), **kwargs)
        except Invalid as problem:
            self.error(sheet, row, column, str(problem))
            return None
        limit = text_limit(sheet, column) if convert is text else None
        if limit and value and len(value) > limit:
            self.error(sheet, row, column, too_long(value, limit))
            return None
        return value


def text(value, required: bool = False, label: str = "") -> str:
    if isinstance(value, datetime.date | datetime.datetime):
        raise Invalid("Berisi tanggal; isi dengan teks.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = "" if value is None else str(value).strip()
    if required and not result:
        raise Invalid(f"{label or 'Isian'} wajib diisi.")
    return result


def too_long(value: str, limit: int) -> str:
    return f"Terlalu panjang: {len(value)} karakter, paling banyak {limit}."


def number(value, required: bool = False, minimum: Decimal | None = None) -> Decimal | None:
    if isinstance(value, bool):
        raise Invalid("Berisi TRUE/FALSE; isi dengan angka.")
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        raise Invalid("Berisi tanggal, bukan angka. Ubah format sel menjadi angka.")
    try:
        result = parse_number(value if not isinstance(value, str) else value)
    except NumberFormatError:
        raise Invalid(f"'{value}' bukan angka (contoh: 1.234.567,89 atau 1234567.89).") from None
    if result is None:
        if required:
            raise Invalid("Angka wajib diisi.")
        return None
    if abs(result) >= MAX_VALUE:
        raise Invalid("Angka terlalu besar.")
    if minimum is not None and result < minimum:
        raise Invalid("Angka tidak boleh negatif.")
    return result


def money(value, required: bool = False) -> Decimal | None:
    result = number(value, required=required, minimum=Decimal(0))
    if result is not None and result != result.quantize(Decimal("0.01")):
        raise Invalid("Rupiah paling banyak 2 angka di belakang koma.")
    return result


def value4(value, required: bool = False) -> Decimal | None:
    result = number(value, required=required)
    if result is not None and result != result.quantize(Decimal("0.0001")):
        raise Invalid("Paling banyak 4 angka di belakang koma.")
    return result


def year(value) -> int:
    if isinstance(value, datetime.date | datetime.datetime):
        raise Invalid("Tahun berisi tanggal; isi dengan angka tahun, mis. 2020.")
    result = number(value, required=True)
    if result != result.to_integral_value() or not 2000 <= result <= 2100:
        raise Invalid(f"Tahun '{value}' tidak valid (2000-2100).")
    return int(result)


def optional_year(value) -> int | None:
    """A year that may be left empty (the year of a standard: 1990-2100)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.date | datetime.datetime):
        raise Invalid("Tahun berisi tanggal; isi dengan angka tahun, mis. 2020.")
    result = number(value, required=True)
    if result != result.to_integral_value() or not 1990 <= result <= 2100:
        raise Invalid(f"Tahun '{value}' tidak valid (1990-2100).")
    return int(result)


def choice(value, mapping: dict, required: bool = True, default=None):
    label = text(value)
    if not label:
        if required and default is None:
            raise Invalid(f"Wajib diisi: {', '.join(mapping)}.")
        return default
    for word, stored in mapping.items():
        if word.lower() == label.lower():
            return stored
    raise Invalid(f"'{label}' tidak dikenal; pilih salah satu: {', '.join(mapping)}.")


def duplicate(v: Validator, seen: dict, sheet: str, row: Row, column: str, key) -> bool:
    if key in seen:
        v.error(sheet, row, column, f"Kode {key} ganda (juga di baris {seen[key]}).")
        return True
    seen[key] = row.number
    return False
