"""A unit's Perjanjian Kinerja as a PDF in the regulation's format (PermenPAN-RB
53/2014): here, not in `cascade`, because the PDF uses the report's print styles."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from agencies.access import locked_years
from cascade.access import get_unit_for
from cascade.agreement_doc import agreement_document
from cascade.models import Agreement

from .pdf import html_to_pdf
from .render import report_css


@login_required
@require_safe
def unit_agreement_pdf(request, slug, year, agreement_id):
    agreement = get_object_or_404(
        Agreement.objects.select_related("unit__parent", "agency"), pk=agreement_id, year=year
    )
    agency, _ = get_unit_for(request.user, slug, year, agreement.unit_id)
    if agreement.agency_id != agency.pk:
        raise Http404("Perjanjian Kinerja tidak ditemukan")
    doc = agreement_document(agreement)
    html = render_to_string(
        "reports/document/unit_pk.html",
        {"doc": doc, "css": report_css(), "draft": year not in locked_years(agency.pk)},
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    name = f"pk-{agency.slug}-{year}-unit-{agreement.unit.code}-{agreement.revision}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
