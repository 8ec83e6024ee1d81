"""The Tugas, Organisasi, Pegawai and Aset sheets carry BAB I's profile through the
workbook exactly, by the form's rules, all or nothing; a file made before the sheets
existed leaves the profile alone."""

import io

from openpyxl import load_workbook

from agencies.models import Agency
from organisation.models import Asset, Duty, OrgUnit, StaffCount, StaffTotal
from workbook import spec
from workbook.export import export_workbook
from workbook.importer import import_workbook

from .test_workbook import agency, demo, edited  # noqa: F401 - demo is a fixture

PROFILE_SHEETS = [spec.TUGAS, spec.ORGANISASI, spec.PEGAWAI, spec.ASET]


def sheet_rows(data: bytes, name: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data))[name].iter_rows(values_only=True))


def profile_snapshot(slug: str, year: int) -> dict:
    rows = {"agency__slug": slug, "year": year}
    return {
        "duty": list(Duty.objects.filter(**rows).values_list("legal_basis", "duty", "functions")),
        "units": sorted(
            OrgUnit.objects.filter(**rows).values_list(
                "code", "parent__code", "name", "level", "head_name", "head_rank", "head_nip"
            )
        ),
        "staff": list(StaffCount.objects.filter(**rows).values_list("category", "label", "count", "order")),
        "totals": list(StaffTotal.objects.filter(**rows).values_list("category", "printed_total")),
        "assets": list(Asset.objects.filter(**rows).values_list("name", "count", "condition", "note", "order")),
    }


def test_the_round_trip_through_an_empty_database_is_exact_for_every_profile_sheet(demo):  # noqa: F811
    for slug, year in [("pati", 2020), ("lumajang", 2019)]:
        before = profile_snapshot(slug, year)
        first = export_workbook(agency(slug), year)
        for name in PROFILE_SHEETS:
            assert sheet_rows(first, name)[0] == tuple(spec.HEADERS[name])
            assert len(sheet_rows(first, name)) > 1, name  # the demo fills every sheet
        Agency.objects.filter(slug=slug).delete()
        result = import_workbook(first, year, slug=slug)
        assert result.ok, result.errors
        again = export_workbook(agency(slug), year)
        for name in PROFILE_SHEETS:
            assert sheet_rows(again, name) == sheet_rows(first, name), name
        assert profile_snapshot(slug, year) == before


def test_the_sheets_hold_what_the_report_prints(demo):  # noqa: F811
    data = export_workbook(agency("lumajang"), 2019)
    tugas = sheet_rows(data, spec.TUGAS)
    assert tugas[2][0] == "Tugas Pokok" and tugas[2][1].startswith("Melaksanakan urusan bidang koperasi")
    assert tugas[3] == ("Fungsi", "Perumusan kebijakan teknis di bidang koperasi dan usaha mikro;")
    units = sheet_rows(data, spec.ORGANISASI)
    assert units[1] == ("1", None, "Kepala Dinas", "II.b", "Drs. ABDUL MAJID, MM.", None, "196604201992031008")
    assert units[2][:4] == ("1.1", "1", "Sekretaris", "III.a")
    staff = sheet_rows(data, spec.PEGAWAI)
    assert ("Pendidikan", "S1", 22) in staff
    assert ("Pendidikan", spec.PRINTED_TOTAL, 42) in staff


def test_an_unknown_parent_a_bad_nip_and_a_fractional_count_are_row_errors_and_nothing_is_written(demo):  # noqa: F811
    before = profile_snapshot("lumajang", 2019)
    data = edited(
        export_workbook(agency("lumajang"), 2019),
        {
            (spec.ORGANISASI, "B3"): "9",
            (spec.ORGANISASI, "G2"): "1234",
            (spec.PEGAWAI, "C2"): "1,5",
            (spec.ASET, "A3"): "Tanah",
            (spec.TUGAS, "A2"): "Visi",
        },
    )
    result = import_workbook(data, 2019, agency=agency("lumajang"), replace=True)
    assert not result.ok
    found = {(e.sheet, e.row): e.message for e in result.errors}
    assert "Unit induk '9' tidak ada" in found[(spec.ORGANISASI, 3)]
    assert "NIP terdiri dari 18 angka" in found[(spec.ORGANISASI, 2)]
    assert "bilangan bulat" in found[(spec.PEGAWAI, 2)]
    assert "ganda" in found[(spec.ASET, 3)]
    assert "'Visi' tidak dikenal" in found[(spec.TUGAS, 2)]
    assert profile_snapshot("lumajang", 2019) == before


def test_a_cycle_of_units_is_refused(demo):  # noqa: F811
    data = edited(export_workbook(agency("pati"), 2020), {(spec.ORGANISASI, "B2"): "1.1"})
    result = import_workbook(data, 2020, agency=agency("pati"))
    assert any(e.sheet == spec.ORGANISASI and "lingkaran" in e.message for e in result.errors)


def test_a_count_typed_the_indonesian_way_is_read(demo):  # noqa: F811
    data = edited(export_workbook(agency("pati"), 2020), {(spec.ASET, "B2"): "1.234"})
    result = import_workbook(data, 2020, agency=agency("pati"))
    assert result.ok, result.errors
    assert Asset.objects.get(agency__slug="pati", name="AC split").count == 1234
    assert "Aset: 1 diubah" in result.changes.sentence()


def test_replacing_deletes_the_rows_the_file_drops_and_a_file_without_the_sheets_keeps_them(demo):  # noqa: F811
    workbook = load_workbook(io.BytesIO(export_workbook(agency("pati"), 2020)))
    workbook[spec.ASET].delete_rows(2)  # AC split
    workbook[spec.ORGANISASI].delete_rows(14)  # the last seksi
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_workbook(buffer.getvalue(), 2020, agency=agency("pati"), replace=True)
    assert result.ok, result.errors
    assert not Asset.objects.filter(agency__slug="pati", name="AC split").exists()
    assert OrgUnit.objects.filter(agency__slug="pati").count() == 12

    before = profile_snapshot("pati", 2020)
    for name in PROFILE_SHEETS:
        del workbook[name]
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_workbook(buffer.getvalue(), 2020, agency=agency("pati"), replace=True)
    assert result.ok, result.errors
    assert profile_snapshot("pati", 2020) == before


def test_a_text_over_its_column_limit_is_a_row_error(demo):  # noqa: F811
    data = edited(export_workbook(agency("pati"), 2020), {(spec.ORGANISASI, "C3"): "x" * 300})
    result = import_workbook(data, 2020, agency=agency("pati"))
    assert any(
        e.sheet == spec.ORGANISASI and e.row == 3 and "Terlalu panjang: 300 karakter, paling banyak 255" in e.message
        for e in result.errors
    )
