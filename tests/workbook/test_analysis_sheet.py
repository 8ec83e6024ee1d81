"""The Analisis sheet carries each indicator's BAB III analysis (standard, causes,
obstacles, solutions) through the workbook, exactly, and by the form's rules; a file
made before the sheet existed still imports and leaves the analyses alone."""

import io
from decimal import Decimal as D

from openpyxl import load_workbook

from agencies.models import Agency
from indicators.models import Indicator, IndicatorAnalysis
from workbook import spec
from workbook.export import export_workbook
from workbook.importer import import_workbook

from .test_workbook import agency, demo, edited  # noqa: F401 - demo is a fixture


def analysed(code="S2.1", **values):
    indicator = Indicator.objects.get(period__agency__slug="pati", code=code)
    defaults = {
        "standard": D("60.5"),
        "standard_level": "nasional",
        "standard_source": "Kementerian Koperasi dan UKM",
        "standard_year": 2019,
        "causes": "Pendampingan belum merata.\n\nDua paragraf.",
        "obstacles": "RAT terlambat.",
        "solutions": "",
    }
    return IndicatorAnalysis.objects.create(indicator=indicator, year=2020, **{**defaults, **values})


def sheet_rows(data: bytes, name: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data))[name].iter_rows(values_only=True))


def test_the_round_trip_through_an_empty_database_is_exact(demo):  # noqa: F811 - the fixture
    analysed()
    analysed("T1.1", standard=None, standard_level="", standard_source="", standard_year=None, causes="Baik.")
    first = export_workbook(agency("pati"), 2020)
    assert sheet_rows(first, spec.ANALISIS)[0] == tuple(spec.HEADERS[spec.ANALISIS])
    Agency.objects.all().delete()
    result = import_workbook(first, 2020, slug="pati")
    assert result.ok, result.errors
    assert result.counts["analisis"] == 2
    again = export_workbook(agency("pati"), 2020)
    assert sheet_rows(again, spec.ANALISIS) == sheet_rows(first, spec.ANALISIS)
    stored = IndicatorAnalysis.objects.get(indicator__code="S2.1")
    assert (stored.standard, stored.standard_level, stored.standard_year) == (D("60.5"), "nasional", 2019)
    assert stored.causes == "Pendampingan belum merata.\n\nDua paragraf."


def test_a_standard_without_its_source_is_a_row_error(demo):  # noqa: F811 - the fixture
    analysed()
    data = edited(export_workbook(agency("pati"), 2020), {(spec.ANALISIS, "E2"): None})
    result = import_workbook(data, 2020, agency=agency("pati"))
    assert not result.ok
    assert any(
        e.sheet == spec.ANALISIS and e.row == 2 and "Sebutkan sumber standar" in e.message for e in result.errors
    )


def test_a_file_without_the_sheet_imports_and_keeps_the_analyses_even_in_replace_mode(demo):  # noqa: F811
    analysed()
    book = load_workbook(io.BytesIO(export_workbook(agency("pati"), 2020)))
    del book[spec.ANALISIS]
    out = io.BytesIO()
    book.save(out)
    result = import_workbook(out.getvalue(), 2020, agency=agency("pati"), replace=True)
    assert result.ok, result.errors
    assert IndicatorAnalysis.objects.count() == 1
    # With the sheet and without the row, replace mode removes it.
    empty = edited(export_workbook(agency("pati"), 2020), {(spec.ANALISIS, c + "2"): None for c in "ABCDEFGHI"})
    assert import_workbook(empty, 2020, agency=agency("pati"), replace=True).ok
    assert not IndicatorAnalysis.objects.exists()


def test_the_template_has_the_sheet_with_its_drop_down():
    from workbook.export import template_workbook

    sheet = load_workbook(io.BytesIO(template_workbook()))[spec.ANALISIS]
    assert [c.value for c in sheet[1]] == spec.HEADERS[spec.ANALISIS]
    assert any(dv.formula1 == '"Nasional,Provinsi,Lainnya"' for dv in sheet.data_validations.dataValidation)
