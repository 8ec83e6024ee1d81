"""Narrative text with simple formatting: paragraphs, lists, bold and italics.

Users write Markdown; it is rendered and then cleaned by an allow-list sanitizer, so
no HTML from users reaches a page (or a PDF) unescaped.
"""

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i"}


def render_narrative(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, url_schemes=set()))  # noqa: S308 - cleaned
