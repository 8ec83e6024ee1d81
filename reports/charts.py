"""Charts as SVG data URIs, drawn by pygal; the same image in the HTML and the PDF.

Chart geometry needs floats; the labels printed on the chart are formatted from the
exact values, Indonesian style.
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
    title_font_size=14,
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=11,
    value_font_size=10,
)

COMMON = {
    "style": STYLE,
    "js": [],  # no script: pygal would otherwise link its JavaScript from the web
    "disable_xml_declaration": True,
    "print_values": True,
    "legend_at_bottom": True,
    "width": 720,
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
    return "" if value is None else format_number(Decimal(str(value)), places=None)


def target_vs_realization(title: str, unit: str, series: list[tuple[int, Decimal | None, Decimal | None]]) -> str:
    """Target (bars) against realization (bars) for every Renstra year."""
    chart = pygal.Bar(title=_short(title), value_formatter=_formatter, y_title=unit or None, **COMMON)
    chart.x_labels = [str(year) for year, _, _ in series]
    chart.add("Target", [_float(target) for _, target, _ in series])
    chart.add("Realisasi", [_float(realization) for _, _, realization in series])
    return _data_uri(chart)


def budget_absorption(rows: list[tuple[str, Decimal | None]]) -> str:
    """Serapan anggaran (%) per program."""
    chart = pygal.HorizontalBar(
        title="Serapan anggaran per program (%)",
        value_formatter=lambda v: f"{_formatter(round(Decimal(str(v)), 2))} %",
        show_legend=False,
        range=(0, 100),
        **{**COMMON, "height": max(200, 40 + 26 * len(rows))},
    )
    chart.x_labels = [code for code, _ in rows]
    chart.add("Serapan", [_float(value) for _, value in rows])
    return _data_uri(chart)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
