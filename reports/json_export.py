"""The report's computed data as JSON: the same numbers the HTML and PDF print.

Numbers are decimal strings (money exact; realizations and percentages rounded half
up to 2 decimals, as printed), `null` where a value is undefined or not entered.
"""

from __future__ import annotations

from decimal import Decimal

from indicators.capaian import round_half_up

from .document import ReportDocument


def _exact(value: Decimal | None) -> str | None:
    if value is None:
        return None
    normalized = value.normalize()
    return f"{normalized:f}" if normalized != normalized.to_integral_value() else f"{value.to_integral_value():f}"


def _printed(value: Decimal | None) -> str | None:
    return None if value is None else f"{round_half_up(value, 2):f}"


def report_data(doc: ReportDocument) -> dict:
    indicators = []
    for r in doc.indicators:
        grade = r.indicator.is_grade
        indicators.append(
            {
                "code": r.indicator.code,
                "name": r.indicator.name,
                "unit": r.indicator.unit,
                "target": r.target_grade if grade else _exact(r.target),
                "target_upper": None if grade else _exact(r.target_upper),
                "realization": r.realization_grade if grade else _printed(r.realization),
                "capaian": _printed(r.capaian),
                "predicate": r.predicate,
                "status": r.status,
            }
        )
    lines = [
        {
            "code": n.item.code,
            "name": n.item.name,
            "level": n.item.level,
            "pagu": _exact(n.pagu),
            "realisasi": _exact(n.realisasi),
            "sisa": _exact(n.sisa),
            "serapan": _printed(n.serapan),
            "realisasi_unknown_lines": n.unknown,
        }
        for n in doc.tree.nodes()
    ]
    return {
        "agency": {"slug": doc.agency.slug, "name": doc.agency.name},
        "year": doc.year,
        "capaian": _printed(doc.results.capaian),
        "indicators": indicators,
        "sasaran": [
            {"code": g.goal.code, "kind": g.goal.kind, "statement": g.goal.statement, "capaian": _printed(g.capaian)}
            for g in doc.goals_with_indicators
        ],
        "budget": {
            "lines": lines,
            "total": {
                "pagu": _exact(doc.total.pagu),
                "realisasi": _exact(doc.total.realisasi),
                "sisa": _exact(doc.total.sisa),
                "serapan": _printed(doc.total.serapan),
                # Lines with a pagu but no known realisasi: the realisasi above is then partial.
                "realisasi_unknown_lines": doc.total.unknown,
                "lines": doc.total.lines,
                "partial": doc.total.partial_note or None,
            },
        },
        "checks": [{"code": c.code, "message": c.message, "where": c.where} for c in doc.checks],
    }
