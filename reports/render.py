"""The report document as one self-contained HTML string: styles inline, images as
data URIs. The HTML view, the HTML export and the PDF all use this one string."""

from __future__ import annotations

import base64
import mimetypes
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from .document import ReportDocument

CSS_PATH = Path(settings.BASE_DIR) / "static" / "css" / "report.css"

TOC_BAB1 = [
    ("latar-belakang", "1.1 Latar Belakang"),
    ("maksud-tujuan", "1.2 Maksud dan Tujuan"),
    ("dasar-hukum", "1.3 Dasar Hukum"),
    ("gambaran-umum", "1.4 Gambaran Umum Organisasi"),
    ("isu-strategis", "1.5 Isu Strategis"),
    ("sistematika", "1.6 Sistematika Penulisan"),
]
TOC_BAB2 = [
    ("rencana-strategis", "2.1 Rencana Strategis"),
    ("perjanjian-kinerja", "2.2 Perjanjian Kinerja"),
    ("program-anggaran", "2.3 Program dan Anggaran"),
]


@cache
def report_css() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


def image_data_uri(field_file) -> str | None:
    """An uploaded image (emblem) as a data URI, so the document needs no file beside it."""
    if not field_file:
        return None
    try:
        with field_file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, ValueError):
        return None
    mime = mimetypes.guess_type(field_file.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def render_document(doc: ReportDocument, screen: str = "") -> str:
    context = {
        "doc": doc,
        "css": report_css(),
        "emblem_uri": image_data_uri(doc.emblem),
        "renstra_targets": doc.renstra_targets(),
        "quarter_rows": doc.quarter_rows(),
        "quarter_budget_rows": doc.quarter_budget_rows(),
        "toc_bab1": TOC_BAB1,
        "toc_bab2": TOC_BAB2,
        "screen": screen,
    }
    return render_to_string("reports/document/document.html", context)


def render_agreement(doc: ReportDocument) -> str:
    """The Perjanjian Kinerja alone, as the signed document (the Lampiran's copy)."""
    return render_to_string("reports/document/pk_document.html", {"doc": doc, "css": report_css()})
