"""The SAKIP evaluation pages of an agency-year: the LKE worksheet (self-assessment and
evaluation side by side), evidence, the LHE, and follow-up of its recommendations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from indicators.models import Indicator
from indicators.navigation import agency_context, checked_year, confirm_delete, remember_year

from . import access, workflow
from .dashboard import dashboard_rows, dashboard_workbook
from .evidence import EvidenceRefused, check_upload
from .forms import EvidenceUploadForm, FollowUpReviewForm, IdentityForm, RecommendationForm, ResponseForm
from .lhe import render_lhe_pdf
from .links import linkable_documents
from .models import Answer, ComponentFinding, Criterion, Evaluation, Evidence, FollowUp, Recommendation
from .proposals import proposals
from .worksheet import build_worksheet

S = Evaluation.Status


def _evaluation(agency, year) -> Evaluation | None:
    return Evaluation.objects.select_related("criteria_set", "agency__region").filter(agency=agency, year=year).first()


def _required(agency, year) -> Evaluation:
    evaluation = _evaluation(agency, year)
    if evaluation is None:
        raise Http404("Evaluasi belum dimulai")
    return evaluation


def sides_editable(user, evaluation: Evaluation) -> tuple[bool, bool]:
    """(self-assessment, evaluation) editable by `user` now."""
    agency = evaluation.agency
    own = evaluation.status == S.DRAFT and access.is_agency_operator(user, agency)
    evaluator = evaluation.status == S.SUBMITTED and access.is_evaluator(user, agency)
    return own, evaluator


def _back(evaluation, anchor=""):
    return redirect(reverse("evaluation", args=[evaluation.agency.slug, evaluation.year]) + anchor)


@login_required
def worksheet(request, slug, year):
    agency = access.get_agency(request.user, slug)
    year = checked_year(year)
    remember_year(request, slug, year)
    evaluation = _evaluation(agency, year)
    context = {"tab": "evaluation", "evaluation": evaluation}
    if evaluation is None:
        if request.method == "POST":
            raise PermissionDenied("Mulailah evaluasi terlebih dahulu.")
        context["can_start"] = access.is_agency_operator(request.user, agency) or access.is_evaluator(
            request.user, agency
        )
        return render(request, "evaluation/worksheet.html", agency_context(request, agency, year, **context))
    own, evaluator = sides_editable(request.user, evaluation)
    if request.method == "POST":
        if not (own or evaluator):
            raise PermissionDenied("LKE tidak dapat diubah oleh Anda pada status ini.")
        changed = save_answers(evaluation, request.POST, own, evaluator)
        messages.success(request, f"{changed} isian LKE disimpan." if changed else "Tidak ada isian yang berubah.")
        return _back(evaluation)
    is_evaluator = access.is_evaluator(request.user, agency)
    show_proposals = is_evaluator and evaluation.status in (S.SUBMITTED, S.EVALUATED)
    sheet = build_worksheet(evaluation, proposals(evaluation) if show_proposals else None)
    context.update(
        sheet=sheet,
        own_editable=own,
        evaluator_editable=evaluator,
        steps=workflow.allowed_steps(evaluation, request.user),
        links=linkable_documents(agency, year) if (own or evaluator) else [],
        indicators=Indicator.objects.filter(
            period__agency=agency, period__start_year__lte=year, period__end_year__gte=year
        ).order_by("code"),
        upload_form=EvidenceUploadForm(),
        is_evaluator=is_evaluator,
        open_follow_ups=open_follow_ups(agency, before=year),
    )
    return render(request, "evaluation/worksheet.html", agency_context(request, agency, year, **context))


FIELDS_SELF = ("self_answer", "self_explanation")
FIELDS_EVALUATOR = ("evaluator_answer", "evaluator_note")


@transaction.atomic
def save_answers(evaluation: Evaluation, data, own: bool, evaluator: bool) -> int:
    """Save what this editor changed, field by field: each field carries the value it was
    shown with (`orig-...`), and only a field that differs from it is written, so two
    editors of the same worksheet never undo each other's answers."""
    fields = (FIELDS_SELF if own else ()) + (FIELDS_EVALUATOR if evaluator else ())
    criteria = {
        c.pk: c for c in Criterion.objects.filter(subcomponent__component__criteria_set=evaluation.criteria_set_id)
    }
    valid = {}
    for option in evaluation.criteria_set.options.all():
        valid.setdefault(option.scale, set()).add(option.label)
    answers = {a.criterion_id: a for a in evaluation.answers.select_for_update()}
    changed = 0
    for pk, criterion in criteria.items():
        updates = {}
        for name in fields:
            key = f"{name}-{pk}"
            if key not in data:
                continue
            value = data.get(key, "").strip()
            if value == data.get(f"orig-{key}", "").strip():
                continue
            if name.endswith("_answer") and value and value not in valid.get(criterion.scale, ()):
                continue  # not an option of the scale: the select offers none such
            updates[name] = value[:2000]
        if not updates:
            continue
        answer = answers.get(pk) or Answer(evaluation=evaluation, criterion=criterion)
        for name, value in updates.items():
            setattr(answer, name, value)
        answer.save()
        changed += len(updates)
    return changed


@login_required
@require_POST
def start(request, slug, year):
    agency = access.get_agency(request.user, slug)
    year = checked_year(year)
    if not (access.is_agency_operator(request.user, agency) or access.is_evaluator(request.user, agency)):
        raise PermissionDenied("Anda tidak dapat memulai evaluasi instansi ini.")
    evaluation = workflow.start(agency, year)
    messages.success(request, f"Evaluasi SAKIP {year} dimulai dengan {evaluation.criteria_set}.")
    return _back(evaluation)


@login_required
@require_POST
def step(request, slug, year, action):
    agency = access.get_agency(request.user, slug)
    evaluation = _required(agency, checked_year(year))
    if action not in workflow.STEPS:
        raise Http404("Langkah tidak dikenal")
    if not workflow.may_take(request.user, agency, action):
        raise PermissionDenied("Langkah ini bukan wewenang Anda.")
    try:
        evaluation = workflow.take_step(evaluation, action, request.user)
    except workflow.StepRefused as refused:
        messages.error(request, str(refused))
        return _back(evaluation)
    messages.success(request, f"Status evaluasi sekarang: {evaluation.get_status_display()}.")
    return _back(evaluation)


@login_required
@require_POST
def accept_proposals(request, slug, year):
    """The evaluator takes the app's proposed answers for criteria they have not answered."""
    agency = access.get_agency(request.user, slug)
    evaluation = _required(agency, checked_year(year))
    _, evaluator = sides_editable(request.user, evaluation)
    if not evaluator:
        raise PermissionDenied("Hanya evaluator, saat evaluasi diajukan, yang dapat menerima usulan jawaban.")
    only = request.POST.get("criterion")
    taken = 0
    with transaction.atomic():
        answers = {a.criterion_id: a for a in evaluation.answers.select_for_update()}
        for pk, proposal in proposals(evaluation).items():
            if only and str(pk) != only:
                continue
            answer = answers.get(pk) or Answer(evaluation=evaluation, criterion_id=pk)
            if answer.evaluator_answer and not only:
                continue  # never overwrite the evaluator's own answer in bulk
            answer.evaluator_answer = proposal.label
            answer.evaluator_note = f"Usulan aplikasi: {proposal.finding.evidence}"[:2000]
            answer.save()
            taken += 1
    messages.success(request, f"{taken} usulan jawaban diterima; periksa dan ubah bila perlu.")
    return _back(evaluation)


def _may_add_evidence(user, evaluation) -> bool:
    own, evaluator = sides_editable(user, evaluation)
    return own or evaluator


def _target(evaluation, data) -> dict:
    """The criterion or indicator an evidence row supports, from the posted ids."""
    if data.get("criterion"):
        criterion = Criterion.objects.filter(
            pk=data["criterion"], subcomponent__component__criteria_set=evaluation.criteria_set_id
        ).first()
        if criterion is None:
            raise Http404("Kriteria tidak ditemukan")
        return {"criterion": criterion}
    if data.get("indicator"):
        indicator = Indicator.objects.filter(pk=data["indicator"], period__agency=evaluation.agency).first()
        if indicator is None:
            raise Http404("Indikator tidak ditemukan")
        return {"indicator": indicator}
    raise Http404("Pilih kriteria atau indikator")


def store_upload(evaluation, upload, user, label: str = "", **target) -> Evidence:
    """Check and store one evidence file; EvidenceRefused says why not."""
    checked, data = check_upload(upload)
    evidence = Evidence(
        evaluation=evaluation,
        kind=Evidence.Kind.FILE,
        label=(label or upload.name)[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=user,
        **target,
    )
    evidence.file.save(upload.name, ContentFile(data), save=False)
    evidence.save()
    return evidence


@login_required
@require_POST
def evidence_upload(request, slug, year):
    agency = access.get_agency(request.user, slug)
    evaluation = _required(agency, checked_year(year))
    if not _may_add_evidence(request.user, evaluation):
        raise PermissionDenied("Data dukung tidak dapat ditambahkan oleh Anda pada status ini.")
    target = _target(evaluation, request.POST)
    form = EvidenceUploadForm(request.POST, request.FILES)
    anchor = f"#k-{target['criterion'].pk}" if "criterion" in target else "#data-dukung-indikator"
    if not form.is_valid():
        messages.error(request, "Pilih berkas data dukung yang akan diunggah.")
        return _back(evaluation, anchor)
    try:
        store_upload(evaluation, form.cleaned_data["file"], request.user, form.cleaned_data["label"], **target)
    except EvidenceRefused as refused:
        messages.error(request, f"Data dukung ditolak: {refused}")
        return _back(evaluation, anchor)
    messages.success(request, "Data dukung diunggah.")
    return _back(evaluation, anchor)


@login_required
@require_POST
def evidence_link(request, slug, year):
    agency = access.get_agency(request.user, slug)
    evaluation = _required(agency, checked_year(year))
    if not _may_add_evidence(request.user, evaluation):
        raise PermissionDenied("Data dukung tidak dapat ditambahkan oleh Anda pada status ini.")
    target = _target(evaluation, request.POST)
    documents = {d.key: d for d in linkable_documents(agency, evaluation.year)}
    document = documents.get(request.POST.get("document", ""))
    if document is None:
        raise Http404("Dokumen tidak ditemukan")
    Evidence.objects.create(
        evaluation=evaluation,
        kind=Evidence.Kind.LINK,
        label=document.label,
        link=document.url,
        sha256=document.sha256,
        uploaded_by=request.user,
        **target,
    )
    messages.success(request, f"{document.label} ditautkan sebagai data dukung.")
    return _back(evaluation, f"#k-{target['criterion'].pk}" if "criterion" in target else "#data-dukung-indikator")


def _evidence_for(request, slug, year, evidence_id) -> Evidence:
    """An evidence row of this agency-year that the user may read; 404 otherwise, whether
    it does not exist or belongs to another agency (ids are not a secret, files are)."""
    agency = access.get_agency(request.user, slug)
    return get_object_or_404(
        Evidence.objects.select_related("evaluation__agency"),
        pk=evidence_id,
        evaluation__agency=agency,
        evaluation__year=checked_year(year),
    )


@login_required
@require_safe
def evidence_download(request, slug, year, evidence_id):
    evidence = _evidence_for(request, slug, year, evidence_id)
    if evidence.kind == Evidence.Kind.LINK:
        return redirect(evidence.link)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan") from None
    response = FileResponse(handle, content_type=evidence.content_type, as_attachment=True, filename=evidence.label)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def evidence_delete(request, slug, year, evidence_id):
    evidence = _evidence_for(request, slug, year, evidence_id)
    evaluation = evidence.evaluation
    if evidence.follow_up_id:
        allowed = access.is_agency_operator(request.user, evaluation.agency) and evidence.follow_up.is_open
    else:
        allowed = _may_add_evidence(request.user, evaluation)
    if not allowed:
        raise PermissionDenied("Data dukung ini tidak dapat dihapus oleh Anda pada status ini.")
    back = (
        reverse("follow_up", args=[slug, evaluation.year, evidence.follow_up_id])
        if evidence.follow_up_id
        else reverse("evaluation", args=[slug, evaluation.year])
    )
    if request.method == "POST":
        stored = evidence.file.name
        evidence.delete()
        if stored:
            evidence.file.storage.delete(stored)
        messages.success(request, "Data dukung dihapus.")
        return redirect(back)
    return confirm_delete(request, evaluation.agency, f"data dukung '{evidence.label}'", [], back, evaluation.year)


@login_required
def lhe_edit(request, slug, year):
    """The evaluator's part of the LHE: identity, findings per component, recommendations."""
    agency = access.get_agency(request.user, slug)
    year = checked_year(year)
    evaluation = _required(agency, year)
    editable = evaluation.status in (S.SUBMITTED, S.EVALUATED) and access.is_evaluator(request.user, agency)
    if request.method == "POST" and not editable:
        raise PermissionDenied("LHE hanya dapat diubah evaluator sebelum evaluasi final.")
    components = list(evaluation.criteria_set.components.all())
    findings = {f.component_id: f for f in evaluation.findings.all()}
    identity = IdentityForm(request.POST if request.POST.get("part") == "identity" else None, instance=evaluation)
    recommendation = RecommendationForm(
        request.POST if request.POST.get("part") == "recommendation" else None, criteria_set=evaluation.criteria_set
    )
    if request.method == "POST":
        part = request.POST.get("part")
        if part == "identity" and identity.is_valid():
            identity.save()
            messages.success(request, "Identitas LHE disimpan.")
            return redirect("lhe_edit", slug=slug, year=year)
        if part == "findings":
            save_findings(evaluation, components, findings, request.POST)
            messages.success(request, "Temuan disimpan.")
            return redirect("lhe_edit", slug=slug, year=year)
        if part == "recommendation" and recommendation.is_valid():
            rec = recommendation.save(commit=False)
            rec.evaluation = evaluation
            rec.order = evaluation.recommendations.count() + 1
            rec.save()
            messages.success(request, "Rekomendasi ditambahkan.")
            return redirect(reverse("lhe_edit", args=[slug, year]) + "#rekomendasi")
    rows = [{"component": c, "finding": findings.get(c.pk)} for c in components]
    return render(
        request,
        "evaluation/lhe_edit.html",
        agency_context(
            request,
            agency,
            year,
            tab="evaluation",
            evaluation=evaluation,
            editable=editable,
            identity=identity,
            recommendation=recommendation,
            rows=rows,
            recommendations=evaluation.recommendations.select_related("component"),
        ),
    )


@transaction.atomic
def save_findings(evaluation, components, findings, data) -> None:
    for component in components:
        key = f"finding-{component.pk}"
        if key not in data:
            continue
        text = data[key].strip()[:4000]
        current = findings.get(component.pk)
        if current and not text:
            current.delete()
        elif current and current.text != text:
            current.text = text
            current.save()
        elif not current and text:
            ComponentFinding.objects.create(evaluation=evaluation, component=component, text=text)


@login_required
def recommendation_delete(request, slug, year, recommendation_id):
    agency = access.get_agency(request.user, slug)
    evaluation = _required(agency, checked_year(year))
    rec = get_object_or_404(Recommendation, pk=recommendation_id, evaluation=evaluation)
    if not (evaluation.status in (S.SUBMITTED, S.EVALUATED) and access.is_evaluator(request.user, agency)):
        raise PermissionDenied("Rekomendasi hanya dapat dihapus evaluator sebelum evaluasi final.")
    back = reverse("lhe_edit", args=[slug, evaluation.year]) + "#rekomendasi"
    if request.method == "POST":
        rec.delete()
        messages.success(request, "Rekomendasi dihapus.")
        return redirect(back)
    return confirm_delete(request, agency, f"rekomendasi '{rec.text[:60]}'", [], back, evaluation.year)


@login_required
@require_safe
def lhe_pdf(request, slug, year):
    """The final LHE as archived; before that, a draft marked KONSEP on every page."""
    agency = access.get_agency(request.user, slug)
    evaluation = _required(agency, checked_year(year))
    archive = getattr(evaluation, "archive", None) if evaluation.is_final else None
    pdf = bytes(archive.pdf) if archive else render_lhe_pdf(evaluation)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"lhe-{agency.slug}-{evaluation.year}{'' if archive else '-konsep'}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    if archive:
        response["X-Content-SHA256"] = archive.sha256
    return response


def open_follow_ups(agency, before: int | None = None):
    """Follow-up items of the agency's final evaluations not yet done (of years before
    `before`, when given: what next year's worksheet shows)."""
    rows = FollowUp.objects.filter(recommendation__evaluation__agency=agency).exclude(status=FollowUp.Status.DONE)
    if before is not None:
        rows = rows.filter(recommendation__evaluation__year__lt=before)
    return list(
        rows.select_related("recommendation__evaluation", "recommendation__component").order_by(
            "recommendation__evaluation__year", "recommendation__order", "pk"
        )
    )


@login_required
@require_safe
def follow_ups(request, slug, year):
    agency = access.get_agency(request.user, slug)
    year = checked_year(year)
    items = list(
        FollowUp.objects.filter(recommendation__evaluation__agency=agency)
        .select_related("recommendation__evaluation", "recommendation__component")
        .order_by("-recommendation__evaluation__year", "recommendation__order", "pk")
    )
    return render(
        request,
        "evaluation/follow_ups.html",
        agency_context(request, agency, year, tab="evaluation", items=items),
    )


@login_required
def follow_up(request, slug, year, follow_up_id):
    agency = access.get_agency(request.user, slug)
    year = checked_year(year)
    item = get_object_or_404(
        FollowUp.objects.select_related("recommendation__evaluation", "recommendation__component"),
        pk=follow_up_id,
        recommendation__evaluation__agency=agency,
    )
    operator = access.is_agency_operator(request.user, agency) and item.is_open
    evaluator = access.is_evaluator(request.user, agency) and item.status != FollowUp.Status.OPEN
    part = request.POST.get("part")
    response_form = ResponseForm(request.POST if part == "response" else None, instance=item, prefix="r")
    review_form = FollowUpReviewForm(request.POST if part == "review" else None, instance=item, prefix="v")
    upload_form = EvidenceUploadForm(request.POST if part == "evidence" else None, request.FILES or None)
    if request.method == "POST":
        if part in ("response", "evidence") and not operator:
            raise PermissionDenied("Hanya operator instansi yang menanggapi rekomendasi yang belum selesai.")
        if part == "review" and not evaluator:
            raise PermissionDenied("Hanya evaluator yang menilai tindak lanjut yang sudah ditanggapi.")
        if part == "response" and response_form.is_valid():
            item = response_form.save(commit=False)
            item.status = FollowUp.Status.RESPONDED
            item.responded_at = timezone.now()
            item.save()
            messages.success(request, "Tindak lanjut disimpan dan menunggu reviu evaluator.")
            return redirect("follow_up", slug=slug, year=year, follow_up_id=item.pk)
        if part == "review" and review_form.is_valid():
            item = review_form.save(commit=False)
            item.reviewed_at = timezone.now()
            item.save()
            messages.success(request, f"Status tindak lanjut: {item.get_status_display()}.")
            return redirect("follow_up", slug=slug, year=year, follow_up_id=item.pk)
        if part == "evidence" and upload_form.is_valid():
            try:
                store_upload(
                    item.recommendation.evaluation,
                    upload_form.cleaned_data["file"],
                    request.user,
                    upload_form.cleaned_data["label"],
                    follow_up=item,
                )
            except EvidenceRefused as refused:
                upload_form.add_error("file", str(refused))
            else:
                messages.success(request, "Data dukung tindak lanjut diunggah.")
                return redirect("follow_up", slug=slug, year=year, follow_up_id=item.pk)
    return render(
        request,
        "evaluation/follow_up.html",
        agency_context(
            request,
            agency,
            year,
            tab="evaluation",
            item=item,
            operator=operator,
            evaluator=evaluator,
            response_form=response_form,
            review_form=review_form,
            upload_form=upload_form,
            evidence=item.evidence.all(),
        ),
    )


@login_required
@require_safe
def dashboard(request, year):
    year = checked_year(year)
    sort = request.GET.get("urut", "instansi")
    rows, names = dashboard_rows(request.user, year, sort)
    if not rows and not request.user.is_superuser:
        raise Http404("Anda tidak mengevaluasi instansi mana pun")
    return render(
        request,
        "evaluation/dashboard.html",
        {"rows": rows, "names": names, "year": year, "sort": sort, "sorts": SORT_LABELS},
    )


SORT_LABELS = [
    ("instansi", "Instansi"),
    ("nilai", "Nilai"),
    ("perubahan", "Perubahan"),
    ("tindak-lanjut", "Tindak lanjut"),
]


@login_required
@require_safe
def dashboard_xlsx(request, year):
    year = checked_year(year)
    rows, names = dashboard_rows(request.user, year, request.GET.get("urut", "instansi"))
    if not rows and not request.user.is_superuser:
        raise Http404("Anda tidak mengevaluasi instansi mana pun")
    response = HttpResponse(
        dashboard_workbook(rows, names, year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="evaluasi-sakip-{year}.xlsx"'
    return response
