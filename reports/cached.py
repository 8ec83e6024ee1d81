"""The report of an agency-year, built once per data version and shared by every
process through the cache (Redis in production): the document, and what HTML and JSON
make of it.

Keys carry the agency's data version as read *before* the build (the agency row is
loaded at the start of the request or task), so a value is never stored under a
version newer than the data it was built from: a write during the build bumps the
version, and the next reader builds again. Any change of agency-year data bumps the
version (core/registry.py decides what counts; agencies/versioning.py bumps), so a
changed value is in the next page, JSON and PDF.
"""

from __future__ import annotations

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import format_html_join

from agencies.models import Agency

from .document import ReportDocument, build_document
from .json_export import report_data
from .pdf import html_to_pdf
from .render import render_agreement, render_document

TIMEOUT = 24 * 3600
_MISSING = object()


def _key(agency: Agency, year: int, part: str) -> str:
    return f"report:{agency.pk}:{year}:{agency.data_version}:{part}"


def document(agency: Agency, year: int) -> ReportDocument:
    """The document of this data version: built by the first reader, shared after."""
    key = _key(agency, year, "document")
    doc = cache.get(key)
    if doc is None:
        doc = build_document(agency, year)
        cache.set(key, doc, TIMEOUT)
    return doc


def screen_bar(doc: ReportDocument) -> str:
    links = [
        (reverse("workspace", args=[doc.agency.slug, doc.year]), "← Kembali ke ruang kerja"),
        (reverse("report_pdf", args=[doc.agency.slug, doc.year]), "Unduh PDF"),
        (reverse("report_json", args=[doc.agency.slug, doc.year]), "Data JSON"),
    ]
    return format_html_join(" ", '<a href="{}">{}</a>', links)


# What each output makes of the document: the HTML view (with its bar of links), the
# printable HTML (what the PDF is made from), the JSON data, and the Perjanjian Kinerja
# on its own (a few pages: built in the request that first asks for it, then shared).
RENDERERS = {
    "screen": lambda doc: render_document(doc, screen=screen_bar(doc)),
    "print": render_document,
    "json": report_data,
    "agreement_pdf": lambda doc: html_to_pdf(render_agreement(doc)),
}


def output(agency: Agency, year: int, part: str):
    """One output of the year's report, or None when the year is in no Renstra period
    (there is no report then)."""
    key = _key(agency, year, part)
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        doc = document(agency, year)
        found = None if doc.period is None else RENDERERS[part](doc)
        cache.set(key, found, TIMEOUT)
    return found
