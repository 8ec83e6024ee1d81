"""Import a workbook into an agency-year: validate every row, then save all or nothing.

Rows are created or updated by code. Nothing the file does not mention is deleted,
unless `replace` is chosen: then goals, indicators, targets, realizations and budget
lines of that Renstra / year that the file does not list are removed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.db import transaction
from django.utils.text import slugify

from agencies.access import lock_reasons, plan_locked_message
from agencies.models import Agency, Region
from agencies.versioning import bumped_once, mark_changed
from budget.defaults import UNSPECIFIED as UNSPECIFIED_SOURCE
from budget.models import BudgetAllocation, BudgetItem, BudgetYear, FundingSource, set_supported_goals
from cascade.models import GoalSupport
from cascade.region import region_sasaran
from core.audit import bulk_create_audited
from indicators import capaian as engine
from indicators.actions import set_region_mean_cap
from indicators.models import (
    Goal,
    Indicator,
    IndicatorAnalysis,
    Mission,
    PredicateScale,
    Realization,
    RenstraPeriod,
    Target,
)
from indicators.values import parse_target
from organisation.models import OrgUnit

from . import cascade_sheets, datatable_sheets, organisation_sheets, spec
from .cascade_sheets import CascadePlan
from .cells import (
    MAX_ERRORS,
    Invalid,
    Validator,
    choice,
    duplicate,
    money,
    optional_year,
    text,
    too_long,
    value4,
    year,
)
from .changes import ChangeRecorder, ChangeSummary
from .datatable_sheets import TablePlan
from .organisation_sheets import OrganisationPlan
from .reader import Issue, Row, Sheet, WorkbookRefused, column_letter, open_workbook


def instansi_limit(key: str | None) -> int | None:
    """The length limit of an Instansi row's value (the agency's identity, the vision, a mission)."""
    if key in IDENTITY_FIELDS:
        return Agency._meta.get_field(IDENTITY_FIELDS[key]).max_length
    model_field = {"Visi": (RenstraPeriod, "vision"), spec.MISI: (Mission, "text")}.get(key)
    return model_field[0]._meta.get_field(model_field[1]).max_length if model_field else None


@dataclass
class ImportResult:
    agency: Agency | None = None
    errors: list[Issue] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    error_count: int = 0  # every error found; `errors` keeps the first MAX_ERRORS
    rows_read: int = 0
    changes: ChangeSummary | None = None  # what was (or, in a dry run, would be) changed
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def goal_codes(cell_text: str) -> list[str]:
    """A line may support several sasaran: codes separated by commas, semicolons or lines."""
    return list(dict.fromkeys(code.strip() for code in re.split(r"[,;\n]", cell_text or "") if code.strip()))


def target_value(value, grade: bool) -> tuple[Decimal | None, Decimal | None, str]:
    """A target cell: number, range "80 - 90", or grade (the grid's own parser)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None, ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool) and not grade:
        return value4(value), None, ""
    try:
        parsed = parse_target(text(value), grade)
    except forms.ValidationError as error:
        raise Invalid(" ".join(error.messages)) from None
    return parsed.value, parsed.upper, parsed.grade


@dataclass
class Plan:
    """Everything the file says, validated, ready to be saved."""

    instansi: dict[str, str] = field(default_factory=dict)
    missions: list[str] = field(default_factory=list)
    start_year: int | None = None
    end_year: int | None = None
    goals: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    realizations: list[dict] = field(default_factory=list)
    analyses: list[dict] | None = None  # None: the file has no Analisis sheet
    organisation: OrganisationPlan | None = None  # BAB I's profile (organisation_sheets)
    data_tables: list[TablePlan] | None = None  # None: the file has no Tabel Data sheets
    cascade: CascadePlan | None = None  # None: the file has no cascade sheets
    iku_plans: list[dict] | None = None  # None: the file has no Rencana Aksi IKU sheet
    items: list[dict] = field(default_factory=list)
    mean_cap: tuple[bool, int | None] = (False, None)  # (given in the file, value)
    nomenclature: str | None = None  # None: not given in the file


def validate(
    sheets: dict[str, Sheet], year_: int, region: Region | None = None, agency: Agency | None = None
) -> tuple[Plan, Validator]:
    v = Validator(sheets)
    plan = Plan()
    _validate_instansi(v, sheets[spec.INSTANSI], plan, year_)
    goal_kinds = _validate_goals(v, sheets[spec.SASARAN], plan)
    indicator_kinds = _validate_indicators(v, sheets[spec.INDIKATOR], plan, goal_kinds)
    _validate_targets(v, sheets[spec.TARGET], plan, indicator_kinds)
    _validate_realizations(v, sheets[spec.REALISASI], plan, indicator_kinds)
    plan.iku_plans = cascade_sheets.validate_iku_plans(v, sheets, indicator_kinds)
    if spec.ANALISIS in sheets:
        _validate_analyses(v, sheets[spec.ANALISIS], plan, indicator_kinds)
    region = region or Region.objects.filter(name=plan.instansi.get("Pemda", "")).first()
    _validate_budget(v, sheets[spec.ANGGARAN], plan, goal_kinds, region)
    _validate_region_goals(v, plan, region)
    plan.organisation = organisation_sheets.validate(v, sheets)
    plan.data_tables = datatable_sheets.validate(v, sheets, goal_kinds)
    stored_units = OrgUnit.objects.filter(agency=agency, year=year_).select_related("parent") if agency else []
    plan.cascade = cascade_sheets.validate(
        v, sheets, goal_kinds, plan.organisation.units, [i["code"] for i in plan.items], stored_units
    )
    return plan, v


def _validate_instansi(v: Validator, sheet: Sheet, plan: Plan, year_: int) -> None:
    name = spec.INSTANSI
    for row in sheet.rows:
        key = v.cell(name, row, "Kolom", text)
        value = v.cell(name, row, "Nilai", text)
        if key is None:
            continue
        match = next((k for k in [*spec.INSTANSI_KEYS, spec.MISI] if k.lower() == key.lower()), None)
        limit = instansi_limit(match)
        if limit and value and len(value) > limit:
            v.error(name, row, "Nilai", too_long(value, limit))
            continue
        if match is None:
            v.error(name, row, "Kolom", f"'{key}' tidak dikenal; pilihan: {', '.join(spec.INSTANSI_KEYS)}, Misi.")
        elif match == spec.MISI:
            if value:
                plan.missions.append(value)
        else:
            plan.instansi[match] = value or ""
            if match == "Periode Renstra":
                _parse_period(v, row, value or "", plan, year_)
            elif match == spec.MEAN_CAP_KEY and value:
                _parse_mean_cap(v, row, value, plan)
            elif match == spec.NOMENCLATURE_KEY and value:
                _parse_nomenclature(v, row, value, plan)
    if not plan.instansi.get("Periode Renstra"):
        v.error(name, None, "", "Baris 'Periode Renstra' (mis. 2016-2021) wajib ada.")


def _parse_mean_cap(v: Validator, row: Row, value: str, plan: Plan) -> None:
    text = value.replace("%", "").strip()
    match = next((label for label in spec.MEAN_CAP if label.lower() == text.lower()), None)
    if match is None:
        v.error(
            spec.INSTANSI,
            row,
            "Nilai",
            f"Batas capaian rata-rata '{value}' tidak valid; pilihan: {', '.join(spec.MEAN_CAP)}.",
        )
        return
    plan.mean_cap = (True, spec.MEAN_CAP[match])


def _parse_nomenclature(v: Validator, row: Row, value: str, plan: Plan) -> None:
    match = next((label for label in spec.NOMENCLATURE if label.lower() == value.strip().lower()), None)
    if match is None:
        choices = ", ".join(spec.NOMENCLATURE)
        v.error(spec.INSTANSI, row, "Nilai", f"Nomenklatur anggaran '{value}' tidak dikenal; pilihan: {choices}.")
        return
    plan.nomenclature = spec.NOMENCLATURE[match]


def _parse_period(v: Validator, row: Row, value: str, plan: Plan, year_: int) -> None:
    parts = [p.strip() for p in value.replace("–", "-").split("-")]
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        v.error(spec.INSTANSI, row, "Nilai", f"Periode Renstra '{value}' tidak valid; tulis mis. 2016-2021.")
        return
    start, end = int(parts[0]), int(parts[1])
    if not 2000 <= start < end <= 2100:
        v.error(spec.INSTANSI, row, "Nilai", f"Periode Renstra '{value}' tidak valid; tahun akhir sesudah tahun awal.")
        return
    plan.start_year, plan.end_year = start, end
    if not start <= year_ <= end:
        v.error(spec.INSTANSI, row, "Nilai", f"Tahun laporan {year_} di luar periode Renstra {start}-{end}.")


REGION_GOAL = "Kode Sasaran RPJMD"


def _validate_region_goals(v: Validator, plan: Plan, region: Region | None) -> None:
    """Each RPJMD sasaran named must be one of the region's plans that overlap the Renstra."""
    named = [g for g in plan.goals if g.get("region_goal")]
    if not named or plan.start_year is None:
        return
    known = {g.code: g for g in region_sasaran(region, plan.start_year, plan.end_year)} if region else {}
    for goal in named:
        if not known:  # a region without an RPJMD yet (or a new one): the link waits for it
            v.note(
                spec.SASARAN,
                goal["row"],
                REGION_GOAL,
                f"Pemda belum memiliki RPJMD yang mencakup Renstra ini; sasaran RPJMD '{goal['region_goal']}' "
                "tidak dihubungkan.",
            )
            del goal["region_goal"]
        elif goal["kind"] != Goal.Kind.SASARAN:
            v.error(spec.SASARAN, goal["row"], REGION_GOAL, "Hanya sasaran yang mendukung sasaran RPJMD.")
        elif goal["region_goal"] not in known:
            v.error(
                spec.SASARAN,
                goal["row"],
                REGION_GOAL,
                f"Sasaran RPJMD '{goal['region_goal']}' tidak ada di RPJMD pemda yang mencakup Renstra ini.",
            )


def _validate_goals(v: Validator, sheet: Sheet, plan: Plan) -> dict[str, str]:
    name, seen, kinds, parents, rows = spec.SASARAN, {}, {}, {}, {}
    for row in sheet.rows:
        code = v.cell(name, row, "Kode", text, required=True, label="Kode")
        kind = v.cell(name, row, "Jenis", choice, mapping=spec.GOAL_KIND)
        parent = v.cell(name, row, "Kode Induk", text)
        statement = v.cell(name, row, "Uraian", text, required=True, label="Uraian")
        if not code or duplicate(v, seen, name, row, "Kode", code):
            continue
        if kind == Goal.Kind.TUJUAN and parent:
            v.error(name, row, "Kode Induk", "Tujuan tidak mempunyai induk.")
        kinds[code], parents[code], rows[code] = kind, parent, row
        data = {"code": code, "kind": kind, "parent": parent or None, "statement": statement}
        if REGION_GOAL in row.columns:  # absent (an older file): the links are left alone
            data["region_goal"] = v.cell(name, row, REGION_GOAL, text) or None
            data["row"] = row
        plan.goals.append({**data, "order": len(plan.goals) + 1})
    for code, parent in parents.items():
        if parent and parent not in kinds:
            v.error(name, rows[code], "Kode Induk", f"Induk '{parent}' tidak ada di sheet Sasaran.")
    for code in parents:
        chain, current = [code], parents.get(code)
        while current:
            if current in chain:
                v.error(name, rows[code], "Kode Induk", f"Induk membentuk lingkaran: {' -> '.join([*chain, current])}.")
                break
            chain.append(current)
            current = parents.get(current)
    return kinds


def _validate_indicators(v: Validator, sheet: Sheet, plan: Plan, goals: dict) -> dict[str, str]:
    name, seen, kinds, per_goal = spec.INDIKATOR, {}, {}, defaultdict(int)
    for row in sheet.rows:
        code = v.cell(name, row, "Kode", text, required=True, label="Kode")
        goal = v.cell(name, row, "Kode Sasaran", text, required=True, label="Kode Sasaran")
        data = {
            "code": code,
            "goal": goal,
            "name": v.cell(name, row, "Nama", text, required=True, label="Nama"),
            "unit": v.cell(name, row, "Satuan", text),
            "polarity": v.cell(name, row, "Polaritas", choice, mapping=spec.POLARITY, default=engine.POSITIVE),
            "value_kind": v.cell(
                name, row, "Jenis Nilai", choice, mapping=spec.VALUE_KIND, default=Indicator.ValueKind.NUMBER
            ),
            "cumulative": v.cell(name, row, "Kumulatif", choice, mapping=spec.YES_NO, default=False),
            "quarter_rollup": v.cell(
                name, row, "Rekap Triwulan", choice, mapping=spec.ROLLUP, default=engine.ROLLUP_LAST
            ),
            "formula": v.cell(name, row, "Formula", text),
            "numerator_label": v.cell(name, row, "Pembilang", text),
            "denominator_label": v.cell(name, row, "Penyebut", text),
            "data_source": v.cell(name, row, "Sumber Data", text),
            "responsible_unit": v.cell(name, row, "Penanggung Jawab", text),
            "end_target": v.cell(name, row, "Target Akhir Renstra", value4),
        }
        calculation = v.cell(name, row, "Cara Hitung", choice, mapping=spec.CALCULATION, required=False)
        if calculation is None:
            has_parts = data["numerator_label"] and data["denominator_label"]
            calculation = engine.CALC_RATIO if has_parts else engine.CALC_DIRECT
        data["calculation"] = calculation
        # Without the column: growth may fall below zero, anything else may not.
        data["allow_negative"] = v.cell(
            name, row, "Boleh Negatif", choice, mapping=spec.YES_NO, default=calculation == engine.CALC_GROWTH
        )
        if not code or duplicate(v, seen, name, row, "Kode", code):
            continue
        if goal and goal not in goals:
            v.error(name, row, "Kode Sasaran", f"Sasaran '{goal}' tidak ada di sheet Sasaran.")
        per_goal[goal] += 1
        data["order"] = per_goal[goal]
        kinds[code] = data["value_kind"]
        plan.indicators.append(data)
    return kinds


def _check_year(v: Validator, sheet: str, row: Row, plan: Plan, value: int | None) -> bool:
    if value is None or plan.start_year is None:
        return value is not None
    if not plan.start_year <= value <= plan.end_year:
        v.error(sheet, row, "Tahun", f"Tahun {value} di luar periode Renstra {plan.start_year}-{plan.end_year}.")
        return False
    return True


def _validate_targets(v: Validator, sheet: Sheet, plan: Plan, indicators: dict) -> None:
    name, seen = spec.TARGET, {}
    for row in sheet.rows:
        code = v.cell(name, row, "Kode Indikator", text, required=True, label="Kode Indikator")
        when = v.cell(name, row, "Tahun", year)
        if code and code not in indicators:
            v.error(name, row, "Kode Indikator", f"Indikator '{code}' tidak ada di sheet Indikator.")
            continue
        if (
            not code
            or not _check_year(v, name, row, plan, when)
            or duplicate(v, seen, name, row, "Tahun", (code, when))
        ):
            continue
        grade = indicators[code] == Indicator.ValueKind.GRADE
        data = {"code": code, "year": when}
        for column, prefix in (
            ("Target Renstra", "renstra"),
            ("Target PK", "agreement"),
            ("Target PK Perubahan", "agreement_revised"),
        ):
            if column not in row.columns:
                continue
            parsed = v.cell(name, row, column, target_value, grade=grade)
            if parsed is not None:
                data[prefix] = parsed
        plan.targets.append(data)


def _validate_realizations(v: Validator, sheet: Sheet, plan: Plan, indicators: dict) -> None:
    name, seen = spec.REALISASI, {}
    negatives_allowed = {i["code"]: i["allow_negative"] for i in plan.indicators}
    for row in sheet.rows:
        code = v.cell(name, row, "Kode Indikator", text, required=True, label="Kode Indikator")
        when = v.cell(name, row, "Tahun", year)
        quarter = v.cell(name, row, "Periode", choice, mapping=spec.PERIOD, required=False, default="Tahunan")
        quarter = None if quarter == "Tahunan" else quarter
        if code and code not in indicators:
            v.error(name, row, "Kode Indikator", f"Indikator '{code}' tidak ada di sheet Indikator.")
            continue
        if not code or not _check_year(v, name, row, plan, when):
            continue
        if duplicate(v, seen, name, row, "Periode", (code, when, quarter)):
            continue
        grade = indicators[code] == Indicator.ValueKind.GRADE
        data = {
            "code": code,
            "year": when,
            "quarter": quarter,
            "value": None,
            "grade": "",
            "numerator": v.cell(name, row, "Nilai Pembilang", value4),
            "denominator": v.cell(name, row, "Nilai Penyebut", value4),
            "note": v.cell(name, row, "Keterangan", text) or "",
        }
        if grade:
            parsed = v.cell(name, row, "Realisasi", target_value, grade=True)
            data["grade"] = parsed[2] if parsed else ""
        else:
            data["value"] = v.cell(name, row, "Realisasi", value4)
        if data["denominator"] == 0:
            v.error(name, row, "Nilai Penyebut", "Penyebut tidak boleh 0.")
        if not negatives_allowed.get(code, True):
            for key, column in (
                ("value", "Realisasi"),
                ("numerator", "Nilai Pembilang"),
                ("denominator", "Nilai Penyebut"),
            ):
                if data[key] is not None and data[key] < 0:
                    v.error(name, row, column, "Nilai negatif tidak mungkin untuk indikator ini (kolom Boleh Negatif).")
        plan.realizations.append(data)


def _validate_analyses(v: Validator, sheet: Sheet, plan: Plan, indicators: dict) -> None:
    """The same rules as the analysis form: a standard names its level and source."""
    name, seen = spec.ANALISIS, {}
    plan.analyses = []
    for row in sheet.rows:
        code = v.cell(name, row, "Kode Indikator", text, required=True, label="Kode Indikator")
        when = v.cell(name, row, "Tahun", year)
        if code and code not in indicators:
            v.error(name, row, "Kode Indikator", f"Indikator '{code}' tidak ada di sheet Indikator.")
            continue
        if not code or not _check_year(v, name, row, plan, when):
            continue
        if duplicate(v, seen, name, row, "Tahun", (code, when)):
            continue
        data = {
            "code": code,
            "year": when,
            "standard": v.cell(name, row, "Standar", value4),
            "standard_level": v.cell(
                name, row, "Tingkat Standar", choice, mapping=spec.STANDARD_LEVEL, required=False, default=""
            ),
            "standard_source": v.cell(name, row, "Sumber Standar", text) or "",
            "standard_year": v.cell(name, row, "Tahun Standar", optional_year),
            "causes": v.cell(name, row, "Penyebab", text) or "",
            "obstacles": v.cell(name, row, "Kendala", text) or "",
            "solutions": v.cell(name, row, "Solusi", text) or "",
        }
        if data["standard"] is not None:
            if indicators[code] == Indicator.ValueKind.GRADE:
                v.error(name, row, "Standar", "Indikator berupa predikat tidak mempunyai standar angka.")
            if not data["standard_level"]:
                v.error(name, row, "Tingkat Standar", "Pilih tingkat standar: Nasional, Provinsi atau Lainnya.")
            if not data["standard_source"]:
                v.error(name, row, "Sumber Standar", "Sebutkan sumber standar agar pembaca dapat memeriksanya.")
        elif data["standard_level"] or data["standard_source"] or data["standard_year"]:
            v.error(name, row, "Standar", "Isi nilai standarnya, atau kosongkan tingkat, sumber dan tahunnya.")
        plan.analyses.append(data)


def _validate_budget(v: Validator, sheet: Sheet, plan: Plan, goals: dict, region: Region | None) -> None:
    name = spec.ANGGARAN
    items: dict[str, dict] = {}
    available = list(FundingSource.objects.for_region(region))
    sources = {FundingSource.match_key(s.name): s.code for s in available}
    sources.update({FundingSource.match_key(s.code): s.code for s in available})
    for row in sheet.rows:
        code = v.cell(name, row, "Kode", text, required=True, label="Kode")
        if not code:
            continue
        item = items.get(code)
        if item is None:
            item = {
                "code": code,
                "level": v.cell(name, row, "Jenis", choice, mapping=spec.LEVEL),
                "parent": v.cell(name, row, "Kode Induk", text) or None,
                "name": v.cell(name, row, "Nama", text, required=True, label="Nama"),
                "goals": goal_codes(v.cell(name, row, "Kode Sasaran", text)),
                "indicator_name": v.cell(name, row, "Indikator", text) or "",
                "indicator_unit": v.cell(name, row, "Satuan", text) or "",
                "indicator_target": v.cell(name, row, "Target", value4),
                "indicator_realization": v.cell(name, row, "Realisasi Kinerja", value4),
                "order": len(items) + 1,
                "allocations": {},
                "row": row,
            }
            items[code] = item
            for code_ in item["goals"]:
                if code_ not in goals:
                    v.error(name, row, "Kode Sasaran", f"Sasaran '{code_}' tidak ada di sheet Sasaran.")
        pagu = v.cell(name, row, "Pagu", money)
        realisasi = v.cell(name, row, "Realisasi Anggaran", money)
        quarters = [v.cell(name, row, f"Realisasi TW{q}", money) for q in range(1, 5)]
        source_text = v.cell(name, row, "Sumber Dana", text)
        if pagu is None and realisasi is None and not any(q is not None for q in quarters):
            continue  # a parent line summed from its children, or an item without money yet
        # A blank source is recorded as such, never guessed.
        source = sources.get(FundingSource.match_key(source_text or UNSPECIFIED_SOURCE))
        if source is None:
            known = ", ".join(sorted(s.code for s in available))
            v.error(name, row, "Sumber Dana", f"Sumber dana '{source_text}' tidak dikenal; pilihan: {known}.")
            continue
        if not source_text:
            v.notes.append(
                Issue(
                    name,
                    row.number,
                    column_letter(row, "Sumber Dana"),
                    f"Sumber dana kosong; dicatat sebagai '{UNSPECIFIED_SOURCE}'.",
                )
            )
        if source in item["allocations"]:
            v.error(name, row, "Sumber Dana", f"Sumber dana {source} untuk kode {code} tercantum dua kali.")
            continue
        if pagu is None and row.values.get("Pagu") in (None, ""):
            v.error(name, row, "Pagu", "Pagu wajib diisi bila realisasi diisi.")
        item["allocations"][source] = {
            "pagu": pagu or Decimal(0),
            "realisasi": realisasi,  # blank stays unknown, never 0
            "quarters": quarters,
        }
    expected_parent = {
        BudgetItem.Level.KEGIATAN: BudgetItem.Level.PROGRAM,
        BudgetItem.Level.SUB_KEGIATAN: BudgetItem.Level.KEGIATAN,
    }
    for item in items.values():
        parent = items.get(item["parent"]) if item["parent"] else None
        if item["parent"] and parent is None:
            v.error(name, item["row"], "Kode Induk", f"Induk '{item['parent']}' tidak ada di sheet Anggaran.")
        elif item["level"] in expected_parent and parent and parent["level"] != expected_parent[item["level"]]:
            v.error(
                name,
                item["row"],
                "Kode Induk",
                f"{spec.label_of(spec.LEVEL, item['level'])} harus di bawah "
                f"{spec.label_of(spec.LEVEL, expected_parent[item['level']])}.",
            )
        elif item["level"] in (BudgetItem.Level.PROGRAM, BudgetItem.Level.UNITEMIZED) and item["parent"]:
            v.error(
                name, item["row"], "Kode Induk", f"{spec.label_of(spec.LEVEL, item['level'])} tidak mempunyai induk."
            )
        elif parent and parent["level"] == BudgetItem.Level.UNITEMIZED:
            v.error(name, item["row"], "Kode Induk", "Belanja tidak dirinci tidak mempunyai rincian.")
        if item["level"] == BudgetItem.Level.UNITEMIZED and (item["goals"] or item["indicator_name"]):
            v.error(
                name,
                item["row"],
                "Kode Sasaran",
                "Belanja tidak dirinci tidak mendukung sasaran dan tidak berindikator.",
            )
    plan.items = list(items.values())


# --- Saving --------------------------------------------------------------------------


# Instansi rows that name the agency itself, and the agency field each one sets.
IDENTITY_FIELDS = {
    "Nama Instansi": "name",
    "Alamat": "address",
    "Nama Kepala": "head_name",
    "Pangkat Kepala": "head_rank",
    "NIP Kepala": "head_nip",
}


def import_workbook(
    data: bytes,
    year_: int,
    *,
    agency: Agency | None = None,
    slug: str | None = None,
    replace: bool = False,
    may_change_identity: bool = True,
    dry_run: bool = False,
) -> ImportResult:
    """Validate `data` and, when it has no error, save it in one transaction.

    Give `agency` (browser import into that agency) or `slug` (command line: the agency
    is created from the Instansi sheet when the slug does not exist). Without
    `may_change_identity` (a user who may not edit the agency's profile), an Instansi
    row that differs from the agency's name, address or head is an error. A `dry_run`
    saves inside a transaction that is rolled back: `result.changes` says what the
    import would change, and nothing is written.
    """
    result = ImportResult(agency=agency)
    try:
        sheets = open_workbook(data)
    except WorkbookRefused as refused:
        result.errors, result.error_count = refused.issues[:MAX_ERRORS], len(refused.issues)
        return result
    result.rows_read = sum(len(sheet.rows) for sheet in sheets.values())
    plan, validator = validate(sheets, year_, region=agency.region if agency else None, agency=agency)
    result.notes = validator.notes
    if agency is not None and plan.instansi.get("Pemda") and plan.instansi["Pemda"] != agency.region.name:
        validator.add(
            Issue(
                spec.INSTANSI,
                None,
                "",
                f"Pemda '{plan.instansi['Pemda']}' berbeda dengan pemda instansi ini ({agency.region.name}).",
            )
        )
    target_agency = agency or Agency.objects.filter(slug=slug).first()
    if target_agency is not None and plan.start_year is not None:
        reasons = {y: r for y, r in lock_reasons(target_agency.pk).items() if plan.start_year <= y <= plan.end_year}
        if reasons:
            message = plan_locked_message(plan.start_year, plan.end_year, reasons)
            validator.add(Issue(spec.INSTANSI, None, "", f"Impor ditolak. {message}"))
    given, cap = plan.mean_cap
    if given and agency is not None:
        scale = PredicateScale.objects.for_region(agency.region)
        current = scale.mean_cap if scale else engine.DEFAULT_MEAN_CAP
        if cap != current:
            shown = f"{current} %" if current is not None else "tanpa batas"
            validator.add(
                Issue(
                    spec.INSTANSI,
                    None,
                    "",
                    f"Batas capaian rata-rata berlaku untuk seluruh pemda (saat ini {shown}); hanya administrator "
                    "yang dapat mengubahnya (admin, atau perintah import_workbook).",
                )
            )
    if agency is not None and not may_change_identity:
        for key, attribute in IDENTITY_FIELDS.items():
            given, current = plan.instansi.get(key), getattr(agency, attribute)
            if given and given != current:
                validator.add(
                    Issue(
                        spec.INSTANSI,
                        None,
                        "Nilai",
                        f"{key} '{given}' berbeda dengan data instansi ('{current or '-'}'). Hanya pengguna yang "
                        "boleh mengubah profil instansi yang dapat mengubahnya; samakan isinya atau kosongkan "
                        "baris ini.",
                    )
                )
    if agency is None and not plan.instansi.get("Nama Instansi"):
        validator.add(Issue(spec.INSTANSI, None, "", "Baris 'Nama Instansi' wajib diisi."))
    result.errors, result.error_count = validator.errors, validator.error_count
    if result.errors:
        return result
    result.dry_run = dry_run
    with transaction.atomic():
        with bumped_once(), ChangeRecorder() as recorder:
            result.agency = agency or _agency_for(slug, plan)
            identity = _identity_changes(result.agency, plan)
            result.counts = _save(result.agency, year_, plan, replace)
            if plan.nomenclature is not None:
                _save_nomenclature(result.agency, year_, plan.nomenclature)
            if plan.mean_cap[0]:  # only the command line gets here with a new cap (checked above)
                set_region_mean_cap(result.agency.region, plan.mean_cap[1])
            mark_changed([result.agency.pk])  # bulk writes send no signals
            result.changes = recorder.summary(identity)
        if dry_run:  # after the version bump's own query: nothing may run once this is set
            transaction.set_rollback(True)
    return result


def _identity_changes(agency: Agency, plan: Plan) -> list[tuple[str, str, str]]:
    """The agency's own fields the Instansi sheet changes (the agency keeps no history)."""
    changes = []
    for key, attribute in IDENTITY_FIELDS.items():
        given, current = plan.instansi.get(key), getattr(agency, attribute)
        if given and given != current:
            changes.append((key, current or "(kosong)", given))
    return changes


def _save_nomenclature(agency: Agency, year_: int, nomenclature: str) -> None:
    current = BudgetYear.objects.filter(agency=agency, year=year_).first()
    if current is None:
        if nomenclature:
            BudgetYear.objects.create(agency=agency, year=year_, nomenclature=nomenclature)
    elif current.nomenclature != nomenclature:
        current.nomenclature = nomenclature
        current.save()


def _agency_for(slug: str, plan: Plan) -> Agency:
    found = Agency.objects.select_related("region").filter(slug=slug).first()
    if found:
        return found
    region_name = plan.instansi.get("Pemda") or "Pemda tanpa nama"
    region = Region.objects.filter(name=region_name).first() or Region.objects.create(
        name=region_name, slug=_unique_slug(Region, slugify(region_name) or "pemda")
    )
    return Agency.objects.create(region=region, slug=slug, name=plan.instansi["Nama Instansi"])


def _unique_slug(model, base: str) -> str:
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _save(agency: Agency, year_: int, plan: Plan, replace: bool) -> dict[str, int]:
    changed = False
    for key, attribute in IDENTITY_FIELDS.items():
        if plan.instansi.get(key) and plan.instansi[key] != getattr(agency, attribute):
            if key == "Nama Instansi" and not plan.instansi[key]:
                continue
            setattr(agency, attribute, plan.instansi[key])
            changed = True
    if changed:
        agency.save()

    period = RenstraPeriod.objects.filter(agency=agency, start_year=plan.start_year).first()
    if period is None:
        period = RenstraPeriod.objects.create(
            agency=agency, start_year=plan.start_year, end_year=plan.end_year, vision=plan.instansi.get("Visi", "")
        )
    elif (period.end_year, period.vision) != (plan.end_year, plan.instansi.get("Visi", period.vision)):
        period.end_year, period.vision = plan.end_year, plan.instansi.get("Visi", period.vision)
        period.save()
    if plan.missions and [m.text for m in period.missions.all()] != plan.missions:
        period.missions.all().delete()
        bulk_create_audited(Mission, (Mission(period=period, order=n, text=t) for n, t in enumerate(plan.missions, 1)))

    goals = _save_goals(period, plan)
    _save_region_goals(agency, plan, goals)
    indicators = _save_indicators(period, plan, goals)
    _save_targets(indicators, plan)
    _save_realizations(indicators, plan)
    _save_analyses(indicators, plan)
    items = _save_budget(agency, year_, plan, goals)
    if replace:
        _delete_unmentioned(period, agency, year_, plan, goals, indicators, items)
    profile_counts = organisation_sheets.save(agency, year_, plan.organisation, replace, _update)
    profile_counts |= datatable_sheets.save(agency, year_, plan.data_tables, goals, replace, _update)
    profile_counts |= cascade_sheets.save(agency, year_, plan.cascade, goals, items, replace, _update)
    profile_counts |= cascade_sheets.save_iku_plans(year_, plan.iku_plans, indicators, replace, _update)
    return {
        "sasaran": len(goals),
        "indikator": len(indicators),
        "target": len(plan.targets),
        "realisasi": len(plan.realizations),
        **({"analisis": len(plan.analyses)} if plan.analyses is not None else {}),
        "anggaran": len(items),
        **profile_counts,
    }


def _update(instance, values: dict) -> bool:
    """Set changed fields only; save when something changed (so a round trip writes nothing)."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed and instance.pk:
        instance.save(update_fields=changed)
    return bool(changed)


def _save_region_goals(agency: Agency, plan: Plan, goals: dict[str, Goal]) -> None:
    """Set which RPJMD sasaran each sasaran supports, where the file has the column."""
    known = {g.code: g for g in region_sasaran(agency.region, plan.start_year, plan.end_year)}
    supports = {s.goal_id: s for s in GoalSupport.objects.filter(goal__in=goals.values())}
    for data in plan.goals:
        if "region_goal" not in data:
            continue
        goal, support = goals[data["code"]], supports.get(goals[data["code"]].pk)
        if data["region_goal"] is None:
            if support is not None:
                support.delete()
        elif support is None:
            GoalSupport.objects.create(goal=goal, region_goal=known[data["region_goal"]])
        else:
            _update(support, {"region_goal": known[data["region_goal"]]})


def _save_goals(period, plan) -> dict[str, Goal]:
    existing = {g.code: g for g in Goal.objects.filter(period=period)}
    for data in plan.goals:
        goal = existing.get(data["code"])
        values = {"kind": data["kind"], "statement": data["statement"], "order": data["order"]}
        if goal is None:
            existing[data["code"]] = Goal.objects.create(period=period, code=data["code"], **values)
        else:
            _update(goal, values)
    for data in plan.goals:  # parents once every goal exists
        goal = existing[data["code"]]
        parent = existing.get(data["parent"]) if data["parent"] else None
        _update(goal, {"parent_id": parent.pk if parent else None})
    return existing


def _save_indicators(period, plan, goals) -> dict[str, Indicator]:
    existing = {i.code: i for i in Indicator.objects.filter(period=period)}
    for data in plan.indicators:
        values = {k: v for k, v in data.items() if k not in ("code", "goal")}
        values = {
            **values,
            "goal_id": goals[data["goal"]].pk,
            "unit": values["unit"] or "",
            "formula": values["formula"] or "",
            "numerator_label": values["numerator_label"] or "",
            "denominator_label": values["denominator_label"] or "",
            "data_source": values["data_source"] or "",
            "responsible_unit": values["responsible_unit"] or "",
        }
        indicator = existing.get(data["code"])
        if indicator is None:
            existing[data["code"]] = Indicator.objects.create(period=period, code=data["code"], **values)
        else:
            _update(indicator, values)
    return existing


def _save_targets(indicators, plan) -> None:
    stored = {(t.indicator_id, t.year): t for t in Target.objects.filter(indicator__in=indicators.values())}
    new = []
    for data in plan.targets:
        indicator = indicators[data["code"]]
        target = stored.get((indicator.pk, data["year"])) or Target(indicator=indicator, year=data["year"])
        values = {}
        for prefix in ("renstra", "agreement", "agreement_revised"):
            if prefix in data:
                value, upper, grade = data[prefix]
                values.update({prefix: value, f"{prefix}_upper": upper, f"{prefix}_grade": grade})
        if target.pk is None:
            for name, value in values.items():
                setattr(target, name, value)
            new.append(target)
        else:
            _update(target, values)
    bulk_create_audited(Target, new)


def _save_realizations(indicators, plan) -> None:
    stored = {
        (r.indicator_id, r.year, r.quarter): r for r in Realization.objects.filter(indicator__in=indicators.values())
    }
    new = []
    for data in plan.realizations:
        indicator = indicators[data["code"]]
        key = (indicator.pk, data["year"], data["quarter"])
        values = {name: data[name] for name in ("value", "grade", "numerator", "denominator", "note")}
        row = stored.get(key)
        if row is None:
            new.append(Realization(indicator=indicator, year=data["year"], quarter=data["quarter"], **values))
        else:
            _update(row, values)
    bulk_create_audited(Realization, new)


ANALYSIS_FIELDS = (
    "standard",
    "standard_level",
    "standard_source",
    "standard_year",
    "causes",
    "obstacles",
    "solutions",
)


def _save_analyses(indicators, plan) -> None:
    if plan.analyses is None:
        return
    stored = {(a.indicator_id, a.year): a for a in IndicatorAnalysis.objects.filter(indicator__in=indicators.values())}
    new = []
    for data in plan.analyses:
        indicator = indicators[data["code"]]
        values = {name: data[name] for name in ANALYSIS_FIELDS}
        row = stored.get((indicator.pk, data["year"]))
        if row is None:
            new.append(IndicatorAnalysis(indicator=indicator, year=data["year"], **values))
        else:
            _update(row, values)
    bulk_create_audited(IndicatorAnalysis, new)


def _save_budget(agency, year_, plan, goals) -> dict[str, BudgetItem]:
    existing = {i.code: i for i in BudgetItem.objects.filter(agency=agency, year=year_)}
    sources = {s.code: s for s in FundingSource.objects.all()}
    for data in plan.items:
        values = {
            name: data[name]
            for name in (
                "level",
                "name",
                "indicator_name",
                "indicator_unit",
                "indicator_target",
                "indicator_realization",
                "order",
            )
        }
        item = existing.get(data["code"])
        if item is None:
            existing[data["code"]] = BudgetItem.objects.create(agency=agency, year=year_, code=data["code"], **values)
        else:
            _update(item, values)
    for data in plan.items:
        item = existing[data["code"]]
        parent = existing.get(data["parent"]) if data["parent"] else None
        _update(item, {"parent_id": parent.pk if parent else None})
        _save_allocations(item, data["allocations"], sources)
        set_supported_goals(item, [goals[code] for code in data["goals"]])
    return {code: existing[code] for code in (d["code"] for d in plan.items)}


def _save_allocations(item, allocations: dict, sources) -> None:
    """The file lists every source of a line it mentions: its allocations become those."""
    stored = {a.source.code: a for a in item.allocations.select_related("source")}
    for code, allocation in stored.items():
        if code not in allocations:
            allocation.delete()
    for code, data in allocations.items():
        values = {
            "pagu": data["pagu"],
            "realisasi": data["realisasi"],
            **{f"realisasi_tw{q}": data["quarters"][q - 1] for q in range(1, 5)},
        }
        row = stored.get(code)
        if row is None:
            BudgetAllocation.objects.create(item=item, source=sources[code], **values)
        else:
            _update(row, values)


def _delete_unmentioned(period, agency, year_, plan, goals, indicators, items) -> None:
    mentioned_goals = {d["code"] for d in plan.goals}
    mentioned_indicators = {d["code"] for d in plan.indicators}
    mentioned_targets = {(d["code"], d["year"]) for d in plan.targets}
    mentioned_realizations = {(d["code"], d["year"], d["quarter"]) for d in plan.realizations}
    for target in Target.objects.filter(indicator__period=period).select_related("indicator"):
        if (target.indicator.code, target.year) not in mentioned_targets:
            target.delete()
    for row in Realization.objects.filter(indicator__period=period).select_related("indicator"):
        if (row.indicator.code, row.year, row.quarter) not in mentioned_realizations:
            row.delete()
    if plan.analyses is not None:  # a file without the sheet leaves the analyses alone
        mentioned_analyses = {(d["code"], d["year"]) for d in plan.analyses}
        for row in IndicatorAnalysis.objects.filter(indicator__period=period).select_related("indicator"):
            if (row.indicator.code, row.year) not in mentioned_analyses:
                row.delete()
    Indicator.objects.filter(period=period).exclude(code__in=mentioned_indicators).delete()
    Goal.objects.filter(period=period).exclude(code__in=mentioned_goals).delete()
    BudgetItem.objects.filter(agency=agency, year=year_).exclude(code__in=set(items)).delete()
