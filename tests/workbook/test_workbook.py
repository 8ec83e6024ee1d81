"""Excel in and out: round trips, and every kind of bad file with its message."""

import datetime
import io
import json
import re
import zipfile
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from agencies.models import Agency
from budget.models import BudgetAllocation, BudgetItem, BudgetYear, FundingSource
from budget.tree import budget_tree
from demo.loader import load_demo
from indicators.models import Goal, Indicator, PredicateScale, Realization, Target
from reports.document import build_document
from reports.json_export import report_data
from workbook import spec
from workbook.export import export_workbook, template_workbook
from workbook.importer import import_workbook
from workbook.models import WorkbookImport

from ..reports.test_url_access import snapshot

DEMO = [("pati", 2020), ("lumajang", 2019), ("denpasar", 2019)]


@pytest.fixture
def demo(db):
    load_demo()


def agency(slug):
    return Agency.objects.select_related("region").get(slug=slug)


def edited(data: bytes, changes: dict) -> bytes:
    """The workbook with cells changed: {(sheet, "B5"): value}."""
    workbook = load_workbook(io.BytesIO(data))
    for (sheet, ref), value in changes.items():
        workbook[sheet][ref] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def messages(result):
    return [str(issue) for issue in result.errors]


@pytest.mark.parametrize(("slug", "year"), DEMO)
def test_export_then_import_changes_nothing(demo, slug, year):
    before = snapshot()
    result = import_workbook(export_workbook(agency(slug), year), year, agency=agency(slug))
    assert result.ok, messages(result)
    assert snapshot() == before


@pytest.mark.parametrize(("slug", "year"), DEMO)
def test_import_into_an_empty_database_gives_the_same_report(demo, slug, year, tmp_path):
    original = report_data(build_document(agency(slug), year))
    path = tmp_path / "export.xlsx"
    call_command("export_workbook", agency=slug, year=year, output=str(path))
    Agency.objects.all().delete()
    call_command("import_workbook", str(path), agency=slug, year=year)
    assert report_data(build_document(agency(slug), year)) == original


def test_exported_workbook_is_formatted_for_people(demo):
    workbook = load_workbook(io.BytesIO(export_workbook(agency("pati"), 2020)))
    assert workbook.sheetnames == spec.SHEETS
    sheet = workbook[spec.ANGGARAN]
    assert [c.value for c in sheet[1]][: len(spec.HEADERS[spec.ANGGARAN])] == spec.HEADERS[spec.ANGGARAN]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet["K2"].number_format == "#,##0.####" and sheet["K2"].value == 1231325200
    dropdowns = {str(dv.sqref).split(":")[0][:1]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert dropdowns["B"] == '"Program,Kegiatan,Sub Kegiatan,Tidak Dirinci"'
    assert sheet.column_dimensions["D"].width == 50


def test_user_text_starting_with_equals_is_written_as_text(demo):
    goal = Goal.objects.filter(period__agency__slug="pati").first()
    goal.statement = '=HYPERLINK("http://evil.example","klik")'
    goal.save()
    data = export_workbook(agency("pati"), 2020)
    workbook = load_workbook(io.BytesIO(data))
    cell = next(c for c in workbook[spec.SASARAN]["D"] if c.value and str(c.value).startswith("=HYPER"))
    assert cell.data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any("<f>" in archive.read(n).decode() for n in archive.namelist() if "worksheets" in n)
    # ... and it comes back as the same text.
    assert import_workbook(data, 2020, agency=agency("pati")).ok
    goal.refresh_from_db()
    assert goal.statement.startswith("=HYPERLINK")


def test_template_has_sheets_headers_and_dropdowns():
    workbook = load_workbook(io.BytesIO(template_workbook()))
    assert workbook.sheetnames == spec.SHEETS
    assert [c.value for c in workbook[spec.INSTANSI]["A"]][1 : len(spec.INSTANSI_KEYS) + 1] == spec.INSTANSI_KEYS
    assert workbook[spec.INDIKATOR].data_validations.dataValidation


# --- Bad files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n...", "Berkas ini PDF"),
        (b"Kode;Jenis;Uraian\nT1;Tujuan;x\n", "mungkin CSV"),
        (b"", "Berkas kosong"),
        (b"PK\x03\x04garbage", "rusak atau bukan Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "format Excel lama (.xls)"),
    ],
)
def test_files_that_are_not_xlsx_are_refused_clearly(agency_a, data, message):
    result = import_workbook(data, 2020, agency=agency_a)
    assert not result.ok
    assert message in messages(result)[0]


def test_zip_bomb_is_refused(agency_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    result = import_workbook(buffer.getvalue(), 2020, agency=agency_a)
    assert "zip bomb" in messages(result)[0]


def test_file_over_the_size_limit_is_refused(agency_a, monkeypatch):
    monkeypatch.setattr("workbook.reader.MAX_BYTES", 1000)
    result = import_workbook(template_workbook(), 2020, agency=agency_a)
    assert "lebih besar dari batas" in messages(result)[0]


def test_missing_sheet_and_missing_header(agency_a):
    workbook = load_workbook(io.BytesIO(template_workbook()))
    del workbook[spec.REALISASI]
    workbook[spec.TARGET]["B1"] = "Tahun Anggaran"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_workbook(buffer.getvalue(), 2020, agency=agency_a)
    assert "sheet Realisasi: Sheet 'Realisasi' tidak ada." in messages(result)
    assert "sheet Target, baris 1, kolom Tahun: Judul kolom 'Tahun' tidak ada." in messages(result)


def test_headers_match_case_insensitively_and_extra_columns_are_ignored(demo):
    data = export_workbook(agency("pati"), 2020)
    workbook = load_workbook(io.BytesIO(data))
    workbook[spec.SASARAN]["A1"] = "KODE"
    workbook[spec.SASARAN]["F1"] = "Catatan pribadi"
    workbook[spec.SASARAN]["F2"] = "apa saja"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert import_workbook(buffer.getvalue(), 2020, agency=agency("pati")).ok


def test_merged_cells_are_refused(demo):
    workbook = load_workbook(io.BytesIO(export_workbook(agency("pati"), 2020)))
    workbook[spec.SASARAN].merge_cells("D2:D3")
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_workbook(buffer.getvalue(), 2020, agency=agency("pati"))
    assert any("digabung (merge) D2:D3" in m for m in messages(result))


def test_formula_without_cached_value_is_refused_and_with_one_is_used(demo):
    data = edited(export_workbook(agency("pati"), 2020), {(spec.REALISASI, "D2"): "=10+3.83"})
    result = import_workbook(data, 2020, agency=agency("pati"))
    assert any("rumus tanpa nilai tersimpan" in m for m in messages(result))
    # The same cell with a value Excel cached: used, and said so.
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        files = {name: source.read(name) for name in source.namelist()}
    name = next(n for n in files if n.startswith("xl/worksheets/") and b"<f>10+3.83</f>" in files[n])
    files[name] = files[name].replace(b"<f>10+3.83</f><v />", b"<f>10+3.83</f><v>13.83</v>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for n, content in files.items():
            target.writestr(n, content)
    result = import_workbook(buffer.getvalue(), 2020, agency=agency("pati"))
    assert result.ok, messages(result)
    assert any("berisi rumus; dipakai nilai tersimpannya" in str(n) for n in result.notes)


def test_indonesian_and_plain_numbers_both_import(demo):
    data = edited(
        export_workbook(agency("pati"), 2020),
        {
            (spec.REALISASI, "D2"): "1.234,5",
            (spec.REALISASI, "D3"): "1234.5",
            (spec.ANGGARAN, "K2"): "1.231.325.200",
        },
    )
    assert import_workbook(data, 2020, agency=agency("pati")).ok
    values = set(Realization.objects.filter(indicator__period__agency__slug="pati").values_list("value", flat=True))
    assert {1234.5} <= {float(v) for v in values if v is not None}


def test_an_import_bumps_the_data_version_once_and_drops_cached_pages(demo, client):
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    workspace = reverse("workspace", args=["pati", 2020])
    for _ in range(3):
        page = client.get(workspace)
    assert page.get("X-Page-Cache") == "hit"
    before = agency("pati").data_version
    data = edited(export_workbook(agency("pati"), 2020), {(spec.REALISASI, "D2"): "1.234,5"})
    assert import_workbook(data, 2020, agency=agency("pati")).ok
    # Once for the whole import (hundreds of rows saved), inside its transaction.
    assert agency("pati").data_version == before + 1
    assert client.get(workspace).get("X-Page-Cache") != "hit"


def test_a_failed_import_leaves_the_data_version_alone(demo):
    before = agency("pati").data_version
    data = edited(export_workbook(agency("pati"), 2020), {(spec.REALISASI, "D2"): "tiga belas"})
    assert not import_workbook(data, 2020, agency=agency("pati")).ok
    assert agency("pati").data_version == before


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({(spec.REALISASI, "D2"): "tiga belas"}, "sheet Realisasi, baris 2, kolom D: 'tiga belas' bukan angka"),
        ({(spec.REALISASI, "D2"): datetime.datetime(2020, 5, 1)}, "Berisi tanggal, bukan angka"),
        ({(spec.REALISASI, "B2"): 2030}, "Tahun 2030 di luar periode Renstra 2017-2022"),
        ({(spec.REALISASI, "B2"): datetime.datetime(2020, 1, 1)}, "Tahun berisi tanggal"),
        ({(spec.REALISASI, "A2"): "XX9"}, "Indikator 'XX9' tidak ada di sheet Indikator"),
        ({(spec.INDIKATOR, "B2"): "S9"}, "Sasaran 'S9' tidak ada di sheet Sasaran"),
        ({(spec.SASARAN, "C3"): "S7"}, "Induk 'S7' tidak ada di sheet Sasaran"),
        ({(spec.SASARAN, "A3"): "T1"}, "Kode T1 ganda (juga di baris 2)"),
        ({(spec.ANGGARAN, "C3"): "99"}, "Induk '99' tidak ada di sheet Anggaran"),
        ({(spec.ANGGARAN, "K3"): "-5"}, "Angka tidak boleh negatif"),
        ({(spec.ANGGARAN, "J3"): "Dana Hibah Asing"}, "Sumber dana 'Dana Hibah Asing' tidak dikenal"),
        ({(spec.INDIKATOR, "E2"): "Tinggi"}, "'Tinggi' tidak dikenal; pilih salah satu: Positif, Negatif"),
        ({(spec.INSTANSI, "B8"): "2021-2025"}, "Tahun laporan 2020 di luar periode Renstra 2021-2025"),
        ({(spec.TARGET, "D2"): "90 - 80"}, "Batas bawah rentang lebih besar dari batas atas"),
        ({(spec.SASARAN, "D2"): None}, "Uraian wajib diisi"),
        ({(spec.REALISASI, "D2"): 10**20}, "Angka terlalu besar"),
        (
            {(spec.INDIKATOR, "C2"): "x" * 2200},
            "sheet Indikator, baris 2, kolom C: Terlalu panjang: 2200 karakter, paling banyak 500.",
        ),
        ({(spec.ANGGARAN, "A2"): "1" * 51}, "Terlalu panjang: 51 karakter, paling banyak 50."),
        ({(spec.INSTANSI, "B4"): "Jl. " + "x" * 600}, "Terlalu panjang: 604 karakter, paling banyak 500."),
    ],
)
def test_bad_cells_are_reported_with_sheet_row_column_and_nothing_changes(demo, change, expected):
    before = snapshot()
    data = edited(export_workbook(agency("pati"), 2020), change)
    result = import_workbook(data, 2020, agency=agency("pati"))
    assert not result.ok
    assert any(expected in m for m in messages(result)), messages(result)
    assert snapshot() == before


def test_a_cycle_of_parents_is_refused(demo):
    data = edited(
        export_workbook(agency("pati"), 2020),
        {
            (spec.SASARAN, "B2"): "Sasaran",
            (spec.SASARAN, "C2"): "S2",
            (spec.SASARAN, "C4"): "T1",
        },
    )
    result = import_workbook(data, 2020, agency=agency("pati"))
    assert any("lingkaran" in m for m in messages(result)), messages(result)


def test_every_error_is_reported_at_once(demo):
    data = edited(
        export_workbook(agency("pati"), 2020),
        {
            (spec.REALISASI, "D2"): "x",
            (spec.REALISASI, "D3"): "y",
            (spec.ANGGARAN, "K2"): "z",
        },
    )
    result = import_workbook(data, 2020, agency=agency("pati"))
    assert len(result.errors) == 3


def test_rows_beyond_the_limit_are_refused_with_a_message(agency_a, monkeypatch):
    # The limit lowered so the test stays fast; bench/hostile_imports.py runs 50 000 rows.
    monkeypatch.setattr("workbook.reader.MAX_ROWS", 1_000)
    workbook = Workbook(write_only=True)
    for name in spec.SHEETS:
        sheet = workbook.create_sheet(name)
        sheet.append(spec.HEADERS[name])
        if name == spec.REALISASI:
            for n in range(2_000):
                sheet.append(["I1", 2020, "Tahunan", n])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_workbook(buffer.getvalue(), 2020, agency=agency_a)
    assert any("Terlalu banyak baris (lebih dari 1.000); pembacaan dihentikan" in m for m in messages(result))


def test_replace_mode_deletes_what_the_file_does_not_list(demo):
    pati = agency("pati")
    data = export_workbook(pati, 2020)
    workbook = load_workbook(io.BytesIO(data))
    workbook[spec.INDIKATOR].delete_rows(2)  # T1.1
    for sheet in (spec.TARGET, spec.REALISASI):
        rows = [r for r in workbook[sheet].iter_rows(min_row=2) if r[0].value == "T1.1"]
        for row in reversed(rows):
            workbook[sheet].delete_rows(row[0].row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert import_workbook(buffer.getvalue(), 2020, agency=pati).ok
    assert Indicator.objects.filter(period__agency=pati, code="T1.1").exists()  # not mentioned, kept
    assert import_workbook(buffer.getvalue(), 2020, agency=pati, replace=True).ok
    assert not Indicator.objects.filter(period__agency=pati, code="T1.1").exists()
    assert Target.objects.filter(indicator__period__agency=pati).count() == 3


def test_command_creates_agency_and_region_and_exits_non_zero_on_errors(demo, tmp_path, capsys):
    path = tmp_path / "baru.xlsx"
    path.write_bytes(edited(export_workbook(agency("denpasar"), 2019), {(spec.INSTANSI, "B3"): "Kota Baru"}))
    call_command("import_workbook", str(path), agency="dinas-baru", year=2019)
    created = agency("dinas-baru")
    assert created.region.name == "Kota Baru"
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"%PDF-1.4")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="1 galat"):
        call_command("import_workbook", str(bad), agency="dinas-baru", year=2019)
    assert "Berkas ini PDF" in capsys.readouterr().err


def test_upload_page_shows_every_error_and_offers_the_annotated_copy(client, demo):
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    data = edited(export_workbook(agency("pati"), 2020), {(spec.REALISASI, "D2"): "x", (spec.ANGGARAN, "K3"): "-1"})
    upload = io.BytesIO(data)
    upload.name = "pati.xlsx"
    response = client.post(reverse("workbook", args=["pati", 2020]), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 galat" in html and "&#x27;x&#x27; bukan angka" in html and "tidak boleh negatif" in html
    attempt = WorkbookImport.objects.get()
    annotated = client.get(reverse("workbook_errors", args=["pati", 2020, attempt.pk]))
    workbook = load_workbook(io.BytesIO(annotated.content))
    assert workbook.sheetnames[0] == "Galat"
    cell = workbook[spec.REALISASI]["D2"]
    assert "bukan angka" in cell.comment.text and cell.fill.fgColor.rgb.endswith("F8C9C9")


def yearly_realisasi_row(data: bytes, code: str, year: int) -> int:
    """The Realisasi sheet row of an indicator's yearly realisation."""
    sheet = load_workbook(io.BytesIO(data))[spec.REALISASI]
    return next(
        r[0].row
        for r in sheet.iter_rows(min_row=2)
        if r[0].value == code and r[1].value == year and r[2].value == "Tahunan"
    )


def upload(client, data: bytes, name="pati.xlsx"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("workbook", args=["pati", 2020]), {"file": file})


def test_an_upload_shows_what_would_change_and_imports_only_when_confirmed(client, demo):
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    data = export_workbook(agency("pati"), 2020)
    row = yearly_realisasi_row(data, "S2.1", 2020)
    response = upload(client, edited(data, {(spec.REALISASI, f"D{row}"): "47,5"}))
    assert response.status_code == 302
    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert "Pratinjau impor pati.xlsx" in page and "Belum ada yang disimpan" in page
    counts = re.search(r'data-testid="preview-counts".*?</table>', page, re.S).group(0)
    assert re.search(r"<td>Realisasi</td><td class=\"num\">0</td><td class=\"num\">1</td>", counts)
    assert "S2.1 2020 Tahunan" in page and "44,39 → <strong>47,5</strong>" in page
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    assert Realization.objects.get(indicator=indicator, year=2020, quarter=None).value == D("44.39")  # not yet
    done = client.post(response["Location"], follow=True)
    assert "diimpor: Realisasi: 1 diubah" in done.content.decode()
    assert Realization.objects.get(indicator=indicator, year=2020, quarter=None).value == D("47.5")
    assert client.post(response["Location"]).status_code == 404  # a preview is imported once


def test_a_preview_made_stale_by_another_change_is_shown_again_not_imported(client, demo):
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    response = upload(client, export_workbook(agency("pati"), 2020))
    pati = agency("pati")
    Agency.objects.filter(pk=pati.pk).update(data_version=pati.data_version + 1)  # someone saved meanwhile
    again = client.post(response["Location"], follow=True)
    assert "Data instansi berubah sejak pratinjau dibuat" in again.content.decode()
    assert WorkbookImport.objects.get().succeeded is False


def test_the_command_dry_run_prints_the_changes_and_saves_nothing(demo, tmp_path, capsys):
    data = export_workbook(agency("pati"), 2020)
    row = yearly_realisasi_row(data, "S2.1", 2020)
    path = tmp_path / "pati.xlsx"
    path.write_bytes(edited(data, {(spec.REALISASI, f"D{row}"): "47,5"}))
    call_command("import_workbook", str(path), agency="pati", year=2020, dry_run=True)
    out = capsys.readouterr().out
    assert "Realisasi: S2.1 2020 Tahunan diubah: " in out and "44,39 -> 47,5" in out
    assert "Uji coba (tidak ada yang disimpan)" in out and "Realisasi: 1 diubah" in out
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    assert Realization.objects.get(indicator=indicator, year=2020, quarter=None).value == D("44.39")


def test_reviewer_cannot_upload(client, demo):
    client.force_login(get_user_model().objects.get(username="reviewer"))
    upload = io.BytesIO(b"x")
    upload.name = "x.xlsx"
    assert client.post(reverse("workbook", args=["pati", 2020]), {"file": upload}).status_code == 403
    assert client.get(reverse("workbook_export", args=["pati", 2020])).status_code == 200


def test_json_roundtrip_helper_is_stable(demo):
    # The report JSON is plain data: it survives json round trips unchanged.
    data = report_data(build_document(agency("lumajang"), 2019))
    assert json.loads(json.dumps(data)) == data


def test_workbook_with_only_headers_and_instansi_creates_an_empty_plan(agency_a):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in spec.SHEETS:
        workbook.create_sheet(name).append(spec.HEADERS[name])
    workbook[spec.INSTANSI].append(["Periode Renstra", "2019-2023"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_workbook(buffer.getvalue(), 2020, agency=agency_a)
    assert result.ok, messages(result)
    assert agency_a.renstra_periods.get().end_year == 2023


def test_a_blank_realisasi_is_imported_as_unknown_and_a_zero_as_zero(demo):
    pati = agency("pati")
    data = export_workbook(pati, 2020)
    sheet = load_workbook(io.BytesIO(data))[spec.ANGGARAN]
    column = spec.HEADERS[spec.ANGGARAN].index("Realisasi Anggaran") + 1
    leaves = set(BudgetItem.objects.filter(agency=pati, year=2020, children=None).values_list("code", flat=True))
    money_rows = [
        row[0].row for row in sheet.iter_rows(min_row=2) if row[column - 1].value is not None and row[0].value in leaves
    ]
    first, second = money_rows[:2]
    letter = sheet.cell(row=1, column=column).column_letter
    changes = {(spec.ANGGARAN, f"{letter}{first}"): None, (spec.ANGGARAN, f"{letter}{second}"): 0}
    result = import_workbook(edited(data, changes), 2020, agency=pati)
    assert result.ok, messages(result)
    code_of = {row[0].row: row[0].value for row in sheet.iter_rows(min_row=2)}
    blank = BudgetAllocation.objects.get(item__agency=pati, item__year=2020, item__code=code_of[first])
    zero = BudgetAllocation.objects.get(item__agency=pati, item__year=2020, item__code=code_of[second])
    assert blank.realisasi is None and zero.realisasi == 0
    assert budget_tree(pati, 2020).total().unknown == 1


def test_funding_sources_match_by_code_or_name_and_a_blank_one_is_not_guessed(demo):
    pati = agency("pati")
    data = export_workbook(pati, 2020)
    sheet = load_workbook(io.BytesIO(data))[spec.ANGGARAN]
    headers = spec.HEADERS[spec.ANGGARAN]
    source_letter = sheet.cell(row=1, column=headers.index("Sumber Dana") + 1).column_letter
    leaves = set(BudgetItem.objects.filter(agency=pati, year=2020, children=None).values_list("code", flat=True))
    rows = [row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value in leaves][:4]
    written = ["pajak rokok", "PHLN", "Apbn Dekonsentrasi", None]
    changes = {(spec.ANGGARAN, f"{source_letter}{row}"): text for row, text in zip(rows, written, strict=True)}
    result = import_workbook(edited(data, changes), 2020, agency=pati)
    assert result.ok, messages(result)
    assert any("dicatat sebagai 'Tidak disebut'" in str(note) for note in result.notes)
    codes = {row[0].row: row[0].value for row in sheet.iter_rows(min_row=2)}
    stored = [
        BudgetAllocation.objects.get(item__agency=pati, item__year=2020, item__code=codes[row]).source.code
        for row in rows
    ]
    assert stored == ["PAJAK_ROKOK", "PHLN", "APBN_DEKON", "Tidak disebut"]
    by_source = dict(build_document(pati, 2020).by_source)
    assert "Tidak disebut" in by_source and by_source["Tidak disebut"].lines == 1


def test_a_regions_own_funding_source_is_known_to_its_agencies_only(demo):
    FundingSource.objects.create(code="SILPA_PATI", name="SiLPA Kabupaten Pati", region=agency("pati").region)
    for slug, year, ok in (("pati", 2020, True), ("lumajang", 2019, False)):
        data = export_workbook(agency(slug), year)
        sheet = load_workbook(io.BytesIO(data))[spec.ANGGARAN]
        column = spec.HEADERS[spec.ANGGARAN].index("Sumber Dana") + 1
        letter = sheet.cell(row=1, column=column).column_letter
        row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[column - 1].value)
        result = import_workbook(
            edited(data, {(spec.ANGGARAN, f"{letter}{row}"): "SiLPA Kabupaten Pati"}), year, agency=agency(slug)
        )
        assert result.ok is ok, (slug, messages(result))


def instansi_row(data: bytes, key: str) -> int:
    sheet = load_workbook(io.BytesIO(data))[spec.INSTANSI]
    return next(row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value == key)


def test_the_mean_cap_is_exported_and_only_the_command_line_may_change_it(demo, tmp_path):
    pati = agency("pati")
    data = export_workbook(pati, 2020)
    row = instansi_row(data, spec.MEAN_CAP_KEY)
    assert load_workbook(io.BytesIO(data))[spec.INSTANSI][f"B{row}"].value == "100"
    # Through the upload page (an operator of one agency): a region-wide setting is refused.
    refused = import_workbook(edited(data, {(spec.INSTANSI, f"B{row}"): "110 %"}), 2020, agency=pati)
    assert any("Batas capaian rata-rata berlaku untuk seluruh pemda (saat ini 100 %)" in m for m in messages(refused))
    bad = import_workbook(edited(data, {(spec.INSTANSI, f"B{row}"): "105"}), 2020, agency=pati)
    assert any("Batas capaian rata-rata '105' tidak valid" in m for m in messages(bad))
    # The command line (an administrator) sets it for the region.
    path = tmp_path / "pati.xlsx"
    path.write_bytes(edited(data, {(spec.INSTANSI, f"B{row}"): "Tanpa batas"}))
    call_command("import_workbook", str(path), agency="pati", year=2020)
    assert PredicateScale.objects.get(region=pati.region).mean_cap is None
    assert str(round(build_document(agency("pati"), 2020).results.capaian, 2)) == "92.10"  # 102 counts 102
    assert PredicateScale.objects.get(is_default=True).mean_cap == 100  # other regions keep theirs


def test_the_budget_nomenclature_round_trips_through_the_instansi_sheet(demo):
    pati = agency("pati")
    data = export_workbook(pati, 2020)
    row = instansi_row(data, spec.NOMENCLATURE_KEY)
    assert load_workbook(io.BytesIO(data))[spec.INSTANSI][f"B{row}"].value == "Otomatis"
    changed = import_workbook(edited(data, {(spec.INSTANSI, f"B{row}"): "permendagri 90/2019"}), 2020, agency=pati)
    assert changed.ok, messages(changed)
    assert BudgetYear.objects.get(agency=pati, year=2020).nomenclature == BudgetYear.Nomenclature.PERMENDAGRI_90
    assert not build_document(agency("pati"), 2020).has_spending_split
    again = export_workbook(agency("pati"), 2020)
    assert load_workbook(io.BytesIO(again))[spec.INSTANSI][f"B{row}"].value == "Permendagri 90/2019"
    bad = import_workbook(edited(data, {(spec.INSTANSI, f"B{row}"): "lama"}), 2020, agency=pati)
    assert any("Nomenklatur anggaran 'lama' tidak dikenal" in m for m in messages(bad))


def test_a_line_supporting_several_sasaran_round_trips(demo):
    pati = agency("pati")
    goals = Goal.objects.filter(period__agency=pati, kind="sasaran").order_by("order", "code")
    codes = list(goals.values_list("code", flat=True)[:2])
    assert len(codes) == 2
    data = export_workbook(pati, 2020)
    sheet = load_workbook(io.BytesIO(data))[spec.ANGGARAN]
    letter = sheet.cell(row=1, column=spec.HEADERS[spec.ANGGARAN].index("Kode Sasaran") + 1).column_letter
    program = BudgetItem.objects.filter(agency=pati, year=2020, level="program").order_by("order").first()
    rows = [row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value == program.code]
    changes = {(spec.ANGGARAN, f"{letter}{row}"): f" {codes[1]} ;{codes[0]}" for row in rows}
    result = import_workbook(edited(data, changes), 2020, agency=pati)
    assert result.ok, messages(result)
    assert sorted(program.goals.values_list("code", flat=True)) == sorted(codes)
    again = load_workbook(io.BytesIO(export_workbook(pati, 2020)))[spec.ANGGARAN]
    assert {again[f"{letter}{row}"].value for row in rows} == {f"{codes[0]}, {codes[1]}"}  # in sasaran order
    unknown = {(spec.ANGGARAN, f"{letter}{rows[0]}"): f"{codes[0]}, XX9"}
    refused = import_workbook(edited(data, unknown), 2020, agency=pati)
    assert any("Sasaran 'XX9' tidak ada di sheet Sasaran" in m for m in messages(refused))
    assert sorted(program.goals.values_list("code", flat=True)) == sorted(codes)  # nothing changed


def test_an_unitemized_total_imports_without_parent_or_sasaran(demo):
    pati = agency("pati")
    data = export_workbook(pati, 2020)
    sheet = load_workbook(io.BytesIO(data))[spec.ANGGARAN]
    headers = spec.HEADERS[spec.ANGGARAN]
    row = sheet.max_row + 1

    def cell(header):
        return f"{sheet.cell(row=1, column=headers.index(header) + 1).column_letter}{row}"

    values = {"Kode": "X-BTL", "Jenis": "Tidak Dirinci", "Nama": "Belanja pegawai", "Pagu": 1000, "Sumber Dana": "PAD"}
    line = {(spec.ANGGARAN, cell(h)): v for h, v in values.items()}
    total_before = budget_tree(pati, 2020).total().pagu
    result = import_workbook(edited(data, line), 2020, agency=pati)
    assert result.ok, messages(result)
    assert BudgetItem.objects.get(agency=pati, year=2020, code="X-BTL").level == BudgetItem.Level.UNITEMIZED
    assert budget_tree(pati, 2020).total().pagu == total_before + 1000
    program = BudgetItem.objects.filter(agency=pati, year=2020, level="program").first()
    with_parent = {**line, (spec.ANGGARAN, cell("Kode Induk")): program.code}
    refused = import_workbook(edited(data, with_parent), 2020, agency=pati)
    assert any("Tidak Dirinci tidak mempunyai induk" in m for m in messages(refused)), messages(refused)


def with_declared_dimension(data: bytes, sheet_title: str, ref: str) -> bytes:
    """The workbook with one sheet's <dimension> rewritten (as a hostile file would)."""
    workbook = load_workbook(io.BytesIO(data))
    index = workbook.sheetnames.index(sheet_title) + 1
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == f"xl/worksheets/sheet{index}.xml":
                content, found = re.subn(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), content)
                assert found == 1
            out.writestr(item, content)
    return target.getvalue()


def test_rows_beyond_the_declared_dimension_are_read(demo):
    """A file declaring A1:G2 on its Realisasi sheet while holding 30 more rows: those
    rows are read and checked (before, they were skipped and the import 'succeeded')."""
    pati = agency("pati")
    data = export_workbook(pati, 2020)
    workbook = load_workbook(io.BytesIO(data))
    for n in range(30):
        workbook[spec.REALISASI].append(["ZZ9", 2020, "Tahunan", n, None, None, ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    hostile = with_declared_dimension(buffer.getvalue(), spec.REALISASI, "A1:G2")
    result = import_workbook(hostile, 2020, agency=pati)
    assert not result.ok
    assert sum("ZZ9" in m for m in messages(result)) == 30


def test_a_failed_import_keeps_the_first_200_errors_and_counts_all(client, demo):
    pati = agency("pati")
    workbook = load_workbook(io.BytesIO(export_workbook(pati, 2020)))
    for n in range(450):
        workbook[spec.REALISASI].append(["ZZ9", 2020, "Tahunan", n, None, None, ""])
    workbook[spec.REALISASI].cell(row=2, column=16384, value="tersembunyi di kolom XFD")
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_workbook(buffer.getvalue(), 2020, agency=pati)
    assert len(result.errors) == 200 and result.error_count == 450
    client.force_login(User.objects.get(username="operator-pati"))
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "banyak-galat.xlsx"
    page = client.post(reverse("workbook", args=["pati", 2020]), {"file": upload}).content.decode()
    attempt = WorkbookImport.objects.get(filename="banyak-galat.xlsx")
    assert (len(attempt.errors), attempt.error_count) == (200, 450)
    assert "450 galat pada banyak-galat.xlsx" in page and "Ditampilkan 200 galat pertama" in page
    marked = load_workbook(io.BytesIO(bytes(attempt.annotated)))["Galat"]
    assert marked.max_row == 201  # the header and the 200 kept errors


def test_an_operator_cannot_rename_the_agency_through_the_instansi_sheet(client, demo):
    """Before, an operator's upload renamed the agency and its head, although no form
    let them edit the agency."""
    pati = agency("pati")
    data = export_workbook(pati, 2020)
    renamed = edited(
        data,
        {
            (spec.INSTANSI, f"B{instansi_row(data, 'Nama Instansi')}"): "Dinas Palsu",
            (spec.INSTANSI, f"B{instansi_row(data, 'Nama Kepala')}"): "Bukan Kepala",
        },
    )
    client.force_login(User.objects.get(username="operator-pati"))
    upload = io.BytesIO(renamed)
    upload.name = "ganti-nama.xlsx"
    page = client.post(reverse("workbook", args=["pati", 2020]), {"file": upload}).content.decode()
    assert "Nama Instansi &#x27;Dinas Palsu&#x27; berbeda dengan data instansi" in page
    assert "Nama Kepala &#x27;Bukan Kepala&#x27; berbeda" in page
    assert agency("pati").name == pati.name and agency("pati").head_name == pati.head_name
    # An administrator may: the same file renames the agency, after its preview says so.
    client.force_login(User.objects.get(username="admin"))
    upload = io.BytesIO(renamed)
    upload.name = "ganti-nama.xlsx"
    preview = client.post(reverse("workbook", args=["pati", 2020]), {"file": upload})["Location"]
    assert "Dinas Palsu" in client.get(preview).content.decode()
    client.post(preview)
    assert (agency("pati").name, agency("pati").head_name) == ("Dinas Palsu", "Bukan Kepala")
