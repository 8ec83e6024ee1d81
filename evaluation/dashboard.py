"""The evaluators' dashboard: every agency they evaluate, this year's score and
predicate beside last year's, component scores, open follow-up items; and its Excel."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from openpyxl import Workbook
from openpyxl.styles import Font

from . import access
from .models import Evaluation, FollowUp
from .scoring import round_half_up
from .worksheet import score

S = Evaluation.Status


@dataclass
class Row:
    agency: object
    evaluation: Evaluation | None
    total: Decimal | None = None  # final, or the evaluator's score so far
    predicate: str | None = None
    provisional: bool = False
    components: list[Decimal | None] = field(default_factory=list)
    previous_total: Decimal | None = None
    previous_predicate: str | None = None
    open_follow_ups: int = 0

    @property
    def status_label(self) -> str:
        return self.evaluation.get_status_display() if self.evaluation else "Belum dimulai"

    @property
    def change(self) -> Decimal | None:
        if self.total is None or self.previous_total is None:
            return None
        return self.total - self.previous_total


def _score_of(evaluation: Evaluation | None) -> tuple[Decimal | None, str | None, bool, list]:
    if evaluation is None or evaluation.status == S.DRAFT:
        return None, None, False, []  # the agency's own answers are not a score
    result = score(evaluation)
    components = [round_half_up(c.score) for c in result.components]
    if evaluation.is_final:
        return evaluation.final_total, evaluation.final_predicate or None, False, components
    return round_half_up(result.total), result.predicate, True, components


SORTS = {
    "instansi": (lambda r: r.agency.name, False),
    "nilai": (lambda r: (r.total is None, -(r.total or 0), r.agency.name), False),
    "perubahan": (lambda r: (r.change is None, -(r.change or 0), r.agency.name), False),
    "tindak-lanjut": (lambda r: (-r.open_follow_ups, r.agency.name), False),
}


def dashboard_rows(user, year: int, sort: str = "instansi") -> tuple[list[Row], list[str]]:
    agencies = list(access.evaluator_agencies(user).order_by("name"))
    evaluations = {
        (e.agency_id, e.year): e
        for e in Evaluation.objects.filter(agency__in=agencies, year__in=(year, year - 1)).select_related(
            "criteria_set"
        )
    }
    open_items = dict(
        FollowUp.objects.filter(recommendation__evaluation__agency__in=agencies)
        .exclude(status=FollowUp.Status.DONE)
        .values_list("recommendation__evaluation__agency")
        .annotate(n=Count("pk", filter=Q(pk__isnull=False)))
    )
    rows, names = [], []
    for agency in agencies:
        current = evaluations.get((agency.pk, year))
        total, predicate, provisional, components = _score_of(current)
        if current and not names:
            names = [c.name for c in current.criteria_set.components.all()]
        previous = evaluations.get((agency.pk, year - 1))
        final_before = previous if previous and previous.is_final else None
        rows.append(
            Row(
                agency,
                current,
                total,
                predicate,
                provisional,
                components,
                final_before.final_total if final_before else None,
                final_before.final_predicate if final_before else None,
                open_items.get(agency.pk, 0),
            )
        )
    key, _ = SORTS.get(sort, SORTS["instansi"])
    rows.sort(key=key)
    return rows, names


def dashboard_workbook(rows: list[Row], names: list[str], year: int) -> bytes:
    """The dashboard as an Excel sheet; empty cells, never 0, where there is no score."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"Evaluasi SAKIP {year}"
    headers = ["Pemda", "Instansi", "Status", f"Nilai {year}", "Predikat", "Nilai sementara"]
    headers += [f"Komponen: {n}" for n in names]
    headers += [f"Nilai {year - 1}", f"Predikat {year - 1}", "Perubahan", "Tindak lanjut terbuka"]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        components = row.components + [None] * (len(names) - len(row.components))
        sheet.append(
            [
                row.agency.region.name,
                row.agency.name,
                row.status_label,
                row.total,
                row.predicate,
                "ya" if row.provisional else None,
                *components,
                row.previous_total,
                row.previous_predicate,
                row.change,
                row.open_follow_ups,
            ]
        )
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, Decimal):
                cell.number_format = "0.00"
    sheet.column_dimensions["B"].width = 50
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
