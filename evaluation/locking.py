"""What may no longer change, on every write path (views, admin, shell, imports):

- a final evaluation: its worksheet, findings, recommendations and evidence are as the
  LHE printed them (its follow-up goes on: the agency answers recommendations later);
- a criteria set an evaluation uses: a change is a new version (`copy_criteria_set`),
  so no past score moves.

The checks run on pre_save and pre_delete, like the year lock of the reports.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.db.models.signals import pre_delete, pre_save

from agencies.locking import is_unlocked
from agencies.models import Agency

from . import models as m

FINAL_MESSAGE = "Evaluasi SAKIP {year} sudah final: LKE, temuan, rekomendasi dan data dukungnya tidak dapat diubah."
SET_IN_USE_MESSAGE = (
    "Set kriteria '{name}' sudah dipakai evaluasi: ubahlah salinannya (aksi 'Buat versi baru' di admin), "
    "agar nilai evaluasi yang sudah ada tidak berubah."
)


class EvaluationLocked(PermissionDenied):
    pass


def _evaluation_of(row):
    if isinstance(row, m.Evaluation):
        if row.pk is None:
            return None
        return m.Evaluation.objects.filter(pk=row.pk).only("status", "year").first()  # as stored
    if isinstance(row, m.Evidence) and row.follow_up_id:
        return None  # follow-up evidence is added after the LHE
    return m.Evaluation.objects.filter(pk=row.evaluation_id).only("status", "year").first()


def check_evaluation(row) -> None:
    if is_unlocked():
        return
    evaluation = _evaluation_of(row)
    if evaluation is not None and evaluation.is_final:
        raise EvaluationLocked(FINAL_MESSAGE.format(year=evaluation.year))


def _criteria_set_of(row):
    if isinstance(row, m.CriteriaSet):
        return row if row.pk else None
    if isinstance(row, (m.Component, m.AnswerOption, m.PredicateBand)):
        return m.CriteriaSet(pk=row.criteria_set_id, name=str(row.criteria_set_id))
    if isinstance(row, m.SubComponent):
        return m.Component.objects.get(pk=row.component_id).criteria_set
    if isinstance(row, m.Criterion):
        return (
            m.SubComponent.objects.select_related("component__criteria_set")
            .get(pk=row.subcomponent_id)
            .component.criteria_set
        )
    return None


def check_criteria_set(row) -> None:
    if is_unlocked():
        return
    criteria_set = _criteria_set_of(row)
    if criteria_set is None or criteria_set.pk is None:
        return
    if isinstance(row, m.CriteriaSet):
        stored = m.CriteriaSet.objects.filter(pk=row.pk).first()
        # Choosing which set new evaluations use changes no score.
        if stored and all(getattr(stored, f) == getattr(row, f) for f in ("name", "regulation", "version")):
            return
    if m.Evaluation.objects.filter(criteria_set_id=criteria_set.pk).exists():
        name = m.CriteriaSet.objects.filter(pk=criteria_set.pk).values_list("name", flat=True).first()
        raise EvaluationLocked(SET_IN_USE_MESSAGE.format(name=name))


EVALUATION_PARTS = (m.Evaluation, m.Answer, m.ComponentFinding, m.Recommendation, m.Evidence)
CRITERIA_PARTS = (m.CriteriaSet, m.Component, m.SubComponent, m.Criterion, m.AnswerOption, m.PredicateBand)


def _guard_evaluation(sender, instance, **kwargs):
    check_evaluation(instance)


def _guard_evaluation_delete(sender, instance, origin=None, **kwargs):
    # Deleting a whole evaluation or agency (an administrator's act, a demo reload) takes
    # every part with it; a part on its own stays as the LHE printed it.
    origin_model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if sender is m.Evaluation or origin_model in (m.Evaluation, Agency):
        return
    check_evaluation(instance)


def _guard_criteria(sender, instance, **kwargs):
    check_criteria_set(instance)


def connect() -> None:
    for model in EVALUATION_PARTS:
        pre_save.connect(_guard_evaluation, sender=model, dispatch_uid=f"evaluation_lock_save_{model.__name__}")
        pre_delete.connect(
            _guard_evaluation_delete, sender=model, dispatch_uid=f"evaluation_lock_delete_{model.__name__}"
        )
    for model in CRITERIA_PARTS:
        pre_save.connect(_guard_criteria, sender=model, dispatch_uid=f"criteria_lock_save_{model.__name__}")
        pre_delete.connect(_guard_criteria, sender=model, dispatch_uid=f"criteria_lock_delete_{model.__name__}")
