"""Views of the review workflow: status steps, review notes, the reviewer's dashboard,
notifications, and the audit history pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from agencies.access import can_write, get_agency_for
from agencies.models import Agency
from budget.tree import budget_tree
from core.cache_tokens import forget_users
from indicators.models import Indicator
from indicators.navigation import agency_context, checked_year
from indicators.results import agency_year_results

from . import review as workflow
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


SORTS = {
    "instansi": lambda r: r["agency"].name,
    "status": lambda r: r["status"],
    "capaian": lambda r: (r["capaian"] is None, -(r["capaian"] or 0)),
    "serapan": lambda r: (r["serapan"] is None, -(r["serapan"] or 0)),
    "catatan": lambda r: -r["open_notes"],
}


@login_required
@require_safe
def dashboard(request, year=None):
    """The reviewer's overview of every assigned agency for a year."""
    if year is None:
        return redirect("dashboard", year=timezone.localdate().year - 1)
    year = checked_year(year)
    agencies = Agency.objects.visible_to(request.user).select_related("region")
    reports = {
        r.agency_id: r
        for r in Report.objects.filter(agency__in=agencies, year=year).annotate(
            open_notes=Count("notes", filter=Q(notes__resolved_at__isnull=True))
        )
    }
    status_filter = request.GET.get("status", "")
    rows = []
    for agency in agencies:
        report = reports.get(agency.pk)
        status = report.status if report else Report.Status.DRAFT
        if status_filter and status != status_filter:
            continue
        results = agency_year_results(agency, year)
        rows.append(
            {
                "agency": agency,
                "report": report,
                "status": status,
                "status_label": Report.Status(status).label,
                "capaian": results.capaian,
                "predicate": results.predicate,
                "serapan": budget_tree(agency, year).total().serapan,
                "open_notes": report.open_notes if report else 0,
            }
        )
    sort = request.GET.get("urut", "instansi")
    rows.sort(key=SORTS.get(sort, SORTS["instansi"]))
    return render(
        request,
        "reports/dashboard.html",
        {
            "rows": rows,
            "year": year,
            "sort": sort,
            "status_filter": status_filter,
            "statuses": Report.Status.choices,
            "years": range(year + 1, year - 6, -1),
        },
    )


@login_required
def notifications(request):
    items = Notification.objects.filter(user=request.user).select_related("report__agency")[:100]
    if request.method == "POST":
        Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
        forget_users([request.user.pk])  # update() sends no signals
        return redirect("notifications")
    return render(request, "reports/notifications.html", {"items": items})
