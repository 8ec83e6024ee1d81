"""What an import changed (or, in a preview, would change), read from the audit trail
it writes: every create, change and delete of the agency's data leaves a historical
record, so the records an import adds are exactly its changes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist

from budget.models import BudgetAllocation, BudgetItem, BudgetItemGoal, BudgetYear
from cascade.models import (
    Agreement,
    AgreementTarget,
    GoalSupport,
    IndicatorQuarterPlan,
    UnitBudgetLink,
    UnitGoal,
    UnitIndicator,
    UnitQuarter,
)
from core.numbers import format_number
from datatables.models import DataTable
from indicators.models import Goal, Indicator, IndicatorAnalysis, Mission, Realization, RenstraPeriod, Target
from organisation.models import Asset, Duty, OrgUnit, StaffCount, StaffTotal

from . import spec

# Which sheet each kind of row comes from.
SHEET_OF = {
    RenstraPeriod: spec.INSTANSI,
    Mission: spec.INSTANSI,
    BudgetYear: spec.INSTANSI,
    Goal: spec.SASARAN,
    Indicator: spec.INDIKATOR,
    Target: spec.TARGET,
    Realization: spec.REALISASI,
    IndicatorAnalysis: spec.ANALISIS,
    BudgetItem: spec.ANGGARAN,
    BudgetAllocation: spec.ANGGARAN,
    BudgetItemGoal: spec.ANGGARAN,
    Duty: spec.TUGAS,
    OrgUnit: spec.ORGANISASI,
    StaffCount: spec.PEGAWAI,
    StaffTotal: spec.PEGAWAI,
    Asset: spec.ASET,
    DataTable: spec.TABEL_DATA,
    GoalSupport: spec.SASARAN,
    UnitGoal: spec.SASARAN_UNIT,
    UnitBudgetLink: spec.SASARAN_UNIT,
    UnitIndicator: spec.INDIKATOR_UNIT,
    UnitQuarter: spec.RENCANA_AKSI,
    Agreement: spec.PK_UNIT,
    AgreementTarget: spec.TARGET_PK_UNIT,
    IndicatorQuarterPlan: spec.RENCANA_AKSI_IKU,
}
KIND = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
RELATED = {
    Target: ("indicator",),
    Realization: ("indicator",),
    IndicatorAnalysis: ("indicator",),
    BudgetAllocation: ("item", "source"),
    BudgetItemGoal: ("item", "goal"),
    GoalSupport: ("goal", "region_goal"),
    UnitBudgetLink: ("goal", "item"),
    UnitQuarter: ("indicator",),
    IndicatorQuarterPlan: ("indicator",),
    Agreement: ("unit",),
    AgreementTarget: ("agreement__unit", "indicator"),
}
MAX_LISTED = 200  # changed values listed one by one; the counts cover all


@dataclass
class Change:
    sheet: str
    kind: str  # "+", "~", "-"
    row: str  # what the row is, as people name it
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)

    @property
    def key(self) -> str:
        """The workbook row the change comes from (a budget line's sources and links
        are its rows)."""
        return self.row.split(" (")[0].split(" → ")[0]


@dataclass
class ChangeSummary:
    counts: dict[str, Counter] = field(default_factory=dict)  # sheet -> {"+": n, "~": n, "-": n}
    changes: list[Change] = field(default_factory=list)
    total: int = 0
    touched: dict[str, set] = field(default_factory=dict)  # sheet -> workbook rows created or changed

    @property
    def empty(self) -> bool:
        return self.total == 0

    def add(self, change: Change) -> None:
        self.counts.setdefault(change.sheet, Counter())[change.kind] += 1
        self.total += 1
        if change.kind in "+~":
            self.touched.setdefault(change.sheet, set()).add(change.key)
        if len(self.changes) < MAX_LISTED:
            self.changes.append(change)

    def sentence(self) -> str:
        """'Target: 3 diubah; Realisasi: 2 dibuat, 1 diubah' or 'tidak ada yang berubah'."""
        if self.empty:
            return "tidak ada data yang berubah"
        parts = []
        for sheet in spec.SHEETS:
            counts = self.counts.get(sheet)
            if counts:
                said = ", ".join(f"{counts[k]} {KIND[k]}" for k in ("+", "~", "-") if counts[k])
                parts.append(f"{sheet}: {said}")
        return "; ".join(parts)

    def as_json(self, rows_in_file: dict[str, int]) -> dict:
        """For storing with the upload and showing on the preview and result pages."""
        sheets = []
        for sheet in spec.SHEETS:
            counts = self.counts.get(sheet, Counter())
            touched = len(self.touched.get(sheet, ()))
            in_file = rows_in_file.get(sheet)
            unchanged = None if in_file is None else max(0, in_file - touched)
            sheets.append([sheet, counts["+"], counts["~"], unchanged, counts["-"]])
        listed = [[c.sheet, KIND[c.kind], c.row, [list(f) for f in c.fields]] for c in self.changes]
        return {"sheets": sheets, "listed": listed, "total": self.total, "sentence": self.sentence()}


class ChangeRecorder:
    """Notes the newest history record of each model on entry; `summary()` then reads
    the records written since, inside the same transaction."""

    def __enter__(self) -> ChangeRecorder:
        self.start = {model: _last_history_id(model) for model in SHEET_OF}
        return self

    def __exit__(self, *exc) -> None:
        return None

    def summary(self, identity: list[tuple[str, str, str]] | None = None) -> ChangeSummary:
        result = ChangeSummary()
        if identity:
            result.add(Change(spec.INSTANSI, "~", "Instansi", identity))
        for model, sheet in SHEET_OF.items():
            records = (
                model.history.filter(history_id__gt=self.start[model])
                .select_related(*RELATED.get(model, ()))
                .order_by("history_id")
            )
            for record in records:
                fields = _differences(record) if record.history_type == "~" else []
                if record.history_type == "~" and not fields:
                    continue  # saved without a visible difference
                result.add(Change(sheet, record.history_type, _name(model, record), fields))
        return result


def _last_history_id(model) -> int:
    return model.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


def _differences(record) -> list[tuple[str, str, str]]:
    previous = record.prev_record
    if previous is None:
        return []
    delta = record.diff_against(previous)
    labels = {f.name: str(f.verbose_name) for f in record.instance_type._meta.fields}
    return [(labels.get(c.field, c.field), _shown(c.old), _shown(c.new)) for c in delta.changes]


def _shown(value) -> str:
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, Decimal):
        return format_number(value, places=None)
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, list):  # a data table's headings or rows: one line per row
        shown = " / ".join(" | ".join(row) if isinstance(row, list) else str(row) for row in value)
        return shown if len(shown) <= 200 else shown[:199] + "…"
    return str(value)


def _name(model, record) -> str:
    """The row as a person finds it in the workbook: its code and year where it has them."""
    try:
        return _named(model, record)
    except ObjectDoesNotExist:  # a row deleted together with what it belonged to
        return f"#{record.id}"


def _named(model, record) -> str:
    if model is Target:
        return f"{record.indicator.code if record.indicator else '?'} {record.year}"
    if model is Realization:
        period = f"TW{record.quarter}" if record.quarter else "Tahunan"
        return f"{record.indicator.code if record.indicator else '?'} {record.year} {period}"
    if model is IndicatorAnalysis:
        return f"{record.indicator.code if record.indicator else '?'} {record.year}"
    if model is BudgetAllocation:
        return f"{record.item.code if record.item else '?'} ({record.source})"
    if model is BudgetItemGoal:
        return f"{record.item.code if record.item else '?'} → {record.goal.code if record.goal else '?'}"
    if model is RenstraPeriod:
        return f"Renstra {record.start_year}-{record.end_year}"
    if model is Mission:
        return f"Misi {record.order}"
    if model is BudgetYear:
        return f"Nomenklatur anggaran {record.year}"
    if model is Duty:
        return f"Tugas dan fungsi {record.year}"
    if model is OrgUnit:
        return f"{record.code} {record.name}"
    if model is StaffCount:
        return f"{record.get_category_display()}: {record.label}"
    if model is StaffTotal:
        return f"{record.get_category_display()}: {spec.PRINTED_TOTAL}"
    if model is DataTable:
        return f"{record.code} {record.title}"
    if model is GoalSupport:
        region_goal = record.region_goal.code if record.region_goal else "?"
        return f"{record.goal.code if record.goal else '?'} → RPJMD {region_goal}"
    if model is UnitBudgetLink:
        return f"{record.goal.code if record.goal else '?'} → {record.item.code if record.item else '?'}"
    if model is IndicatorQuarterPlan:
        return f"{record.indicator.code if record.indicator else '?'} {record.year} TW{record.quarter}"
    if model is UnitQuarter:
        return f"{record.indicator.code if record.indicator else '?'} TW{record.quarter}"
    if model is Agreement:
        return f"PK unit {record.unit.code if record.unit else '?'} perubahan ke-{record.revision}"
    if model is AgreementTarget:
        agreement, indicator = record.agreement, record.indicator
        if agreement is None or indicator is None:  # deleted together with its PK or indicator
            return f"#{record.id}"
        return f"PK unit {agreement.unit.code} ke-{agreement.revision}: {indicator.code}"
    if model is Asset:
        return f"{record.name} ({record.condition})" if record.condition else record.name
    return getattr(record, "code", "") or str(record.id)
