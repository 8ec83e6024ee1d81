"""The organisation chart: the unit tree laid out by Graphviz (dot) as SVG, embedded as
a data URI like the report's other charts, so the HTML and the PDF show the same
picture. Graphviz places the boxes; this module only says what is in them."""

from __future__ import annotations

import base64
import logging
import textwrap

import graphviz

from .profile import UnitLine

logger = logging.getLogger(__name__)

FONT = "Liberation Sans"


def _label(line: UnitLine) -> str:
    unit = line.unit
    parts = [unit.name]
    if unit.level:
        parts.append(unit.get_level_display())
    if unit.head_name:
        parts.append(unit.head_name)
    return "\n".join(parts)


def org_chart(lines: list[UnitLine]) -> str | None:
    """A data URI of the chart, or None when there is nothing to draw (or Graphviz is
    missing: the report then prints the unit table alone and says so)."""
    if not lines:
        return None
    graph = graphviz.Digraph(
        # Left to right: the head, then the units under it in columns, their sub-units
        # stacked below one another, as a portrait A4 page has room for.
        graph_attr={"rankdir": "LR", "splines": "ortho", "nodesep": "0.12", "ranksep": "0.35", "bgcolor": "white"},
        node_attr={
            "shape": "box",
            "fontname": FONT,
            "fontsize": "10",
            "margin": "0.12,0.06",
            "width": "2.2",
            "style": "filled",
            "fillcolor": "#eef3f9",
            "color": "#1f4e79",
        },
        edge_attr={"arrowhead": "none", "color": "#1f4e79"},
    )
    known = {line.unit.pk for line in lines}
    for line in lines:
        graph.node(f"u{line.unit.pk}", _wrap(_label(line)))
    for line in lines:
        if line.unit.parent_id in known:
            graph.edge(f"u{line.unit.parent_id}", f"u{line.unit.pk}")
    try:
        svg = graph.pipe(format="svg")
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError):
        logger.exception("Graphviz could not draw the organisation chart")
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _wrap(text: str, width: int = 28) -> str:
    """Long unit names over several lines, so boxes stay narrow enough for A4."""
    return "\n".join(textwrap.fill(line, width, break_long_words=False) for line in text.split("\n"))
