"""Charts as SVG data URIs, drawn by pygal; the same image in the HTML and the PDF.

Chart geometry needs floats; the labels printed on the chart are rounded like every
other number of the report (2 decimals, Indonesian style). The axis always covers the
largest value with headroom (pygal's own range can stop below it), and a chart with
nothing to draw is not drawn at all: the report says so in words instead.
"""

from __future__ import annotations

import base64
from decimal import Decimal

import pygal
from pygal.style import Style

from core.numbers import format_number

STYLE = Style(
    font_family="Liberation Sans, Arial, sans-serif",
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#222",
    foreground_subtle="#666",
    colors=("#9db7d5", "#1f4e79", "#c0504d"),
    # The chart is printed 600 px -> 160 mm wide, so 1 px is 0,75 pt: nothing under 8 pt.
    title_font_size=14,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    value_font_size=11,
)

COMMON = {
    "style": STYLE,
    "js": [],  # no script: pygal would otherwise link its JavaScript from the web
    "disable_xml_declaration": True,
    "print_values": True,
    "legend_at_bottom": True,
    "width": 600,
    "height": 300,
    "margin": 12,
    # Fewer SVG elements: guides and value labels of every bar cost layout time in the PDF.
    "show_y_guides": True,
    "show_x_guides": False,
    "show_minor_x_labels": True,
}


def _data_uri(chart) -> str:
    svg = chart.render()
    svg = svg if isinstance(svg, bytes) else svg.encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _formatter(value) -> str:
    """A value printed on the chart: 2 decimals, like the tables."""
    return "" if value is None else format_number(Decimal(str(value)), places=2)


def _axis_formatter(value) -> str:
    """An axis label: the tick as it is (0, 10, 0,5), never cut short."""
    return "" if value is None else format_number(round(Decimal(str(value)), 4), places=None)


# Above this many bars the value labels would touch: the values are in the table above.
MAX_LABELLED_BARS = 12


def axis_range(values: list[Decimal | None], minimum_top: Decimal = Decimal(0)) -> tuple[float, float]:
    """From 0 (or the lowest negative value) to the largest value plus 15 % headroom."""
    known = [v for v in values if v is not None]
    top = max([*known, minimum_top, Decimal(1)]) * Decimal("1.15")
    bottom = min([*known, Decimal(0)])
    return float(bottom * Decimal("1.15")), float(top)


def target_vs_realization(
    title: str, unit: str, series: list[tuple[int, Decimal | None, Decimal | None]]
) -> str | None:
    """Target (bars) against realization (bars) for every Renstra year; None when no
    year has either."""
    values = [v for _, target, realization in series for v in (target, realization)]
    if all(v is None for v in values):
        return None
    chart = pygal.Bar(
        title=_short(title),
        formatter=_formatter,
        value_formatter=_axis_formatter,
        y_title=unit or None,
        range=axis_range(values),
        **{**COMMON, "print_values": len(values) <= MAX_LABELLED_BARS},
    )
    chart.x_labels = [str(year) for year, _, _ in series]
    chart.add("Target", [_float(target) for _, target, _ in series])
    chart.add("Realisasi", [_float(realization) for _, _, realization in series])
    return _data_uri(chart)


def budget_absorption(rows: list[tuple[str, Decimal | None]]) -> str | None:
    """Serapan anggaran (%) per program; None when no program has one."""
    if all(value is None for _, value in rows):
        return None
    chart = pygal.HorizontalBar(
        title="Serapan anggaran per program (%)",
        formatter=lambda v: f"{_formatter(v)} %",
        value_formatter=lambda v: f"{_axis_formatter(v)} %",
        show_legend=False,
        range=axis_range([value for _, value in rows], minimum_top=Decimal(100)),
        **{**COMMON, "height": max(200, 40 + 26 * len(rows))},
    )
    chart.x_labels = [code for code, _ in rows]
    chart.add("Serapan", [_float(value) for _, value in rows])
    return _data_uri(chart)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
