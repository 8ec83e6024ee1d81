"""Documents the app already holds, offered as evidence with one click: the archived
final LKjIP (with its SHA-256, so a reader can check the file is the one evaluated),
the year's Perjanjian Kinerja, and the Renstra covering the year."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from agencies.models import Agency
from indicators.models import RenstraPeriod
from reports.models import Report
from reports.review import final_pdf


@dataclass(frozen=True)
class LinkableDocument:
    key: str
    label: str
    url: str
    sha256: str = ""


def linkable_documents(agency: Agency, year: int) -> list[LinkableDocument]:
    documents = []
    report = Report.objects.filter(agency=agency, year=year).first()
    archive = final_pdf(report) if report else None
    if archive:
        documents.append(
            LinkableDocument(
                "lkjip",
                f"LKjIP {year} final (SHA-256 {archive.sha256[:12]}…)",
                reverse("report_pdf", args=[agency.slug, year]),
                archive.sha256,
            )
        )
    period = RenstraPeriod.objects.filter(agency=agency).covering(year).first()
    if period:
        documents.append(
            LinkableDocument("pk", f"Perjanjian Kinerja {year}", reverse("agreement_pdf", args=[agency.slug, year]))
        )
        documents.append(
            LinkableDocument(
                "renstra",
                f"Renstra {period.start_year}-{period.end_year}",
                reverse("plan", args=[agency.slug, period.pk]),
            )
        )
    return documents
