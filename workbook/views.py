"""Excel in and out for one agency-year: the upload page, export, template, and the
annotated copy of a refused upload."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from agencies.access import assert_year_writable, can_edit_profile, can_edit_year, get_agency_for
from indicators.navigation import agency_context, checked_year

from . import spec
from .annotate import annotate
from .export import export_workbook, template_workbook
from .forms import WorkbookUploadForm
from .importer import MAX_ERRORS, import_workbook
from .models import WorkbookImport
from .pruning import prune_imports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def workbook_page(request, slug, year):
    """Excel in and out: export, template, and the upload, which first shows what would
    change (a preview) and imports only when the user confirms."""
    agency = get_agency_for(request.user, slug, write=request.method == "POST")
    year = checked_year(year)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    attempt = None
    if request.method == "POST":
        assert_year_writable(agency, year)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        replace = form.cleaned_data["replace"]
        result = _import(request, agency, year, data, replace, dry_run=True)
        attempt = WorkbookImport.objects.create(
            agency=agency,
            year=year,
            user=request.user,
            filename=upload.name[:255],
            replace=replace,
            succeeded=False,
            errors=[_issue_dict(i) for i in result.errors],
            error_count=result.error_count,
            notes=[_issue_dict(i) for i in result.notes[:MAX_ERRORS]],
            annotated=None if result.ok or not annotatable(data, result) else annotate(data, result.errors),
            pending=data if result.ok else None,
            data_version=agency.data_version if result.ok else None,
            changes=_changes_json(result) if result.ok else {},
        )
        prune_imports([agency.pk])
        if result.ok:
            return redirect("workbook_preview", slug=agency.slug, year=year, import_id=attempt.pk)
        shown = f" ({len(result.errors)} pertama ditampilkan)" if result.error_count > len(result.errors) else ""
        messages.error(
            request, f"{result.error_count} galat{shown}; tidak ada data yang diubah. Perbaiki lalu unggah lagi."
        )
    return render(
        request,
        "workbook/upload.html",
        agency_context(
            request,
            agency,
            year,
            form=form,
            attempt=attempt,
            tab="workbook",
            can_edit=can_edit_year(request.user, agency, year),
            recent=WorkbookImport.objects.filter(agency=agency).defer("annotated", "pending")[:10],
        ),
    )


@login_required
def workbook_preview(request, slug, year, import_id):
    """What the uploaded file would change; importing it is one more click."""
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    # Any user who may write the agency's data may confirm it (a colleague of the uploader too).
    attempt = get_object_or_404(WorkbookImport, pk=import_id, agency=agency, year=year, pending__isnull=False)
    if request.method == "POST":
        assert_year_writable(agency, year)
        data = bytes(attempt.pending)
        if agency.data_version != attempt.data_version:
            # Someone changed the data since the preview: show what the file changes now.
            result = _import(request, agency, year, data, attempt.replace, dry_run=True)
            attempt.data_version, attempt.changes = agency.data_version, _changes_json(result) if result.ok else {}
            attempt.save(update_fields=["data_version", "changes"])
            messages.warning(request, "Data instansi berubah sejak pratinjau dibuat; periksa pratinjau baru ini.")
            if not result.ok:
                messages.error(
                    request, "Berkas ini tidak lagi dapat diimpor: " + "; ".join(map(str, result.errors[:5]))
                )
            return redirect("workbook_preview", slug=agency.slug, year=year, import_id=attempt.pk)
        result = _import(request, agency, year, data, attempt.replace, dry_run=False)
        if not result.ok:
            messages.error(request, "Impor gagal: " + "; ".join(map(str, result.errors[:5])))
            return redirect("workbook", slug=agency.slug, year=year)
        attempt.succeeded, attempt.pending, attempt.changes = True, None, _changes_json(result)
        attempt.save(update_fields=["succeeded", "pending", "changes"])
        messages.success(request, f"Berkas {attempt.filename} diimpor: {result.changes.sentence()}.")
        for note in result.notes[:20]:
            messages.info(request, str(note))
        return redirect("workbook", slug=agency.slug, year=year)
    return render(
        request,
        "workbook/preview.html",
        agency_context(request, agency, year, attempt=attempt, tab="workbook"),
    )


def _import(request, agency, year, data: bytes, replace: bool, dry_run: bool):
    return import_workbook(
        data,
        year,
        agency=agency,
        replace=replace,
        may_change_identity=can_edit_profile(request.user, agency),
        dry_run=dry_run,
    )


def _changes_json(result) -> dict:
    rows = {
        spec.SASARAN: result.counts.get("sasaran"),
        spec.INDIKATOR: result.counts.get("indikator"),
        spec.TARGET: result.counts.get("target"),
        spec.REALISASI: result.counts.get("realisasi"),
        spec.ANGGARAN: result.counts.get("anggaran"),
    }
    return result.changes.as_json({k: v for k, v in rows.items() if v is not None})


# Marking up a copy loads the whole workbook into memory: only for files of a size
# people fix by hand. Larger ones get the error list.
ANNOTATE_MAX_BYTES = 2 * 1024 * 1024
ANNOTATE_MAX_ROWS = 10_000


def annotatable(data: bytes, result) -> bool:
    return len(data) <= ANNOTATE_MAX_BYTES and result.rows_read <= ANNOTATE_MAX_ROWS


def _issue_dict(issue) -> dict:
    return {"sheet": issue.sheet, "row": issue.row, "column": issue.column, "message": issue.message}


@login_required
@require_safe
def workbook_export(request, slug, year):
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    return _xlsx_response(export_workbook(agency, year), f"lkjip-{agency.slug}-{year}.xlsx")


@login_required
@require_safe
def workbook_template(request):
    return _xlsx_response(template_workbook(), "template-lkjip.xlsx")


@login_required
@require_safe
def workbook_errors(request, slug, year, import_id):
    agency = get_agency_for(request.user, slug)
    attempt = get_object_or_404(WorkbookImport, pk=import_id, agency=agency, year=checked_year(year))
    if not attempt.annotated:
        raise Http404("Tidak ada salinan bertanda untuk unggahan ini")
    return _xlsx_response(bytes(attempt.annotated), f"galat-{attempt.filename}")
