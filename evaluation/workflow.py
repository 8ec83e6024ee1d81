"""The evaluation's steps, each one verb in one transaction.

Penilaian mandiri (the agency fills its side) -> Diajukan (the evaluator fills theirs;
may return it to the agency) -> Dinilai (the agency reads the result and the draft
LHE; the evaluator may take it back) -> Final: the score is kept, each recommendation
becomes a follow-up item, and the LHE PDF is built once and archived with its SHA-256.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency

from . import access
from .criteria import current_criteria_set
from .models import Evaluation, EvaluationArchive, FollowUp
from .scoring import round_half_up
from .worksheet import score

S = Evaluation.Status


class StepRefused(Exception):
    """The step is not allowed from this status, for this user, or with this data."""


STEPS = {
    # action: (from status, to status, who, label)
    "ajukan": (S.DRAFT, S.SUBMITTED, "operator", "Ajukan ke evaluator"),
    "kembalikan": (S.SUBMITTED, S.DRAFT, "evaluator", "Kembalikan ke instansi"),
    "nilai": (S.SUBMITTED, S.EVALUATED, "evaluator", "Selesai dinilai"),
    "buka": (S.EVALUATED, S.SUBMITTED, "evaluator", "Buka penilaian lagi"),
    "final": (S.EVALUATED, S.FINAL, "evaluator", "Finalkan dan terbitkan LHE"),
}


def _may(user, agency: Agency, who: str) -> bool:
    return access.is_evaluator(user, agency) if who == "evaluator" else access.is_agency_operator(user, agency)


def may_take(user, agency: Agency, action: str) -> bool:
    """Whether the step is the user's role's to take (whatever the status)."""
    return _may(user, agency, STEPS[action][2])


def allowed_steps(evaluation: Evaluation, user) -> list[tuple[str, str]]:
    return [
        (action, label)
        for action, (source, _, who, label) in STEPS.items()
        if evaluation.status == source and _may(user, evaluation.agency, who)
    ]


@transaction.atomic
def start(agency: Agency, year: int) -> Evaluation:
    """The year's evaluation on the criteria set in force today (kept from then on)."""
    evaluation, _ = Evaluation.objects.get_or_create(
        agency=agency, year=year, defaults={"criteria_set": current_criteria_set()}
    )
    return evaluation


def missing_for_final(evaluation: Evaluation) -> list[str]:
    missing = []
    if not evaluation.team_lead_name.strip():
        missing.append("nama ketua tim evaluasi")
    if evaluation.sign_date is None:
        missing.append("tanggal LHE")
    return missing


@transaction.atomic
def take_step(evaluation: Evaluation, action: str, user) -> Evaluation:
    evaluation = Evaluation.objects.select_for_update().select_related("agency").get(pk=evaluation.pk)
    if action not in STEPS:
        raise StepRefused("Langkah tidak dikenal.")
    source, target, who, label = STEPS[action]
    if evaluation.status != source or not _may(user, evaluation.agency, who):
        raise StepRefused(
            f"Langkah '{label}' tidak diizinkan untuk evaluasi berstatus {evaluation.get_status_display()}."
        )
    if target == S.FINAL:
        missing = missing_for_final(evaluation)
        if missing:
            raise StepRefused(f"Lengkapi dulu identitas LHE: {', '.join(missing)}.")
        result = score(evaluation)
        evaluation.final_total = round_half_up(result.total)
        evaluation.final_predicate = result.predicate or ""
        evaluation.finalized_at = timezone.now()
        for recommendation in evaluation.recommendations.all():
            FollowUp.objects.get_or_create(recommendation=recommendation)
    if target == S.SUBMITTED and source == S.DRAFT:
        evaluation.submitted_at = timezone.now()
    evaluation.status = target
    evaluation.save()
    if target == S.FINAL:
        from .lhe import render_lhe_pdf  # the document reads the final evaluation

        pdf = render_lhe_pdf(evaluation)
        EvaluationArchive.objects.create(evaluation=evaluation, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())
    return evaluation
