"""The Tabel Data and Isi Tabel sheets carry the data tables through the workbook
exactly, by the form's rules, all or nothing; a file without them leaves the tables
alone."""

import io

from openpyxl import load_workbook

from agencies.models import Agency
from datatables.models import DataTable
from workbook import spec
from workbook.export import export_workbook
from workbook.importer import import_workbook

from .test_organisation_sheets import sheet_rows
from .test_workbook import agency, demo, edited  # noqa: F401 - demo is a fixture


def tables_of(slug: str, year: int) -> list[tuple]:
    return list(
        DataTable.objects.filter(agency__slug=slug, year=year)
        .order_by("code")
        .values_list("code", "section", "goal__code", "order", "title", "unit", "source", "columns", "rows")
    )


def saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_round_trip_through_an_empty_database_is_exact(demo):  # noqa: F811
    before = tables_of("denpasar", 2019)
    assert [t[0] for t in before] == ["T1", "T2"]
    first = export_workbook(agency("denpasar"), 2019)
    assert sheet_rows(first, spec.TABEL_DATA)[1][:4] == ("T1", "I Isu Strategis", None, before[0][4])
    cells = sheet_rows(first, spec.ISI_TABEL)
    assert cells[1][:4] == ("T1", spec.HEADINGS_ROW, "No", "Uraian")
    assert cells[2][:5] == ("T1", 1, "1", "Jumlah Koperasi", "Unit")
    Agency.objects.filter(slug="denpasar").delete()
    result = import_workbook(first, 2019, slug="denpasar")
    assert result.ok, result.errors
    assert tables_of("denpasar", 2019) == before
    again = export_workbook(agency("denpasar"), 2019)
    for name in (spec.TABEL_DATA, spec.ISI_TABEL):
        assert sheet_rows(again, name) == sheet_rows(first, name), name


def test_a_table_written_in_excel_is_read_with_numbers_the_indonesian_way(demo):  # noqa: F811
    workbook = load_workbook(io.BytesIO(export_workbook(agency("pati"), 2020)))
    goal = workbook[spec.SASARAN]["A3"].value
    workbook[spec.TABEL_DATA].append(["K1", "III Analisis Sasaran", goal, "Koperasi per kecamatan", "unit", "BPS", 2])
    workbook[spec.TABEL_DATA].append(["K2", "BAB IV - Penutup", None, "Ringkasan", None, None, None])
    cells = workbook[spec.ISI_TABEL]
    cells.append(["K1", "Judul Kolom", "Kecamatan", 2019, 2020])
    cells.append(["K1", 2, "Juwana", 1234567.5, "1.300"])
    cells.append(["K1", 1, "Pati", 12, None])
    cells.append(["K2", "judul kolom", "A"])
    cells.append(["K2", 1, "x"])
    result = import_workbook(saved(workbook), 2020, agency=agency("pati"))
    assert result.ok, result.errors
    k1 = DataTable.objects.get(agency__slug="pati", code="K1")
    assert (k1.section, k1.goal.code, k1.order, k1.source) == ("analisis_sasaran", goal, 2, "BPS")
    assert k1.columns == ["Kecamatan", "2019", "2020"]
    assert k1.rows == [["Pati", "12", ""], ["Juwana", "1.234.567,5", "1.300"]]  # by Baris, padded
    assert DataTable.objects.get(agency__slug="pati", code="K2").section == "penutup"
    assert "Tabel Data: 2 dibuat" in result.changes.sentence()


def test_bad_rows_are_refused_each_with_its_place_and_nothing_is_written(demo):  # noqa: F811
    before = tables_of("denpasar", 2019)
    workbook = load_workbook(io.BytesIO(export_workbook(agency("denpasar"), 2019)))
    listed = workbook[spec.TABEL_DATA]
    listed["B2"] = "BAB V"  # no such section
    listed["C3"] = "S1"  # a sasaran for a section that is not the analysis
    listed.append(["T1", "IV Penutup", None, "Ganda"])
    listed.append(["T9", "III Analisis Sasaran", "ZZZ", "Sasaran tak dikenal"])
    cells = workbook[spec.ISI_TABEL]
    cells.append(["T9", "Judul Kolom", "A"])
    cells.append(["T9", 1, "x", "y"])  # more cells than headings
    cells.append(["T7", 1, "x"])  # no such table
    cells.append(["T2", "satu", "x"])  # not a row number
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"), replace=True)
    assert not result.ok
    found = {(e.sheet, e.row, e.column): e.message for e in result.errors}
    assert "'BAB V' tidak dikenal" in found[(spec.TABEL_DATA, 2, "B")]
    assert "Hanya diisi untuk bagian Analisis Sasaran" in found[(spec.TABEL_DATA, 3, "C")]
    assert "ganda" in found[(spec.TABEL_DATA, 4, "A")]
    assert "Sasaran 'ZZZ' tidak ada di sheet Sasaran" in found[(spec.TABEL_DATA, 5, "C")]
    assert "berisi 2 sel, padahal judul kolom hanya 1" in found[(spec.TABEL_DATA, 5, "A")]
    assert any("Tabel 'T7' tidak ada" in e.message for e in result.errors if e.sheet == spec.ISI_TABEL)
    assert any("nomor baris" in e.message for e in result.errors if e.sheet == spec.ISI_TABEL)
    assert tables_of("denpasar", 2019) == before


def test_replacing_deletes_tables_the_file_drops_and_a_file_without_the_sheets_keeps_them(demo):  # noqa: F811
    workbook = load_workbook(io.BytesIO(export_workbook(agency("denpasar"), 2019)))
    before = tables_of("denpasar", 2019)
    del workbook[spec.TABEL_DATA]
    del workbook[spec.ISI_TABEL]
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"), replace=True)
    assert result.ok, result.errors
    assert tables_of("denpasar", 2019) == before

    workbook = load_workbook(io.BytesIO(export_workbook(agency("denpasar"), 2019)))
    workbook[spec.TABEL_DATA].delete_rows(3)  # T2
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"), replace=True)
    assert not result.ok  # its cells are still in Isi Tabel, naming a table no longer listed
    assert any("Tabel 'T2' tidak ada" in e.message for e in result.errors)
    cells = workbook[spec.ISI_TABEL]
    for row in range(cells.max_row, 1, -1):
        if cells.cell(row, 1).value == "T2":
            cells.delete_rows(row)
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"), replace=True)
    assert result.ok, result.errors
    assert [t[0] for t in tables_of("denpasar", 2019)] == ["T1"]
    assert "Tabel Data: 1 dihapus" in result.changes.sentence()


def test_one_sheet_without_the_other_is_refused(demo):  # noqa: F811
    workbook = load_workbook(io.BytesIO(export_workbook(agency("denpasar"), 2019)))
    del workbook[spec.ISI_TABEL]
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"))
    assert any("Sheet Isi Tabel tidak ada" in e.message for e in result.errors)
