"""The LKjIP of one agency and year, assembled from stored data.

`build_document` loads everything once, scores it with the capaian engine and returns
plain objects, so the templates (HTML, PDF) and the JSON export run no queries and
compute nothing: every number they print comes from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from agencies.models import Agency
from budget.models import BudgetItem, spending_split_for
from budget.money import Money
from budget.tree import BudgetNode, BudgetTree, budget_tree
from cascade.scoring import Cascade, build_cascade
from cascade.tree import tree_figure
from core.nip import format_nip
from datatables.models import DataTable
from datatables.sections import CHAPTER_OF
from indicators import capaian as engine
from indicators.models import Goal, IndicatorAnalysis, IndicatorResult, Mission
from indicators.results import AgencyYearResults, GoalResult, agency_year_results
from indicators.values import target_text
from organisation.chart import org_chart
from organisation.profile import AgencyProfile, agency_profile

from . import charts, defaults
from .checks import Check, cascade_report_checks, consistency_checks
from .models import Picture, Report, Section
from .narrative import render_narrative
from .pictures import embed, picture_ids
from .tables import TableNumbers, TableRef

STATUS_LABELS = engine.STATUS_LABELS


@dataclass
class Text:
    """A narrative section: what staff wrote, or default text generated from the data."""

    html: str
    generated: bool
    source: str = ""  # the Markdown it was rendered from: generated text is where an editor starts


@dataclass
class ProgramIndicatorRow:
    """The output/outcome indicator of one program, kegiatan or sub-kegiatan."""

    node: BudgetNode

    @property
    def capaian(self) -> Decimal | None:
        item = self.node.item
        return engine.capaian(item.indicator_target, item.indicator_realization)

    @property
    def cost_per_unit(self) -> Decimal | None:
        """Rupiah spent per unit of output: only where both are known and complete."""
        if self.node.is_partial:
            return None
        return engine.cost_per_outcome(self.node.realisasi, self.node.item.indicator_realization)


def program_indicator_rows(nodes: list[BudgetNode]) -> list[ProgramIndicatorRow]:
    """Every line with an indicator in these subtrees, in print order."""
    return [ProgramIndicatorRow(n) for root in nodes for n in root.walk() if n.item.indicator_name]


@dataclass
class HistoryRow:
    year: int
    result: IndicatorResult


@dataclass
class IndicatorAnalysisView:
    """BAB III's analysis of one indicator: its standard (and the computed comparison),
    the causes, obstacles and solutions: written by staff, or generated where they
    wrote none (marked as such)."""

    result: IndicatorResult
    analysis: IndicatorAnalysis | None
    against_standard: Decimal | None  # the realization's capaian against the standard
    causes: Text
    obstacles: Text
    solutions: Text

    @property
    def has_standard(self) -> bool:
        return self.analysis is not None and self.analysis.standard is not None


@dataclass
class GoalAnalysis:
    """Everything BAB III says about one tujuan or sasaran."""

    number: str
    goal: Goal
    result: GoalResult
    history: dict[int, list[HistoryRow]]
    supporting: list[BudgetNode]
    money: Money
    efficiency: Decimal | None
    text: Text
    charts: list[tuple[IndicatorResult, str | None, TableRef | None]]
    table_year: TableRef
    table_history: TableRef
    table_progress: TableRef
    table_standard: TableRef
    # Numbered after the analysis text and its data tables, which print before them.
    table_efficiency: TableRef | None = None
    table_programs: TableRef | None = None  # None: no program indicator to print, so no table
    history_years: list[int] = field(default_factory=list)
    data_tables: list[PlacedTable] = field(default_factory=list)
    indicators: list[IndicatorAnalysisView] = field(default_factory=list)

    @property
    def program_rows(self) -> list[ProgramIndicatorRow]:
        return program_indicator_rows(self.supporting)

    @property
    def is_efficient(self) -> bool | None:
        return engine.is_efficient(self.efficiency)


@dataclass
class Signatory:
    """A signature block: the title, the name (an empty line when unknown, never
    invented), the rank and the NIP."""

    title: str
    name: str = ""
    rank: str = ""
    nip: str = ""

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip)


@dataclass
class ReportDocument:
    agency: Agency
    year: int
    report: Report | None
    missions: list[Mission]
    results: AgencyYearResults
    tree: BudgetTree
    checks: list[Check]
    texts: dict[str, Text]
    analyses: list[GoalAnalysis]
    tables: TableNumbers
    total: Money
    direct: Money
    indirect: Money
    by_source: list[tuple[str, Money]]
    budget_chart: str | None
    figures: TableNumbers = field(default_factory=lambda: TableNumbers(anchor_prefix="gambar"))
    budget_figure: TableRef | None = None
    has_spending_split: bool = True  # belanja langsung / tidak langsung (before Permendagri 90/2019)
    # Program indicators under no sasaran of this report: printed apart, never dropped.
    other_program_rows: list[ProgramIndicatorRow] = field(default_factory=list)
    table_refs: dict[str, TableRef] = field(default_factory=dict)
    profile: AgencyProfile | None = None  # BAB I: tugas/fungsi, organisation, staff, assets
    data_tables: dict[str, list[PlacedTable]] = field(default_factory=dict)  # by section key
    # Data tables placed where the report prints nothing (a sasaran without indicators).
    unplaced_tables: list[DataTable] = field(default_factory=list)
    org_chart: str | None = None
    org_figure: TableRef | None = None
    # The cascade (pohon kinerja) when the agency keeps one for the year: BAB II prints
    # its figure and the Lampiran its units' PK and what the cascade checks found.
    cascade: Cascade | None = None
    cascade_chart: str | None = None
    cascade_figure: TableRef | None = None
    cascade_findings: list[Check] = field(default_factory=list)
    status_labels: dict[str, str] = field(default_factory=lambda: STATUS_LABELS)
    built_at: datetime = field(default_factory=timezone.localtime)

    @property
    def signatory(self) -> Signatory:
        """The head of agency who signs the Kata Pengantar, the Penutup and the PK: this
        year's signatory where one is set, else the agency's profile."""
        report, agency = self.report, self.agency
        return Signatory(
            title=(report and report.signatory_title) or f"Kepala {agency.name}",
            name=(report and report.signatory_name) or agency.head_name,
            rank=(report and report.signatory_rank) or agency.head_rank,
            nip=(report and report.signatory_nip) or agency.head_nip,
        )

    @property
    def second_party(self) -> Signatory:
        """The PK's second party: this year's, where set, else the head of region (admin data)."""
        region, report = self.agency.region, self.report
        return Signatory(
            title=(report and report.second_party_title) or region.head_title_or_default,
            name=(report and report.second_party_name) or region.head_name,
        )

    @property
    def sign_place(self) -> str:
        report = self.report
        return (report and report.sign_place) or self.agency.sign_place or self.agency.region.name

    @property
    def is_final(self) -> bool:
        """Only a report accepted by its reviewer is final; everything else prints as KONSEP."""
        return self.report is not None and self.report.status == Report.Status.FINAL

    @property
    def agency_names_region(self) -> bool:
        """Whether the agency's name already says its region (printed once on the cover)."""
        return self.agency.region.name.casefold() in self.agency.name.casefold()

    @property
    def status_label(self) -> str:
        return self.report.get_status_display() if self.report else Report.Status.DRAFT.label

    @property
    def period(self):
        return self.results.period

    @property
    def all_program_rows(self) -> list[ProgramIndicatorRow]:
        return program_indicator_rows(self.tree.roots)

    @property
    def renstra_years(self) -> list[int]:
        return list(self.period.years) if self.period else []

    @property
    def indicators(self) -> list[IndicatorResult]:
        return self.results.indicators

    @property
    def goals_with_indicators(self) -> list[GoalResult]:
        return [g for g in self.results.goals if g.indicators]

    @property
    def programs(self) -> list[BudgetNode]:
        return self.tree.programs

    @property
    def emblem(self):
        return self.agency.region.emblem or self.agency.emblem or None  # the Pemda emblem, as printed covers do

    def renstra_targets(self) -> dict[int, list[str]]:
        """Each indicator's Renstra target for every year of the period, as printed."""
        table = {}
        for result in self.indicators:
            by_year = {t.year: t for t in result.indicator.targets.all()}
            table[result.indicator.pk] = [
                target_text(t.renstra, t.renstra_upper, t.renstra_grade) or "-" if (t := by_year.get(y)) else "-"
                for y in self.renstra_years
            ]
        return table

    def quarter_rows(self) -> list[tuple[IndicatorResult, list[Decimal | None]]]:
        """Each indicator's TW I-IV realizations of the report year (Lampiran)."""
        rows = []
        for result in self.indicators:
            quarters = {
                r.quarter: r.value for r in result.indicator.realizations.all() if r.year == self.year and r.quarter
            }
            rows.append((result, [quarters.get(q) for q in range(1, 5)]))
        return rows

    def quarter_budget_rows(self) -> list[tuple[BudgetNode, list[Decimal | None]]]:
        """Each program's (and each unitemized amount's) spending per quarter (Lampiran)."""
        rows = []
        for program in self.tree.roots:
            sums = []
            for quarter in range(4):
                values = [
                    a.quarters[quarter]
                    for node in program.walk()
                    if not node.children
                    for a in node.item.allocations.all()
                ]
                sums.append(engine.total(values))
            rows.append((program, sums))
        return rows


def _text(sections: dict, key: str, generated: str, goal: Goal | None = None, figures: dict | None = None) -> Text:
    """A section as printed; `figures` maps its pictures' ids to (TableRef, Picture)."""
    written = sections.get((key, goal.pk if goal else None))
    if written and written.body.strip():
        return Text(embed(render_narrative(written.body), figures), generated=False, source=written.body)
    return Text(render_narrative(generated), generated=True, source=generated)


@dataclass(frozen=True)
class PlacedTable:
    """A data table of the agency where the report prints it, with its number."""

    ref: TableRef
    table: DataTable


@dataclass
class SectionNumbers:
    """Numbers what each section prints besides its words, as the sections are reached
    in print order: the pictures its text names (figures), then the agency's data
    tables placed in it (tables). A section is placed once, between the tables printed
    before it and those printed after it, so every list stays in print order."""

    sections: dict
    pictures: dict[int, Picture]
    figures: TableNumbers
    tables: TableNumbers
    data_tables: dict  # (key, goal id) -> [DataTable], in order
    placed: dict = field(default_factory=dict)  # (key, goal id) -> {picture id: (TableRef | None, Picture)}
    placed_tables: dict = field(default_factory=dict)  # (key, goal id) -> [PlacedTable]

    def place(self, key: str, goal: Goal | None = None) -> None:
        where = (key, goal.pk if goal else None)
        written = self.sections.get(where)
        chapter = CHAPTER_OF[key]
        found = {}
        for picture_id in picture_ids(written.body if written else ""):
            picture = self.pictures.get(picture_id)
            if picture is not None:
                found[picture_id] = (self.figures.add(chapter, picture.caption) if chapter else None, picture)
        self.placed[where] = found
        if chapter:  # the front matter holds no data table (they are numbered)
            self.placed_tables[where] = [
                PlacedTable(self.tables.add(chapter, table.title), table) for table in self.data_tables.get(where, [])
            ]

    def of(self, key: str, goal: Goal | None = None) -> dict:
        return self.placed.get((key, goal.pk if goal else None), {})

    def tables_of(self, key: str, goal: Goal | None = None) -> list[PlacedTable]:
        return self.placed_tables.get((key, goal.pk if goal else None), [])

    def unplaced(self) -> list[DataTable]:
        """Data tables of a section the report did not print (a sasaran without indicators)."""
        return [t for where, tables in self.data_tables.items() if where not in self.placed_tables for t in tables]


def _top_supporting(tree: BudgetTree, goal: Goal) -> list[BudgetNode]:
    """Budget lines linked to `goal`, without counting a child whose parent is counted."""
    linked = []
    for root in tree.roots:
        stack = [root]
        while stack:
            node = stack.pop()
            if any(link.goal_id == goal.pk for link in node.item.goal_links.all()):
                linked.append(node)
            else:
                stack.extend(reversed(node.children))
    return linked


def generated_text(doc: ReportDocument, key: str, goal: Goal | None = None) -> str:
    """The text the report prints for a section while staff have written none."""
    if key == Section.Key.ANALISIS_SASARAN:
        analysis = next((a for a in doc.analyses if goal is not None and a.goal.pk == goal.pk), None)
        return defaults.goal_analysis(analysis, doc.year) if analysis else ""
    return defaults.generate(key, doc)


def build_document(agency: Agency, year: int) -> ReportDocument:
    """The whole report. Tables and figures are numbered in the order they print, so the
    steps below follow the chapters: each section is placed where its text prints."""
    results = agency_year_results(agency, year)
    tree = budget_tree(agency, year)
    report = Report.objects.filter(agency=agency, year=year).first()
    sections = {(s.key, s.goal_id): s for s in report.sections.all()} if report else {}
    missions = list(results.period.missions.all()) if results.period else []
    tables = TableNumbers()
    figures = TableNumbers(anchor_prefix="gambar")
    numbers = SectionNumbers(
        sections, _named_pictures(agency, year, sections), figures, tables, _data_tables(agency, year)
    )
    for key in (
        Section.Key.KATA_PENGANTAR,
        Section.Key.IKHTISAR,
        Section.Key.LATAR_BELAKANG,
        Section.Key.MAKSUD_TUJUAN,
        Section.Key.DASAR_HUKUM,
        Section.Key.GAMBARAN_UMUM,  # then the organisation chart and tables, printed below it
    ):
        numbers.place(key)
    profile = agency_profile(agency.pk, year)
    chart = org_chart(profile.units)
    org_figure = figures.add("1", f"Struktur Organisasi {agency.name}") if chart else None
    refs = _profile_tables(profile, tables, year)
    numbers.place(Section.Key.ISU_STRATEGIS)
    numbers.place(Section.Key.SISTEMATIKA)
    numbers.place(Section.Key.RENSTRA)
    refs["renstra"] = tables.add("2", f"Tujuan, Sasaran, Indikator dan Target Renstra {_period_label(results)}")
    numbers.place(Section.Key.PERJANJIAN_KINERJA)
    refs["pk"] = tables.add("2", f"Perjanjian Kinerja Tahun {year}")
    refs["program_plan"] = tables.add("2", f"Program dan Anggaran Tahun {year}")
    cascade = build_cascade(agency, year, results)
    cascade_chart = tree_figure(cascade) if cascade.exists else None
    cascade_figure = figures.add("2", f"Pohon Kinerja {agency.name} Tahun {year}") if cascade_chart else None
    numbers.place(Section.Key.CAPAIAN_KINERJA)
    refs["iku"] = tables.add("3", f"Capaian Indikator Kinerja Utama Tahun {year}")
    written = (
        {a.indicator_id: a for a in IndicatorAnalysis.objects.filter(indicator__period=results.period, year=year)}
        if results.period
        else {}
    )
    analyses = []
    for number, goal_result in enumerate((g for g in results.goals if g.indicators), 1):
        analyses.append(_analyse(number, goal_result, results, tree, sections, numbers, year, written))
    covered = {n.item.pk for a in analyses for root in a.supporting for n in root.walk()}
    other_program_rows = [r for r in program_indicator_rows(tree.roots) if r.node.item.pk not in covered]
    if other_program_rows:  # the Daftar Tabel lists only tables the report prints
        refs["other_programs"] = tables.add("3", f"Kinerja Program dan Kegiatan Lain Tahun {year}")
    numbers.place(Section.Key.REALISASI_ANGGARAN)
    refs["budget"] = tables.add("3", f"Realisasi Anggaran per Program dan Kegiatan Tahun {year}")
    refs["sources"] = tables.add("3", f"Realisasi Anggaran per Sumber Dana Tahun {year}")
    budget_chart = charts.budget_absorption([(f"{n.item.code}", n.serapan) for n in tree.programs if n.pagu])
    budget_figure = figures.add("3", f"Serapan Anggaran per Program Tahun {year}") if budget_chart else None
    numbers.place(Section.Key.PENUTUP)
    refs["lampiran_pk"] = tables.add("L", f"Perjanjian Kinerja Tahun {year}")
    refs["lampiran_pk_programs"] = tables.add("L", f"Program dan Anggaran Perjanjian Kinerja Tahun {year}")
    refs["lampiran_measure"] = tables.add("L", f"Pengukuran Kinerja Tahun {year}")
    refs["lampiran_quarters"] = tables.add("L", f"Realisasi Kinerja dan Anggaran per Triwulan Tahun {year}")
    if program_indicator_rows(tree.roots):
        refs["lampiran_programs"] = tables.add("L", f"Kinerja Program, Kegiatan dan Sub-kegiatan Tahun {year}")
    findings = cascade_report_checks(cascade)
    if cascade.exists:
        refs["lampiran_cascade_units"] = tables.add("L", f"Perjanjian Kinerja dan Capaian Unit Kerja Tahun {year}")
        refs["lampiran_cascade_findings"] = tables.add("L", f"Hasil Pemeriksaan Kaskade Kinerja Tahun {year}")

    doc = ReportDocument(
        agency=agency,
        year=year,
        report=report,
        missions=missions,
        results=results,
        tree=tree,
        checks=consistency_checks(results, tree) + findings,
        texts={},
        analyses=analyses,
        tables=tables,
        total=tree.total(),
        direct=tree.total(BudgetItem.SpendingType.DIRECT),
        indirect=tree.total(BudgetItem.SpendingType.INDIRECT),
        by_source=_by_source(tree),
        budget_chart=budget_chart,
        has_spending_split=spending_split_for(agency.pk, year),
        figures=figures,
        budget_figure=budget_figure,
        other_program_rows=other_program_rows,
        table_refs=refs,
        profile=profile,
        org_chart=chart,
        org_figure=org_figure,
        cascade=cascade if cascade.exists else None,
        cascade_chart=cascade_chart,
        cascade_figure=cascade_figure,
        cascade_findings=findings,
        data_tables={key: placed for (key, goal_id), placed in numbers.placed_tables.items() if goal_id is None},
        unplaced_tables=numbers.unplaced(),
    )
    for key, _label in Section.Key.choices:
        if key != Section.Key.ANALISIS_SASARAN:
            doc.texts[key] = _text(sections, key, defaults.generate(key, doc), figures=numbers.of(key))
    return doc


def _data_tables(agency: Agency, year: int) -> dict:
    """The agency's data tables of the year by the section (and sasaran) they print in."""
    placed: dict = {}
    for table in DataTable.objects.filter(agency=agency, year=year).order_by("order", "code"):
        placed.setdefault((table.section, table.goal_id), []).append(table)
    return placed


def _named_pictures(agency: Agency, year: int, sections: dict) -> dict[int, Picture]:
    """The year's pictures that some section names (only those are loaded: they are large)."""
    named = {n for section in sections.values() for n in picture_ids(section.body)}
    return {p.pk: p for p in Picture.objects.filter(agency=agency, year=year, pk__in=named)} if named else {}


def _profile_tables(profile: AgencyProfile, tables: TableNumbers, year: int) -> dict[str, TableRef]:
    """Number BAB I's tables (only those printed): units, each staff breakdown, assets."""
    refs = {}
    if profile.units:
        refs["units"] = tables.add("1", f"Susunan Organisasi dan Pejabat Tahun {year}")
    for staff in profile.staff_tables:
        staff.table = tables.add("1", f"Jumlah Pegawai menurut {staff.label} Tahun {year}")
    if profile.assets:
        refs["assets"] = tables.add("1", f"Sarana dan Prasarana Tahun {year}")
    return refs


def _period_label(results: AgencyYearResults) -> str:
    return f"{results.period.start_year}-{results.period.end_year}" if results.period else ""


def _analyse(number, goal_result, results, tree, sections, numbers, year, written) -> GoalAnalysis:
    figures, tables = numbers.figures, numbers.tables
    goal = goal_result.goal
    start = results.period.start_year
    history = {}
    for current in goal_result.indicators:
        indicator = current.indicator
        history[indicator.pk] = [
            HistoryRow(y, indicator.result_for(y, results.context)) for y in range(start, year + 1)
        ]
    supporting = _top_supporting(tree, goal)
    money = Money.total(supporting)
    efficiency = engine.efficiency(goal_result.capaian, money.serapan)
    chart_list = []
    for current in goal_result.indicators:
        series = [
            (y, r.target, r.realization)
            for y, r in ((y, current.indicator.result_for(y, results.context)) for y in results.period.years)
        ]
        chart = charts.target_vs_realization(current.indicator.name, current.indicator.unit, series)
        figure = figures.add("3", f"Target dan Realisasi {current.indicator.name}") if chart else None
        chart_list.append((current, chart, figure))
    label = f"{goal.get_kind_display()} {goal.statement}"
    analysis = GoalAnalysis(
        number=f"3.1.{number}",
        goal=goal,
        result=goal_result,
        history=history,
        supporting=supporting,
        money=money,
        efficiency=efficiency,
        text=Text("", True),
        charts=chart_list,
        table_year=tables.add("3", f"Target dan Realisasi {year}: {label}"),
        table_history=tables.add("3", f"Perbandingan dengan Tahun Sebelumnya: {label}"),
        table_progress=tables.add("3", f"Kemajuan terhadap Target Akhir Renstra: {label}"),
        table_standard=tables.add("3", f"Perbandingan dengan Standar Nasional/Provinsi: {label}"),
        history_years=list(range(start, year + 1)),
    )
    numbers.place(Section.Key.ANALISIS_SASARAN, goal)  # printed after the goal's charts
    analysis.data_tables = numbers.tables_of(Section.Key.ANALISIS_SASARAN, goal)
    analysis.table_efficiency = tables.add("3", f"Efisiensi Penggunaan Sumber Daya: {label}")
    if program_indicator_rows(supporting):
        analysis.table_programs = tables.add("3", f"Kinerja Program dan Kegiatan Pendukung: {label}")
    analysis.text = _text(
        sections,
        Section.Key.ANALISIS_SASARAN,
        defaults.goal_analysis(analysis, year),
        goal,
        figures=numbers.of(Section.Key.ANALISIS_SASARAN, goal),
    )
    analysis.indicators = [_indicator_analysis(r, written.get(r.indicator.pk), results) for r in goal_result.indicators]
    return analysis


def _indicator_analysis(result: IndicatorResult, written: IndicatorAnalysis | None, results) -> IndicatorAnalysisView:
    against = None
    if written is not None and written.standard is not None and not result.indicator.is_grade:
        against = engine.capaian(
            written.standard, result.realization, result.indicator.polarity, results.context.negative_method
        )

    def text(field_name: str) -> Text:
        body = getattr(written, field_name, "") if written else ""
        if body.strip():
            return Text(render_narrative(body), generated=False, source=body)
        generated = defaults.indicator_analysis(field_name, result)
        return Text(render_narrative(generated), generated=True, source=generated)

    return IndicatorAnalysisView(
        result=result,
        analysis=written,
        against_standard=against,
        causes=text("causes"),
        obstacles=text("obstacles"),
        solutions=text("solutions"),
    )


def _by_source(tree: BudgetTree) -> list[tuple[str, Money]]:
    """Totals per funding source, over the leaves (the lines that carry the money)."""
    rows: dict[str, list[Money]] = {}
    for node in tree.nodes():
        if node.children:
            continue
        for allocation in node.item.allocations.all():
            rows.setdefault(allocation.source.code, []).append(Money.of_line(allocation.pagu, allocation.realisasi))
    return [(code, Money.total(lines)) for code, lines in sorted(rows.items())]
