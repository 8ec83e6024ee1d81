"""Narrative text with the formatting a chapter needs: paragraphs, lists, bold and
italics, sub-headings and tables.

Users write Markdown; it is rendered and then cleaned by an allow-list sanitizer, so
no HTML from users reaches a page (or a PDF) unescaped, and no URL at all: a link or
an image typed into the text keeps only its words.
"""

import re

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "h4",
    "h5",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
# The chapter owns h1-h3 (BAB, 3.1, the sasaran): a heading typed in a section sits
# below them, whatever level the writer chose.
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def _nest_heading(match: re.Match) -> str:
    level = 4 if int(match.group(2)) <= 3 else 5
    return f"<{match.group(1)}h{level}"


def render_narrative(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    html = _HEADING.sub(_nest_heading, html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={},
        url_schemes=set(),
        # A typed table reads like the report's own tables.
        set_tag_attribute_values={"table": {"class": "data narrative-table"}},
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by the allow-list above
