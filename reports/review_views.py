"""Views of the review workflow: status steps, review notes, the reviewer's dashboard,
notifications, and the audit history pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from agencies.access import can_write, get_agency_for
from agencies.models import Agency, Membership
from core.cache_tokens import forget_users
from indicators.models import Indicator
from indicators.navigation import agency_context, checked_year

from . import review as workflow
from .dashboard import dashboard_rows, dashboard_workbook, latest_year_with_data, visible_agencies, years_with_data
from .forms import ReviewNoteForm, TransitionForm
from .models import Notification, PdfBuild, Report, ReportEvent, ReviewNote

ACTIONS = {
    "ajukan": ReportEvent.Action.SUBMIT,
    "kembalikan": ReportEvent.Action.RETURN,
    "terima": ReportEvent.Action.ACCEPT,
    "buka": ReportEvent.Action.REOPEN,
}


def report_for(agency: Agency, year: int, create: bool = False) -> Report | None:
    if create:
        return Report.objects.get_or_create(agency=agency, year=year)[0]
    return Report.objects.filter(agency=agency, year=year).first()


@login_required
def review(request, slug, year):
    """The report's status, its workflow history and the review notes."""
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    report = report_for(agency, year)
    indicators = Indicator.objects.filter(
        period__agency=agency, period__start_year__lte=year, period__end_year__gte=year
    )
    note_form = ReviewNoteForm(request.POST or None, indicators=indicators)
    may_note = workflow.role_of(request.user, agency) in ("reviewer", "admin")
    if request.method == "POST":
        if not may_note:
            raise PermissionDenied("Hanya reviewer yang menulis catatan reviu.")
        if note_form.is_valid():
            note = note_form.save(commit=False)
            note.report, note.author = report_for(agency, year, create=True), request.user
            note.save()
            workflow.note_added(note)
            messages.success(request, "Catatan reviu disimpan.")
            return redirect("review", slug=agency.slug, year=year)
    notes = list(report.notes.select_related("indicator", "author", "resolved_by")) if report else []
    return render(
        request,
        "reports/review.html",
        agency_context(
            request,
            agency,
            year,
            report=report,
            tab="review",
            notes=notes,
            open_note_count=sum(1 for n in notes if n.is_open),
            may_resolve=can_write(request.user, agency),
            note_form=note_form,
            may_note=may_note,
            events=report.events.select_related("by") if report else [],
            allowed=workflow.allowed_actions(report, request.user)
            if report
            else (
                [ReportEvent.Action.SUBMIT] if workflow.role_of(request.user, agency) in ("operator", "admin") else []
            ),
            archive=workflow.final_pdf(report) if report else None,
            transition_form=TransitionForm(),
        ),
    )


@login_required
@require_POST
def transition(request, slug, year, action):
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    step = ACTIONS.get(action)
    if step is None:
        raise Http404("Tindakan tidak dikenal")
    report = report_for(
        agency,
        year,
        create=step == ReportEvent.Action.SUBMIT and workflow.role_of(request.user, agency) in ("operator", "admin"),
    )
    if report is None or step not in workflow.allowed_actions(report, request.user):
        raise PermissionDenied("Anda tidak boleh mengambil tindakan ini pada laporan ini.")
    form = TransitionForm(request.POST)
    note = form.data.get("note", "")
    try:
        if step == ReportEvent.Action.SUBMIT:
            workflow.submit_report(report, request.user)
            messages.success(request, "Laporan diajukan ke reviewer.")
        elif step == ReportEvent.Action.RETURN:
            workflow.return_report(report, request.user, note)
            messages.success(request, "Laporan dikembalikan ke operator dengan catatan.")
        elif step == ReportEvent.Action.ACCEPT:
            result = workflow.accept_report(report, request.user, note)
            if isinstance(result, PdfBuild):
                messages.success(
                    request,
                    "Laporan final. PDF final sedang dibuat di latar belakang (laporan besar) dan diarsipkan "
                    "otomatis setelah selesai.",
                )
                return redirect("pdf_build", slug=agency.slug, year=year, build_id=result.pk)
            messages.success(request, f"Laporan final. PDF diarsipkan (SHA-256 {result.sha256}).")
        else:
            workflow.reopen_report(report, request.user, note)
            messages.success(request, "Laporan dibuka kembali; data dapat diubah lagi.")
    except workflow.TransitionRefused as refused:
        messages.error(request, str(refused))
    return redirect("review", slug=agency.slug, year=year)


@login_required
@require_POST
def resolve_note(request, slug, year, note_id):
    agency = get_agency_for(request.user, slug, write=True)
    note = get_object_or_404(ReviewNote, pk=note_id, report__agency=agency, report__year=checked_year(year))
    if note.is_open:
        note.resolved_at, note.resolved_by = timezone.now(), request.user
        note.save(update_fields=["resolved_at", "resolved_by"])
        messages.success(request, "Catatan ditandai selesai.")
    return redirect("review", slug=agency.slug, year=year)


@login_required
@require_safe
def dashboard(request, year=None):
    """The reviewer's overview of every assigned agency for a year (by default the
    newest year with data)."""
    if year is None:
        return redirect("dashboard", year=latest_year_with_data(visible_agencies(request.user)))
    year = checked_year(year)
    status_filter, sort = request.GET.get("status", ""), request.GET.get("urut", "instansi")
    return render(
        request,
        "reports/dashboard.html",
        {
            "rows": dashboard_rows(request.user, year, status_filter, sort),
            "year": year,
            "sort": sort,
            "status_filter": status_filter,
            "statuses": Report.Status.choices,
            "years": years_with_data(visible_agencies(request.user), year),
            # Reviewers are the agencies' evaluators too (the SAKIP evaluation).
            "evaluates": request.user.is_superuser
            or Membership.objects.filter(user=request.user, role=Membership.Role.REVIEWER, unit_code="").exists(),
        },
    )


@login_required
@require_safe
def dashboard_xlsx(request, year):
    year = checked_year(year)
    rows = dashboard_rows(request.user, year, request.GET.get("status", ""), request.GET.get("urut", "instansi"))
    response = HttpResponse(
        dashboard_workbook(rows, year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="dasbor-reviu-{year}.xlsx"'
    return response


@login_required
def notifications(request):
    items = Notification.objects.filter(user=request.user).select_related(
        "report__agency", "note__indicator", "note__author"
    )[:100]
    if request.method == "POST":
        Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
        forget_users([request.user.pk])  # update() sends no signals
        return redirect("notifications")
    return render(request, "reports/notifications.html", {"items": items})


@login_required
@require_safe
def notification_open(request, notification_id):
    """Mark the notification read and go to the place it is about."""
    item = get_object_or_404(
        Notification.objects.select_related("report__agency", "note__indicator"), pk=notification_id, user=request.user
    )
    if item.read_at is None:
        item.read_at = timezone.now()
        item.save(update_fields=["read_at"])
        forget_users([request.user.pk])
    return redirect(place_of(item))


def place_of(item: Notification) -> str:
    """Where a notification leads: the indicator's row in the year's grid when its
    note is about one indicator, else the note on the review page."""
    agency, year, note = item.report.agency, item.report.year, item.note
    if note is not None and note.indicator_id:
        return reverse("grid", args=[agency.slug, year]) + f"#indikator-{note.indicator_id}"
    anchor = f"#catatan-{note.pk}" if note is not None else ""
    return reverse("review", args=[agency.slug, year]) + anchor
