"""Export an agency-year to the workbook: functions yield rows, one writer renders them.

User text is always written as text: a value starting with `=` (or `+ - @`) never
becomes a formula in Excel.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from agencies.models import Agency
from budget.models import BudgetItem, BudgetYear
from cascade.models import GoalSupport
from indicators.models import Goal, Indicator, PredicateScale, RenstraPeriod
from indicators.values import target_text

from . import spec
from .cascade_sheets import export_rows as cascade_rows
from .datatable_sheets import export_rows as datatable_rows
from .organisation_sheets import export_rows as organisation_rows

HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")
NUMBER_FORMAT = "#,##0.####"
WIDTHS = {"Nama": 50, "Uraian": 60, "Nilai": 70, "Formula": 40, "Keterangan": 40, "Indikator": 40}
FORMULA_STARTS = ("=", "+", "-", "@")


def _number(value: Decimal | None):
    """Numbers go to Excel as numbers (int when whole, so no float noise appears)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _target(value, upper, grade):
    """A target cell: a number, or text for a range ("80 - 90") or a grade."""
    if grade or upper is not None:
        return target_text(value, upper, grade)
    return _number(value)


def instansi_rows(agency: Agency, period: RenstraPeriod | None, year: int) -> Iterator[list]:
    yield ["Nama Instansi", agency.name]
    yield ["Pemda", agency.region.name]
    yield ["Alamat", agency.address]
    yield ["Nama Kepala", agency.head_name]
    yield ["Pangkat Kepala", agency.head_rank]
    yield ["NIP Kepala", agency.head_nip]
    yield ["Periode Renstra", f"{period.start_year}-{period.end_year}" if period else ""]
    yield ["Visi", period.vision if period else ""]
    scale = PredicateScale.objects.for_region(agency.region)
    chosen = BudgetYear.objects.filter(agency=agency, year=year).values_list("nomenclature", flat=True).first()
    yield [spec.NOMENCLATURE_KEY, spec.label_of(spec.NOMENCLATURE, chosen or "")]
    yield [spec.MEAN_CAP_KEY, spec.label_of(spec.MEAN_CAP, scale.mean_cap if scale else 100) or "Tanpa batas"]
    for mission in period.missions.all() if period else []:
        yield [spec.MISI, mission.text]


def sasaran_rows(goals: list[Goal]) -> Iterator[list]:
    codes = {g.pk: g.code for g in goals}
    supported = dict(GoalSupport.objects.filter(goal__in=goals).values_list("goal_id", "region_goal__code"))
    for goal in goals:
        parent = codes.get(goal.parent_id, "")
        yield [goal.code, spec.label_of(spec.GOAL_KIND, goal.kind), parent, goal.statement, supported.get(goal.pk, "")]


def indikator_rows(indicators: list[Indicator]) -> Iterator[list]:
    for i in indicators:
        yield [
            i.code,
            i.goal.code,
            i.name,
            i.unit,
            spec.label_of(spec.POLARITY, i.polarity),
            spec.label_of(spec.VALUE_KIND, i.value_kind),
            spec.label_of(spec.YES_NO, i.cumulative),
            spec.label_of(spec.ROLLUP, i.quarter_rollup),
            i.formula,
            i.numerator_label,
            i.denominator_label,
            i.data_source,
            i.responsible_unit,
            spec.label_of(spec.CALCULATION, i.calculation),
            _number(i.end_target),
            spec.label_of(spec.YES_NO, i.allow_negative),
        ]


def target_rows(indicators: list[Indicator]) -> Iterator[list]:
    for i in indicators:
        for t in i.targets.all():
            yield [
                i.code,
                t.year,
                _target(t.renstra, t.renstra_upper, t.renstra_grade),
                _target(t.agreement, t.agreement_upper, t.agreement_grade),
                _target(t.agreement_revised, t.agreement_revised_upper, t.agreement_revised_grade),
            ]


def realisasi_rows(indicators: list[Indicator]) -> Iterator[list]:
    for i in indicators:
        for r in i.realizations.all():
            period = spec.label_of(spec.PERIOD, r.quarter)
            value = r.grade or _number(r.value)
            yield [i.code, r.year, period, value, _number(r.numerator), _number(r.denominator), r.note]


def analisis_rows(indicators: list[Indicator]) -> Iterator[list]:
    for i in indicators:
        for a in i.analyses.all():
            yield [
                i.code,
                a.year,
                _number(a.standard),
                spec.label_of(spec.STANDARD_LEVEL, a.standard_level),
                a.standard_source,
                a.standard_year,
                a.causes,
                a.obstacles,
                a.solutions,
            ]


def anggaran_rows(items: list[BudgetItem]) -> Iterator[list]:
    codes = {item.pk: item.code for item in items}
    for item in items:
        base = [
            item.code,
            spec.label_of(spec.LEVEL, item.level),
            codes.get(item.parent_id, ""),
            item.name,
            item.supported_goal_codes,
            item.indicator_name,
            item.indicator_unit,
            _number(item.indicator_target),
            _number(item.indicator_realization),
        ]
        allocations = list(item.allocations.all())
        if not allocations:
            yield [*base, "", None, None, None, None, None, None]
        for a in allocations:
            yield [*base, a.source.code, _number(a.pagu), _number(a.realisasi), *(_number(q) for q in a.quarters)]


def workbook_rows(agency: Agency, year: int) -> dict[str, Iterator[list]]:
    """Every sheet's rows for one agency and year (the Renstra covering that year)."""
    period = RenstraPeriod.objects.filter(agency=agency).covering(year).prefetch_related("missions").first()
    goals = list(Goal.objects.filter(period=period).order_by("order", "code")) if period else []
    indicators = (
        list(
            Indicator.objects.filter(period=period)
            .select_related("goal")
            .prefetch_related("targets", "realizations", "analyses")
            .order_by("goal__order", "goal__code", "order", "code")
        )
        if period
        else []
    )
    items = list(
        BudgetItem.objects.filter(agency=agency, year=year)
        .prefetch_related("allocations__source", "goal_links__goal")
        .order_by("order", "code")
    )
    return {
        spec.INSTANSI: instansi_rows(agency, period, year),
        spec.SASARAN: sasaran_rows(goals),
        spec.INDIKATOR: indikator_rows(indicators),
        spec.TARGET: target_rows(indicators),
        spec.REALISASI: realisasi_rows(indicators),
        spec.ANGGARAN: anggaran_rows(items),
        spec.ANALISIS: analisis_rows(indicators),
        **{name: iter(rows) for name, rows in organisation_rows(agency, year).items()},
        **{name: iter(rows) for name, rows in datatable_rows(agency, year).items()},
        **{name: iter(rows) for name, rows in cascade_rows(agency, year).items()},
    }


def write_cell(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        if value.startswith(FORMULA_STARTS):
            # Stored as a string, shown as typed: never evaluated by Excel.
            cell.data_type = TYPE_STRING
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def render_workbook(sheets: dict[str, Iterator[list]]) -> bytes:
    """Write the rows with bold frozen headers, widths, number formats and drop-downs."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in spec.SHEETS:
        sheet = workbook.create_sheet(name)
        headers = spec.columns(name)
        for column, header in enumerate(headers, 1):
            cell = sheet.cell(row=1, column=column, value=header)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(header, max(12, len(header) + 4))
        sheet.freeze_panes = "A2"
        number_columns = {i for i, h in enumerate(headers, 1) if (name, h) in spec.NUMBER_COLUMNS}
        last_row = 1
        for row_number, row in enumerate(sheets.get(name, ()), 2):
            for column, value in enumerate(row, 1):
                cell = write_cell(sheet, row_number, column, value)
                if column in number_columns:
                    cell.number_format = NUMBER_FORMAT
            last_row = row_number
        _add_dropdowns(sheet, name, headers, max(last_row, 200))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_dropdowns(sheet, name: str, headers: list[str], rows: int) -> None:
    for column, header in enumerate(headers, 1):
        choices = spec.VOCABULARIES.get((name, header))
        if not choices:
            continue
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Pilihan tidak dikenal",
            error="Pilih salah satu: " + ", ".join(choices),
        )
        letter = get_column_letter(column)
        validation.add(f"{letter}2:{letter}{rows}")
        sheet.add_data_validation(validation)


def export_workbook(agency: Agency, year: int) -> bytes:
    return render_workbook(workbook_rows(agency, year))


def template_workbook() -> bytes:
    """The empty workbook: headers, drop-downs and the Instansi keys to fill in."""
    instansi = [[key, ""] for key in spec.INSTANSI_KEYS] + [[spec.MISI, ""]]
    return render_workbook({spec.INSTANSI: iter(instansi)})
