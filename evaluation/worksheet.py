"""An evaluation's worksheet as pages and documents read it: criteria in order with
both answers, evidence and proposals, and the scores of both sides, computed by the
one engine (`scoring.score_worksheet`) from the set the evaluation was made with."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .models import Answer, Component, Evaluation, Evidence
from .scoring import WorksheetScore, score_worksheet

SELF, EVALUATOR = "self", "evaluator"


def answers_of(evaluation: Evaluation) -> dict[int, Answer]:
    return {a.criterion_id: a for a in evaluation.answers.all()}


def score(evaluation: Evaluation, side: str = EVALUATOR, answers: dict[int, Answer] | None = None) -> WorksheetScore:
    """The worksheet's score from one side's answers: the evaluator's is the official one."""
    components, predicates = evaluation.criteria_set.specs()
    answers = answers if answers is not None else answers_of(evaluation)
    codes = _codes(evaluation)
    by_code = {codes[cid]: getattr(a, f"{side}_answer") for cid, a in answers.items() if cid in codes}
    return score_worksheet(components, by_code, predicates)


def _codes(evaluation: Evaluation) -> dict[int, str]:
    from .models import Criterion

    return dict(
        Criterion.objects.filter(subcomponent__component__criteria_set=evaluation.criteria_set_id).values_list(
            "pk", "code"
        )
    )


@dataclass
class CriterionRow:
    criterion: object
    answer: Answer | None
    options: list
    evidence: list = field(default_factory=list)
    proposal: object = None


@dataclass
class SubComponentRow:
    subcomponent: object
    weight: Decimal
    rows: list[CriterionRow]
    self_score: Decimal
    evaluator_score: Decimal


@dataclass
class ComponentRow:
    component: Component
    subcomponents: list[SubComponentRow]
    self_score: Decimal
    evaluator_score: Decimal


@dataclass
class Worksheet:
    evaluation: Evaluation
    components: list[ComponentRow]
    self_score: WorksheetScore
    evaluator_score: WorksheetScore
    indicator_evidence: list[Evidence]


def build_worksheet(evaluation: Evaluation, proposals: dict | None = None) -> Worksheet:
    answers = answers_of(evaluation)
    self_score = score(evaluation, SELF, answers)
    evaluator_score = score(evaluation, EVALUATOR, answers)
    options: dict[str, list] = {}
    for option in evaluation.criteria_set.options.all():
        options.setdefault(option.scale, []).append(option)
    evidence: dict[int, list] = {}
    indicator_evidence = []
    for item in evaluation.evidence.filter(follow_up__isnull=True).select_related("indicator"):
        if item.criterion_id:
            evidence.setdefault(item.criterion_id, []).append(item)
        else:
            indicator_evidence.append(item)
    components = []
    components_qs = evaluation.criteria_set.components.prefetch_related("subcomponents__criteria")
    for component, self_c, eval_c in zip(components_qs, self_score.components, evaluator_score.components, strict=True):
        subs = []
        for sub, self_s, eval_s in zip(
            component.subcomponents.all(), self_c.subcomponents, eval_c.subcomponents, strict=True
        ):
            rows = [
                CriterionRow(
                    c,
                    answers.get(c.pk),
                    options.get(c.scale, []),
                    evidence.get(c.pk, []),
                    (proposals or {}).get(c.pk),
                )
                for c in sub.criteria.all()
            ]
            subs.append(SubComponentRow(sub, self_s.weight, rows, self_s.score, eval_s.score))
        components.append(ComponentRow(component, subs, self_c.score, eval_c.score))
    return Worksheet(evaluation, components, self_score, evaluator_score, indicator_evidence)
