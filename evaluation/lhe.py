"""The Laporan Hasil Evaluasi (LHE): what the evaluation found, as a document.

Everything printed comes from the evaluation's stored rows and the criteria set it was
made with (never the set in force today), through `worksheet.score`. The final LHE is
built once, when the evaluation becomes final, and archived; downloads serve that file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.template.loader import render_to_string

from core.nip import format_nip
from core.numbers import format_number
from reports.pdf import html_to_pdf
from reports.render import report_css

from .models import Evaluation, Recommendation
from .scoring import round_half_up
from .worksheet import EVALUATOR, score


@dataclass
class ComponentLine:
    code: str
    name: str
    weight: Decimal
    score: Decimal
    subcomponents: list[tuple[str, Decimal, Decimal]]  # name, weight, score
    findings: str
    recommendations: list[Recommendation] = field(default_factory=list)

    @property
    def percent(self) -> Decimal | None:
        return round_half_up(self.score / self.weight * 100) if self.weight else None


def lhe_context(evaluation: Evaluation) -> dict:
    result = score(evaluation, EVALUATOR)
    findings = {f.component_id: f.text for f in evaluation.findings.all()}
    recommendations: dict[int, list] = {}
    for rec in evaluation.recommendations.all():
        recommendations.setdefault(rec.component_id, []).append(rec)
    lines = []
    components = evaluation.criteria_set.components.prefetch_related("subcomponents")
    for component, scored in zip(components, result.components, strict=True):
        subs = [
            (sub.name, round_half_up(s.weight), round_half_up(s.score))
            for sub, s in zip(component.subcomponents.all(), scored.subcomponents, strict=True)
        ]
        lines.append(
            ComponentLine(
                component.code,
                component.name,
                round_half_up(component.weight),
                round_half_up(scored.score),
                subs,
                findings.get(component.pk, ""),
                recommendations.get(component.pk, []),
            )
        )
    previous = Evaluation.objects.filter(
        agency=evaluation.agency, year=evaluation.year - 1, status=Evaluation.Status.FINAL
    ).first()
    follow_ups = list(previous.recommendations.select_related("follow_up").order_by("order", "id")) if previous else []
    total = evaluation.final_total if evaluation.is_final else round_half_up(result.total)
    predicate = evaluation.final_predicate if evaluation.is_final else result.predicate
    band = evaluation.criteria_set.predicates.filter(label=predicate).first()
    return {
        "evaluation": evaluation,
        "agency": evaluation.agency,
        "criteria_set": evaluation.criteria_set,
        "lines": lines,
        "total": total,
        "subcomponent_names": list(dict.fromkeys(name.lower() for line in lines for name, _, _ in line.subcomponents)),
        "weight_total": sum((line.weight for line in lines), Decimal(0)),
        "predicate": predicate,
        "predicate_meaning": band.meaning if band else "",
        "bands": band_rows(evaluation),
        "unanswered": result.unanswered,
        "previous": previous,
        "follow_ups": follow_ups,
        "team_lead_nip": format_nip(evaluation.team_lead_nip) if evaluation.team_lead_nip else "",
        "draft": not evaluation.is_final,
        "css": report_css(),
    }


def render_lhe_html(evaluation: Evaluation) -> str:
    return render_to_string("evaluation/lhe.html", lhe_context(evaluation))


def render_lhe_pdf(evaluation: Evaluation) -> bytes:
    return _pdf_of(render_lhe_html(evaluation))


@lru_cache(maxsize=16)
def _pdf_of(html: str) -> bytes:
    # WeasyPrint's output is a function of the HTML (the document fetches nothing), so
    # the same HTML (a demo reloaded, a draft downloaded twice) is rendered once.
    return html_to_pdf(html)


def band_rows(evaluation: Evaluation) -> list[tuple[str, str, str]]:
    """Each predicate with its range as the regulation prints it ("> 80 - 90", "0 - 30")."""
    bands = sorted(evaluation.criteria_set.predicates.all(), key=lambda p: (p.above is None, -(p.above or 0)))
    rows, upper = [], "100"
    for band in bands:
        low = "0" if band.above is None else f"> {format_number(band.above, 0)}"
        rows.append((band.label, f"{low} - {upper}", band.meaning))
        if band.above is not None:
            upper = format_number(band.above, 0)
    return rows
