"""The review workflow (PermenPAN-RB 53/2014 reviu): each step one verb, one transaction.

Draft -> Diajukan (operator submits; the year's data is frozen) -> Dikembalikan with
notes (reviewer returns; writable again, submitted again when fixed) or Final
(reviewer accepts, with a stated reason if review notes are still open; locked).
Final builds the PDF once (large reports: in the background) and archives it with its
SHA-256; an admin can reopen a final report with a recorded reason.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from agencies import locking
from agencies.models import Agency, LockedYear, Membership
from core.cache_tokens import forget_users

from .document import build_document
from .models import Notification, PdfBuild, Report, ReportArchive, ReportEvent, ReviewNote
from .pdf import html_to_pdf
from .render import render_document
from .tasks import build_pdf, is_large


class TransitionRefused(Exception):
    """The step is not allowed from this status or for this user."""


def role_of(user, agency: Agency) -> str | None:
    if user.is_superuser:
        return "admin"
    membership = Membership.objects.filter(user=user, agency=agency, unit_code="").first()
    return membership.role if membership else None


def allowed_actions(report: Report, user) -> list[str]:
    """The workflow steps `user` may take on `report` now (for buttons and checks)."""
    role = role_of(user, report.agency)
    status = report.status
    actions = []
    if status in (Report.Status.DRAFT, Report.Status.RETURNED) and role in ("operator", "admin"):
        actions.append(ReportEvent.Action.SUBMIT)
    if status == Report.Status.SUBMITTED and role in ("reviewer", "admin"):
        actions += [ReportEvent.Action.RETURN, ReportEvent.Action.ACCEPT]
    if status == Report.Status.FINAL and role == "admin":
        actions.append(ReportEvent.Action.REOPEN)
    return actions


def _require(report: Report, user, action: str) -> None:
    if action not in allowed_actions(report, user):
        raise TransitionRefused(
            f"Tindakan '{ReportEvent.Action(action).label}' tidak diizinkan untuk laporan berstatus "
            f"{report.get_status_display()}."
        )


def _notify(report: Report, role: str, message: str, exclude=None, note=None) -> None:
    users = get_user_model().objects.filter(
        memberships__agency=report.agency, memberships__role=role, memberships__unit_code=""
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    created = Notification.objects.bulk_create(
        Notification(user=u, report=report, message=message, note=note) for u in users
    )
    forget_users(n.user_id for n in created)  # bulk_create sends no signals


def note_added(note: ReviewNote) -> None:
    """Tell the agency's operators about a new review note: they are the ones to act."""
    report = note.report
    _notify(
        report,
        "operator",
        f"Catatan reviu baru pada LKjIP {report.agency.name} {report.year}.",
        exclude=note.author,
        note=note,
    )


def _locked_for_update(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("agency__region").get(pk=report.pk)


@transaction.atomic
def submit_report(report: Report, by) -> Report:
    report = _locked_for_update(report)
    _require(report, by, ReportEvent.Action.SUBMIT)
    report.status = Report.Status.SUBMITTED
    report.save(update_fields=["status"])
    LockedYear.objects.update_or_create(
        agency=report.agency, year=report.year, defaults={"reason": LockedYear.Reason.UNDER_REVIEW}
    )
    ReportEvent.objects.create(report=report, action=ReportEvent.Action.SUBMIT, by=by)
    _notify(report, "reviewer", f"LKjIP {report.agency.name} {report.year} diajukan untuk direviu.")
    return report


@transaction.atomic
def return_report(report: Report, by, note: str) -> Report:
    report = _locked_for_update(report)
    _require(report, by, ReportEvent.Action.RETURN)
    if not note.strip():
        raise TransitionRefused("Tuliskan catatan mengapa laporan dikembalikan.")
    report.status = Report.Status.RETURNED
    report.save(update_fields=["status"])
    LockedYear.objects.filter(agency=report.agency, year=report.year).delete()
    ReportEvent.objects.create(report=report, action=ReportEvent.Action.RETURN, by=by, note=note)
    written = ReviewNote.objects.create(report=report, text=note, author=by)
    _notify(report, "operator", f"LKjIP {report.agency.name} {report.year} dikembalikan dengan catatan.", note=written)
    return report


@transaction.atomic
def accept_report(report: Report, by, reason: str = "") -> ReportArchive | PdfBuild:
    """Final: lock the year and archive the PDF, built once, with its SHA-256.

    With review notes still open the reviewer must say why it is accepted anyway; the
    reason is recorded with the event. A large report's PDF is built by a background
    task instead (minutes for a thousand pages), which archives it when done: the
    PdfBuild to follow is returned.
    """
    report = _locked_for_update(report)
    _require(report, by, ReportEvent.Action.ACCEPT)
    open_notes = report.notes.filter(resolved_at__isnull=True).count()
    if open_notes and not reason.strip():
        raise TransitionRefused(
            f"Masih ada {open_notes} catatan reviu yang belum selesai. Selesaikan dulu, atau tuliskan alasan "
            "laporan tetap diterima."
        )
    report.status = Report.Status.FINAL
    report.save(update_fields=["status"])
    LockedYear.objects.update_or_create(
        agency=report.agency, year=report.year, defaults={"reason": LockedYear.Reason.FINAL}
    )
    note = f"Diterima dengan {open_notes} catatan terbuka. Alasan: {reason.strip()}" if open_notes else ""
    ReportEvent.objects.create(report=report, action=ReportEvent.Action.ACCEPT, by=by, note=note)
    _notify(report, "operator", f"LKjIP {report.agency.name} {report.year} diterima dan final.")
    _notify(report, "reviewer", f"LKjIP {report.agency.name} {report.year} final.", exclude=by)
    if is_large(report.agency, report.year):
        build = PdfBuild.objects.create(agency=report.agency, year=report.year, requested_by=by)
        transaction.on_commit(lambda: build_pdf.enqueue(build.pk))
        return build
    return ReportArchive.store(report, html_to_pdf(render_document(build_document(report.agency, report.year))))


@transaction.atomic
def reopen_report(report: Report, by, reason: str) -> Report:
    report = _locked_for_update(report)
    _require(report, by, ReportEvent.Action.REOPEN)
    if not reason.strip():
        raise TransitionRefused("Alasan membuka kembali wajib diisi.")
    with locking.unlocked():
        report.status = Report.Status.DRAFT
        report.save(update_fields=["status"])
        LockedYear.objects.filter(agency=report.agency, year=report.year).delete()
    ReportEvent.objects.create(report=report, action=ReportEvent.Action.REOPEN, by=by, note=reason)
    _notify(report, "operator", f"LKjIP {report.agency.name} {report.year} dibuka kembali: {reason[:150]}")
    return report


def final_pdf(report: Report) -> ReportArchive | None:
    """The archived PDF of a final report (the newest, if it was reopened and finalized again)."""
    if report.status != Report.Status.FINAL:
        return None
    return report.archives.order_by("-created_at", "-id").first()
