"""The cascade sheets (Sasaran Unit, Indikator Unit, Rencana Aksi, PK Unit, Target PK
Unit) carry the units' sasaran, indicators, quarters and PKs exactly, all or nothing; a
file without them leaves the cascade alone."""

import io

from openpyxl import load_workbook

from agencies.models import Agency
from cascade.models import (
    Agreement,
    AgreementTarget,
    IndicatorQuarterPlan,
    UnitBudgetLink,
    UnitGoal,
    UnitIndicator,
    UnitQuarter,
)
from workbook import spec
from workbook.export import export_workbook
from workbook.importer import import_workbook

from .test_datatable_sheets import saved
from .test_organisation_sheets import sheet_rows
from .test_workbook import agency, demo  # noqa: F401 - demo is a fixture


def cascade_of(slug: str, year: int) -> dict:
    return {
        "goals": sorted(
            UnitGoal.objects.filter(agency__slug=slug, year=year).values_list(
                "code", "unit__code", "agency_goal__code", "parent__code", "statement", "order"
            )
        ),
        "links": sorted(UnitBudgetLink.objects.filter(goal__agency__slug=slug).values_list("goal__code", "item__code")),
        "indicators": sorted(
            UnitIndicator.objects.filter(goal__agency__slug=slug).values_list(
                "goal__code", "code", "name", "unit", "polarity", "rollup", "target", "order"
            )
        ),
        "quarters": sorted(
            UnitQuarter.objects.filter(indicator__goal__agency__slug=slug).values_list(
                "indicator__code", "quarter", "target", "actions", "realization"
            )
        ),
        "agreements": sorted(
            Agreement.objects.filter(agency__slug=slug, year=year).values_list(
                "unit__code",
                "revision",
                "official_name",
                "official_title",
                "official_nip",
                "superior_name",
                "superior_title",
                "superior_nip",
                "place",
                "signed_on",
            )
        ),
        "targets": sorted(
            AgreementTarget.objects.filter(agreement__agency__slug=slug).values_list(
                "agreement__unit__code", "agreement__revision", "indicator__code", "target"
            )
        ),
    }


def iku_plans() -> list[tuple]:
    return sorted(IndicatorQuarterPlan.objects.filter(year=2019).values_list("indicator__code", "quarter", "target"))


def test_the_round_trip_through_an_empty_database_is_exact(demo):  # noqa: F811
    before = cascade_of("denpasar", 2019)
    assert len(before["goals"]) == 16 and len(before["quarters"]) == 64 and len(before["agreements"]) == 16
    first = export_workbook(agency("denpasar"), 2019)
    assert sheet_rows(first, spec.SASARAN_UNIT)[1][:3] == ("SP1", "1.2", "S1")
    assert sheet_rows(first, spec.RENCANA_AKSI)[1][:3] == ("SK1", "SK1.1", 1)
    assert sheet_rows(first, spec.RENCANA_AKSI_IKU)[1] == ("S1.1", 1, 20, "Pendataan SHU koperasi aktif")
    iku_before = sorted(
        IndicatorQuarterPlan.objects.filter(year=2019).values_list("indicator__code", "quarter", "target")
    )
    assert len(iku_before) == 8
    Agency.objects.filter(slug="denpasar").delete()
    result = import_workbook(first, 2019, slug="denpasar")
    assert result.ok, result.errors
    assert cascade_of("denpasar", 2019) == before
    assert sorted(
        IndicatorQuarterPlan.objects.filter(year=2019).values_list("indicator__code", "quarter", "target")
    ) == (iku_before)
    again = export_workbook(agency("denpasar"), 2019)
    for name in [*spec.CASCADE_SHEETS, spec.RENCANA_AKSI_IKU]:
        assert sheet_rows(again, name) == sheet_rows(first, name), name
    # Imported again over itself: nothing changes.
    result = import_workbook(again, 2019, agency=agency("denpasar"), replace=True)
    assert result.ok and result.changes.empty, result.changes.sentence()


def test_bad_rows_are_refused_each_with_its_place_and_nothing_is_written(demo):  # noqa: F811
    before = cascade_of("denpasar", 2019)
    workbook = load_workbook(io.BytesIO(export_workbook(agency("denpasar"), 2019)))
    goals = workbook[spec.SASARAN_UNIT]
    goals["B2"] = "9.9"  # no such unit
    goals["C3"] = "SP9"  # a sasaran kegiatan under a sasaran program that does not exist
    goals["F4"] = "4.a; 99.z"  # a budget line that does not exist
    goals.append(["SX", "1", "S1", "Kepala dinas tidak punya sasaran program"])
    indicators = workbook[spec.INDIKATOR_UNIT]
    indicators["G2"] = "empat puluh lima"
    indicators["E3"] = "Naik"
    quarters = workbook[spec.RENCANA_AKSI]
    quarters["C2"] = 5
    quarters.append(["SK1", "SK1.1", 2, 1, "Ganda", 1])
    agreements = workbook[spec.PK_UNIT]
    agreements["G2"] = "12345"  # not a NIP
    agreements["M2"] = "besok"
    workbook[spec.TARGET_PK_UNIT].append(["1.2", 3, "SP1", "SP1.1", 1])  # no such PK revision
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"), replace=True)
    assert not result.ok
    found = {(e.sheet, e.row, e.column): e.message for e in result.errors}
    assert "Unit '9.9' tidak ada" in found[(spec.SASARAN_UNIT, 2, "B")]
    assert "Sasaran program 'SP9' tidak ada" in found[(spec.SASARAN_UNIT, 3, "C")]
    assert "'99.z' tidak ada di sheet Anggaran" in found[(spec.SASARAN_UNIT, 4, "F")]
    assert "Hanya unit eselon III dan IV" in found[(spec.SASARAN_UNIT, 18, "B")]
    assert "bukan angka" in found[(spec.INDIKATOR_UNIT, 2, "G")]
    assert "'Naik' tidak dikenal" in found[(spec.INDIKATOR_UNIT, 3, "E")]
    assert "Triwulan harus bilangan bulat 1-4" in found[(spec.RENCANA_AKSI, 2, "C")]
    assert "ganda" in found[(spec.RENCANA_AKSI, 66, "C")]
    assert "NIP" in found[(spec.PK_UNIT, 2, "G")]
    assert "bukan tanggal" in found[(spec.PK_UNIT, 2, "M")]
    assert "PK unit 1.2 perubahan ke-3 tidak ada" in found[(spec.TARGET_PK_UNIT, 18, "A")]
    assert cascade_of("denpasar", 2019) == before


def test_replacing_deletes_what_the_file_drops_and_a_file_without_the_sheets_keeps_it(demo):  # noqa: F811
    before = cascade_of("denpasar", 2019)
    workbook = load_workbook(io.BytesIO(export_workbook(agency("denpasar"), 2019)))
    for name in spec.CASCADE_SHEETS:
        del workbook[name]
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"), replace=True)
    assert result.ok, result.errors
    assert cascade_of("denpasar", 2019) == before

    workbook = load_workbook(io.BytesIO(export_workbook(agency("denpasar"), 2019)))
    sheets = {name: workbook[name] for name in spec.CASCADE_SHEETS}
    for sheet in sheets.values():  # drop everything of section 1.2.1 (sasaran SK1)
        for row in range(sheet.max_row, 1, -1):
            if "SK1" in (sheet.cell(row, 1).value, sheet.cell(row, 3).value) or sheet.cell(row, 1).value == "1.2.1":
                sheet.delete_rows(row)
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"), replace=True)
    assert result.ok, result.errors
    after = cascade_of("denpasar", 2019)
    assert [g[0] for g in after["goals"]] == [g[0] for g in before["goals"] if g[0] != "SK1"]
    assert len(after["quarters"]) == 60 and len(after["agreements"]) == 15
    # The sasaran and its three kegiatan links; its indicator, four quarters, PK and PK target.
    assert result.changes.sentence() == (
        "Sasaran Unit: 4 dihapus; Indikator Unit: 1 dihapus; Rencana Aksi: 4 dihapus; PK Unit: 1 dihapus; "
        "Target PK Unit: 1 dihapus"
    )


def test_a_cascade_sheet_without_the_others_is_refused(demo):  # noqa: F811
    workbook = load_workbook(io.BytesIO(export_workbook(agency("denpasar"), 2019)))
    del workbook[spec.RENCANA_AKSI]
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"))
    assert any("Sheet Rencana Aksi tidak ada" in e.message for e in result.errors)


def test_the_sasaran_sheet_names_the_rpjmd_sasaran_each_sasaran_supports(demo):  # noqa: F811
    from cascade.models import GoalSupport

    first = export_workbook(agency("denpasar"), 2019)
    rows = sheet_rows(first, spec.SASARAN)
    assert rows[0][4] == "Kode Sasaran RPJMD"
    assert [(r[0], r[4]) for r in rows[1:]] == [("T1", None), ("S1", "SD4.1"), ("T2", None), ("S2", "SD4.1")]
    workbook = load_workbook(io.BytesIO(first))
    workbook[spec.SASARAN]["E3"] = "SD9"
    workbook[spec.SASARAN]["E2"] = "SD4.1"  # a tujuan
    workbook[spec.SASARAN]["E5"] = None  # S2 no longer names one
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"))
    found = {(e.sheet, e.row, e.column): e.message for e in result.errors}
    assert "'SD9' tidak ada di RPJMD" in found[(spec.SASARAN, 3, "E")]
    assert "Hanya sasaran" in found[(spec.SASARAN, 2, "E")]
    workbook[spec.SASARAN]["E3"] = "SD4.1"
    workbook[spec.SASARAN]["E2"] = None
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"))
    assert result.ok, result.errors
    assert sorted(GoalSupport.objects.filter(goal__period__agency__slug="denpasar").values_list("goal__code")) == [
        ("S1",)
    ]


def test_rencana_aksi_iku_rows_name_a_numeric_indicator_once_per_quarter(demo):  # noqa: F811
    workbook = load_workbook(io.BytesIO(export_workbook(agency("denpasar"), 2019)))
    plans = workbook[spec.RENCANA_AKSI_IKU]
    plans.append(["S9.9", 1, 5, "Tidak ada"])
    plans.append(["S1.1", 1, 5, "Ganda"])
    plans["B3"] = "TW5"
    result = import_workbook(saved(workbook), 2019, agency=agency("denpasar"))
    found = {(e.sheet, e.row, e.column): e.message for e in result.errors}
    assert "'S9.9' tidak ada di sheet Indikator" in found[(spec.RENCANA_AKSI_IKU, 10, "A")]
    assert "ganda" in found[(spec.RENCANA_AKSI_IKU, 11, "B")]
    assert "Triwulan harus bilangan bulat 1-4" in found[(spec.RENCANA_AKSI_IKU, 3, "B")]
