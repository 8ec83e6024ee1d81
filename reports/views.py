from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from agencies.access import assert_year_writable, can_edit_year, can_write, get_agency_for, locked_years
from agencies.models import Agency
from budget.tree import budget_tree
from cascade.access import units_of_user
from cascade.region import planned_regions
from cascade.scoring import build_cascade
from core import page_cache
from core.concurrency import saved_without_clash, track
from datatables.models import DataTable
from indicators import capaian as engine
from indicators.models import Goal, Indicator, IndicatorAnalysis, RenstraPeriod, goals_of_year
from indicators.navigation import agency_context, checked_year, latest_data_year, remember_year, working_year
from indicators.results import agency_year_results

from . import cached
from .checks import cascade_report_checks, consistency_checks
from .document import generated_text
from .forms import SectionForm, SignatureForm
from .models import PdfBuild, Picture, Report, Section
from .narrative import render_narrative
from .picture_views import PictureForm
from .pictures import embed, unnumbered
from .review import final_pdf
from .tasks import current_build, is_large

STATUS_LABELS = engine.STATUS_LABELS


def latest_year(agency: Agency) -> int | None:
    """The newest year the agency has a report for, else the newest year with targets."""
    report = Report.objects.filter(agency=agency).order_by("-year").first()
    return report.year if report else latest_data_year(agency)


@login_required
@require_safe
def home(request):
    """The agencies the user may see, each with its latest capaian."""
    rows = []
    for agency in Agency.objects.visible_to(request.user).select_related("region"):
        year = latest_year(agency)
        results = agency_year_results(agency, year) if year else None
        rows.append({"agency": agency, "year": year, "results": results})
    return render(
        request,
        "reports/home.html",
        {"rows": rows, "units": units_of_user(request.user), "regions": planned_regions(request.user)},
    )


@login_required
@require_safe
def agency_home(request, slug):
    agency = get_agency_for(request.user, slug)
    return redirect("workspace", slug=agency.slug, year=working_year(request, agency))


TAB_URLS = {
    "workspace": "workspace",
    "grid": "grid",
    "budget": "budget",
    "narrative": "narrative",
    "workbook": "workbook",
    "cascade": "cascade_tree",
}


@login_required
@require_safe
def year_switch(request, slug):
    """The year switcher: remember the year and reopen the same tab for it."""
    agency = get_agency_for(request.user, slug)
    try:
        year = checked_year(int(request.GET.get("tahun", "")))
    except ValueError:
        raise Http404("Tahun tidak valid") from None
    remember_year(request, agency.slug, year)
    tab = request.GET.get("halaman")
    if tab == "renstra":
        return redirect("renstra_list", slug=agency.slug)
    return redirect(TAB_URLS.get(tab, "workspace"), slug=agency.slug, year=year)


@page_cache.cached_per_session(on_hit=remember_year)
@login_required
@require_safe
def workspace(request, slug, year):
    """One agency-year at a glance: capaian per sasaran and indicator, budget, checks.

    The whole page is cached per session until the agency's data or any account changes
    (core/page_cache.py); the data part is also cached per data version, shared by
    every user of the agency.
    """
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    remember_year(request, agency.slug, year)
    can_edit = can_write(request.user, agency)
    key = f"workspace:{agency.pk}:{year}:{agency.data_version}:{int(can_edit)}"
    part = cache.get(key)
    if part is None:
        part = workspace_data(agency, year, can_edit)
        cache.set(key, part, timeout=24 * 3600)
    context = {"data_html": part["html"], "large": part["large"], "archive": part["archive"]}
    return render(request, "reports/workspace.html", agency_context(request, agency, year, tab="workspace", **context))


def workspace_data(agency: Agency, year: int, can_edit: bool) -> dict:
    results = agency_year_results(agency, year)
    tree = budget_tree(agency, year)
    report = Report.objects.filter(agency=agency, year=year).first()
    archive = final_pdf(report) if report else None
    budget = tree.total()
    context = {
        "agency": agency,
        "year": year,
        "results": results,
        "programs": tree.programs,
        "budget": budget,
        "checks": consistency_checks(results, tree) + cascade_report_checks(build_cascade(agency, year, results)),
        "status_labels": STATUS_LABELS,
        "report": report,
        "archive": archive,
        "open_notes": list(report.notes.filter(resolved_at__isnull=True).select_related("indicator")) if report else [],
        "can_edit": can_edit and year not in locked_years(agency.pk),
    }
    return {
        "html": mark_safe(render_to_string("reports/_workspace_data.html", context)),  # noqa: S308 - our template
        "large": is_large(agency, year),
        "archive": {"sha256": archive.sha256} if archive else None,
    }


def analysis_rows(agency, year) -> list[dict]:
    """Each indicator of the year's Renstra with its analysis and how much of it is written."""
    indicators = Indicator.objects.filter(
        period__agency=agency, period__start_year__lte=year, period__end_year__gte=year
    ).select_related("goal")
    analyses = {a.indicator_id: a for a in IndicatorAnalysis.objects.filter(indicator__in=indicators, year=year)}
    rows = []
    for indicator in indicators:
        analysis = analyses.get(indicator.pk)
        written = sum(1 for f in ("causes", "obstacles", "solutions") if analysis and getattr(analysis, f).strip())
        rows.append({"indicator": indicator, "analysis": analysis, "written": written})
    return rows


@page_cache.cached_per_session()  # GET only
@login_required
def narrative(request, slug, year):
    """Every narrative section of the year's report, written or still empty."""
    agency = get_agency_for(request.user, slug, write=request.method == "POST")
    year = checked_year(year)
    report = Report.objects.filter(agency=agency, year=year).first()
    written = {(s.key, s.goal_id): s for s in report.sections.all()} if report else {}
    if request.method == "POST":
        assert_year_writable(agency, year)
    signature = SignatureForm(request.POST or None, instance=report or Report(agency=agency, year=year))
    if request.method == "POST" and signature.is_valid():
        signature.save()
        messages.success(request, "Tempat dan tanggal penandatanganan disimpan.")
        return redirect("narrative", slug=agency.slug, year=year)
    sections = [
        {"key": key, "label": label, "section": written.get((key, None))}
        for key, label in Section.Key.choices
        if key != Section.Key.ANALISIS_SASARAN
    ]
    goals = [
        {"goal": goal, "section": written.get((Section.Key.ANALISIS_SASARAN, goal.pk))}
        for goal in goals_of_year(agency, year)
    ]
    indicator_analyses = analysis_rows(agency, year)
    with_indicators = {g["goal"].pk for g in goals if g["goal"].indicators.exists()}
    data_tables = [
        (table, table.section == Section.Key.ANALISIS_SASARAN and table.goal_id not in with_indicators)
        for table in DataTable.objects.filter(agency=agency, year=year).select_related("goal").order_by("order", "code")
    ]
    return render(
        request,
        "reports/narrative_list.html",
        agency_context(
            request,
            agency,
            year,
            sections=sections,
            goals=goals,
            indicator_analyses=indicator_analyses,
            signature=signature,
            pictures=Picture.objects.filter(agency=agency, year=year).defer("data"),
            picture_form=PictureForm(),
            data_tables=data_tables,
            tab="narrative",
            can_edit=can_edit_year(request.user, agency, year),
        ),
    )


@login_required
def narrative_edit(request, slug, year, key, goal_id=None):
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    assert_year_writable(agency, year)
    if key not in Section.Key.values or (key == Section.Key.ANALISIS_SASARAN) != (goal_id is not None):
        raise Http404("Bagian laporan tidak dikenal")
    goal = None
    if goal_id is not None:
        goal = get_object_or_404(Goal, pk=goal_id, period__agency=agency)
        if not goal.period.start_year <= year <= goal.period.end_year:
            raise Http404("Sasaran di luar periode Renstra tahun ini")
    data = request.POST.copy() if request.method == "POST" else None
    with transaction.atomic():  # read under lock, compared and written at once
        report = Report.objects.filter(agency=agency, year=year).first()
        stored = report and Section.objects.select_for_update().filter(report=report, key=key, goal=goal).first()
        section = stored or Section(key=key, goal=goal)
        form = SectionForm(data, instance=section)

        def attach_report(instance):
            instance.report = Report.objects.get_or_create(agency=agency, year=year)[0]

        if saved_without_clash(request, form, before_save=attach_report):
            messages.success(request, f"{section.get_key_display()} disimpan.")
            return redirect("narrative", slug=agency.slug, year=year)
    written = bool(section.body.strip())
    if data is None and not written and request.GET.get("mulai") == "otomatis":
        # Start from what the report prints now; saving makes it the agency's own text.
        form = SectionForm(initial={"body": generated_text(cached.document(agency, year), key, goal)}, instance=section)
        if section.pk:
            track(form)
    body = form["body"].value() or ""
    preview = embed(render_narrative(body), unnumbered(agency, year, body))
    return render(
        request,
        "reports/narrative_form.html",
        agency_context(
            request,
            agency,
            year,
            form=form,
            section=section,
            goal=goal,
            preview=preview,
            written=written,
            pictures=Picture.objects.filter(agency=agency, year=year).defer("data"),
            tab="narrative",
        ),
    )


@login_required
@require_POST
def narrative_preview(request, slug, year):
    """The section as the report will print it, while it is typed (the same renderer)."""
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    body = request.POST.get("body", "")[: Section._meta.get_field("body").max_length or 200_000]
    return JsonResponse({"html": embed(render_narrative(body), unnumbered(agency, year, body))})


def _output(request, slug, year, part: str):
    """One output of the year's report (built once per data version: reports/cached.py)."""
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    found = cached.output(agency, year, part)
    if found is None:
        raise _outside_renstra(agency, year)
    return found


def _outside_renstra(agency: Agency, year: int) -> Http404:
    return Http404(
        f"Tahun {year} di luar periode Renstra {agency.name}: laporan hanya tersedia untuk tahun dalam periode Renstra."
    )


@login_required
@require_safe
def report_html(request, slug, year):
    """The report as the agency reads it while working; generated text is marked."""
    return HttpResponse(_output(request, slug, year, "screen"))


@login_required
@require_safe
def report_pdf(request, slug, year):
    """The PDF: for a final report always the archived file, byte for byte; else the
    PDF of the current data version, built once in the background (tasks.py): served
    when it is ready, else its progress page."""
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    report = Report.objects.filter(agency=agency, year=year).first()
    archive = final_pdf(report) if report else None
    if archive is not None:
        response = _pdf_response(bytes(archive.pdf), f"lkjip-{agency.slug}-{year}-final")
        response["X-Content-SHA256"] = archive.sha256
        return response
    if not RenstraPeriod.objects.filter(agency=agency).covering(year).exists():
        raise _outside_renstra(agency, year)
    build = current_build(agency, year, request.user)
    if build.status == PdfBuild.Status.DONE:
        pdf = PdfBuild.objects.filter(pk=build.pk).values_list("pdf", flat=True).get()
        return _pdf_response(bytes(pdf), f"lkjip-{agency.slug}-{year}")
    return redirect("pdf_build", slug=agency.slug, year=year, build_id=build.pk)


def _pdf_response(pdf: bytes, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@login_required
@require_safe
def agreement_pdf(request, slug, year):
    """The year's Perjanjian Kinerja on its own, to print and sign."""
    response = HttpResponse(_output(request, slug, year, "agreement_pdf"), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="perjanjian-kinerja-{slug}-{year}.pdf"'
    return response


@login_required
@require_safe
def report_json(request, slug, year):
    data = _output(request, slug, year, "json")
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})


def report_filename(doc) -> str:
    return f"lkjip-{doc.agency.slug}-{doc.year}"


@login_required
@require_POST
def pdf_build_start(request, slug, year):
    """Queue the PDF build; the browser follows its progress on the next page."""
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    if not RenstraPeriod.objects.filter(agency=agency).covering(year).exists():
        raise _outside_renstra(agency, year)
    build = current_build(agency, year, request.user)
    return redirect("pdf_build", slug=agency.slug, year=year, build_id=build.pk)


def _build_for(request, slug, year, build_id) -> PdfBuild:
    agency = get_agency_for(request.user, slug)
    return get_object_or_404(PdfBuild.objects.defer("pdf"), pk=build_id, agency=agency, year=checked_year(year))


@login_required
@require_safe
def pdf_build(request, slug, year, build_id):
    build = _build_for(request, slug, year, build_id)
    return render(
        request,
        "reports/pdf_build.html",
        agency_context(request, build.agency, build.year, build=build, tab="workspace"),
    )


@login_required
@require_safe
def pdf_build_status(request, slug, year, build_id):
    build = _build_for(request, slug, year, build_id)
    return JsonResponse(
        {
            "status": build.status,
            "label": build.get_status_display(),
            "step": build.step,
            "progress": build.progress,
            "pages": build.pages,
            "error": build.error,
        }
    )


@login_required
@require_safe
def pdf_build_download(request, slug, year, build_id):
    agency = get_agency_for(request.user, slug)
    build = get_object_or_404(
        PdfBuild, pk=build_id, agency=agency, year=checked_year(year), status=PdfBuild.Status.DONE
    )
    response = HttpResponse(bytes(build.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="lkjip-{agency.slug}-{build.year}.pdf"'
    return response
