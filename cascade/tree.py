"""The pohon kinerja as a figure: region sasaran → agency sasaran → sasaran program →
sasaran kegiatan → kegiatan, laid out by Graphviz (dot) as SVG, each box coloured by
its capaian's status. The same figure shows on the tree page and in the report."""

from __future__ import annotations

import base64
import logging
import textwrap
from decimal import Decimal

import graphviz

from core.numbers import format_percent
from indicators import capaian as engine

from .scoring import Cascade, UnitGoalNode

logger = logging.getLogger(__name__)

FONT = "Liberation Sans"

# Fill colours by target status; the words say it too, so the figure reads in grey print.
FILL = {
    engine.STATUS_EXCEEDED: "#d1e7dd",
    engine.STATUS_MET: "#d1e7dd",
    engine.STATUS_NOT_MET: "#f8d7da",
    None: "#f1f3f5",
}


def status_of(value: Decimal | None) -> str | None:
    return engine.target_status(value)


def capaian_words(value: Decimal | None) -> str:
    """ "Capaian 96,50 %" or "Capaian belum diketahui" (unknown is never 0)."""
    if value is None:
        return "Capaian belum diketahui"
    return f"Capaian {format_percent(engine.round_half_up(value))}"


def _wrap(text: str, width: int = 30) -> str:
    return "\n".join(textwrap.fill(line, width, break_long_words=False) for line in text.split("\n"))


def tree_figure(cascade: Cascade) -> str | None:
    """A data URI of the figure, or None with nothing to draw (or no Graphviz)."""
    if not cascade.exists:
        return None
    graph = graphviz.Digraph(
        graph_attr={"rankdir": "LR", "nodesep": "0.10", "ranksep": "0.30", "bgcolor": "white"},
        node_attr={"shape": "box", "fontname": FONT, "fontsize": "9", "margin": "0.10,0.05", "style": "filled"},
        edge_attr={"arrowhead": "none", "color": "#1f4e79"},
    )

    def node(name: str, title: str, text: str, value: Decimal | None) -> None:
        label = _wrap(f"{title}\n{text}") + f"\n{capaian_words(value)}"
        graph.node(name, label, fillcolor=FILL[status_of(value)], color="#1f4e79")

    def unit_goal(parent: str, item: UnitGoalNode) -> None:
        name = f"u{item.goal.pk}"
        node(name, f"{item.goal.kind_label} ({item.goal.unit.name})", item.goal.statement, item.capaian)
        graph.edge(parent, name)
        for child in item.children:
            unit_goal(name, child)
        for budget in item.items:
            kegiatan = f"k{item.goal.pk}_{budget.pk}"
            graph.node(kegiatan, _wrap(f"{budget.get_level_display()} {budget.code}\n{budget.name}"), fillcolor="white")
            graph.edge(name, kegiatan)

    def agency_goal(parent: str | None, agency_node) -> None:
        goal = agency_node.result.goal
        name = f"g{goal.pk}"
        node(name, f"Sasaran Strategis {goal.code}", goal.statement, agency_node.result.capaian)
        if parent:
            graph.edge(parent, name)
        for child in agency_node.children:
            unit_goal(name, child)

    for region_node in cascade.region_goals:
        name = f"r{region_node.goal.pk}"
        node(name, f"Sasaran RPJMD {region_node.goal.code}", region_node.goal.statement, region_node.capaian)
        for child in region_node.children:
            agency_goal(name, child)
    for agency_node in cascade.unsupported:
        agency_goal(None, agency_node)
    try:
        svg = graph.pipe(format="svg")
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError):
        logger.exception("Graphviz could not draw the performance tree")
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
