"""Excel in and out for one agency-year: the upload page, export, template, and the
annotated copy of a refused upload."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from agencies.access import assert_year_writable, can_edit_profile, can_edit_year, get_agency_for
from indicators.navigation import agency_context, checked_year

from . import runs
from .export import export_workbook, template_workbook
from .forms import WorkbookUploadForm
from .models import WorkbookImport
from .pruning import prune_imports
from .tasks import apply_import, check_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def workbook_page(request, slug, year):
    """Excel in and out: export, template, and the upload, which first shows what would
    change (a preview) and imports only when the user confirms. `?unggahan=<id>` shows
    how an earlier upload ended (where the progress page of a large one leads)."""
    agency = get_agency_for(request.user, slug, write=request.method == "POST")
    year = checked_year(year)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    attempt = _shown_attempt(request, agency, year)
    if request.method == "POST":
        assert_year_writable(agency, year)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        attempt = WorkbookImport.objects.create(
            agency=agency,
            year=year,
            user=request.user,
            filename=upload.name[:255],
            replace=form.cleaned_data["replace"],
            pending=data,
            identity_allowed=can_edit_profile(request.user, agency),
        )
        prune_imports([agency.pk])
        if runs.is_large(data):
            transaction.on_commit(lambda: check_import.enqueue(attempt.pk))
            return redirect("workbook_progress", slug=agency.slug, year=year, import_id=attempt.pk)
        runs.check(attempt)
        if attempt.state == WorkbookImport.State.PREVIEW:
            return redirect("workbook_preview", slug=agency.slug, year=year, import_id=attempt.pk)
        _tell_refused(request, attempt)
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


def _shown_attempt(request, agency, year) -> WorkbookImport | None:
    shown = request.GET.get("unggahan", "")
    if request.method != "GET" or not shown.isdigit():
        return None
    return get_object_or_404(WorkbookImport.objects.defer("annotated", "pending"), pk=shown, agency=agency, year=year)


def _tell_refused(request, attempt: WorkbookImport) -> None:
    shown = f" ({len(attempt.errors)} pertama ditampilkan)" if attempt.error_count > len(attempt.errors) else ""
    messages.error(
        request, f"{attempt.error_count} galat{shown}; tidak ada data yang diubah. Perbaiki lalu unggah lagi."
    )


@login_required
def workbook_preview(request, slug, year, import_id):
    """What the uploaded file would change; importing it is one more click."""
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    # Any user who may write the agency's data may confirm it (a colleague of the uploader too).
    attempt = get_object_or_404(
        WorkbookImport, pk=import_id, agency=agency, year=year, state=WorkbookImport.State.PREVIEW
    )
    if request.method == "POST":
        assert_year_writable(agency, year)
        attempt.identity_allowed = can_edit_profile(request.user, agency)
        attempt.save(update_fields=["identity_allowed"])
        if runs.is_large(bytes(attempt.pending)):
            attempt.state, attempt.step = WorkbookImport.State.IMPORTING, "Menunggu giliran"
            attempt.save(update_fields=["state", "step"])
            transaction.on_commit(lambda: apply_import.enqueue(attempt.pk))
            return redirect("workbook_progress", slug=agency.slug, year=year, import_id=attempt.pk)
        runs.apply(attempt)
        return _after_apply(request, attempt)
    return render(
        request,
        "workbook/preview.html",
        agency_context(request, agency, year, attempt=attempt, tab="workbook"),
    )


def _after_apply(request, attempt: WorkbookImport):
    agency, year = attempt.agency, attempt.year
    if attempt.state == WorkbookImport.State.PREVIEW:  # the data changed: its page says so
        return redirect("workbook_preview", slug=agency.slug, year=year, import_id=attempt.pk)
    if attempt.state == WorkbookImport.State.IMPORTED:
        messages.success(request, f"Berkas {attempt.filename} diimpor: {attempt.changes.get('sentence', '')}.")
        for note in attempt.notes[:20]:
            messages.info(request, note["message"])
        return redirect("workbook", slug=agency.slug, year=year)
    messages.error(request, "Impor gagal: " + "; ".join(e["message"] for e in attempt.errors[:5]))
    return redirect(f"{reverse('workbook', args=[agency.slug, year])}?unggahan={attempt.pk}")


@login_required
@require_safe
def workbook_progress(request, slug, year, import_id):
    """The progress of a large upload being checked or imported in the background."""
    attempt = _attempt_for(request, slug, year, import_id)
    return render(
        request,
        "workbook/progress.html",
        agency_context(request, attempt.agency, attempt.year, attempt=attempt, tab="workbook"),
    )


@login_required
@require_safe
def workbook_status(request, slug, year, import_id):
    attempt = _attempt_for(request, slug, year, import_id)
    return JsonResponse(
        {
            "state": attempt.state,
            "label": attempt.get_state_display(),
            "step": attempt.step,
            "running": attempt.state in WorkbookImport.RUNNING,
            "next": _next_page(attempt),
        }
    )


def _attempt_for(request, slug, year, import_id) -> WorkbookImport:
    agency = get_agency_for(request.user, slug)
    return get_object_or_404(
        WorkbookImport.objects.defer("annotated", "pending"), pk=import_id, agency=agency, year=checked_year(year)
    )


def _next_page(attempt: WorkbookImport) -> str:
    """Where the progress page leads once the step is over."""
    if attempt.state in WorkbookImport.RUNNING:
        return ""
    if attempt.state == WorkbookImport.State.PREVIEW:
        return reverse("workbook_preview", args=[attempt.agency.slug, attempt.year, attempt.pk])
    return f"{reverse('workbook', args=[attempt.agency.slug, attempt.year])}?unggahan={attempt.pk}"


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
