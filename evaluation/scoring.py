"""The SAKIP evaluation score (PermenPAN-RB 88/2021), in plain Python.

A worksheet (LKE) is components → sub-components → criteria. Each criterion is answered
on its scale (Y/T, or A-E), each answer worth a fraction of the criterion (Y = 1, T = 0;
A = 1 ... E = 0). A sub-component scores its weight times the mean of its criteria's
values; a component the sum of its sub-components; the total the sum of the components
(0-100), and the total's predicate (AA ... D).

An unanswered criterion counts as 0 and is listed as unanswered: never skipped, so a
half-filled worksheet can never score as if it were complete. Values stay exact
(`Decimal`); rounding is for display (`round_half_up`), and the predicate is judged on
the total as printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    options: Mapping[str, Decimal]  # answer label -> value, 0..1


@dataclass(frozen=True)
class SubComponentSpec:
    code: str
    weight: Decimal
    criteria: Sequence[CriterionSpec]


@dataclass(frozen=True)
class ComponentSpec:
    code: str
    weight: Decimal
    subcomponents: Sequence[SubComponentSpec]


@dataclass(frozen=True)
class PredicateSpec:
    """A predicate for a total above `above` (None: from 0)."""

    label: str
    above: Decimal | None


@dataclass
class SubComponentScore:
    code: str
    weight: Decimal
    score: Decimal
    answered: int
    criteria: int


@dataclass
class ComponentScore:
    code: str
    weight: Decimal
    subcomponents: list[SubComponentScore] = field(default_factory=list)

    @property
    def score(self) -> Decimal:
        return sum((s.score for s in self.subcomponents), ZERO)


@dataclass
class WorksheetScore:
    components: list[ComponentScore]
    unanswered: list[str]  # criterion codes, in worksheet order
    predicate: str | None

    @property
    def total(self) -> Decimal:
        return sum((c.score for c in self.components), ZERO)


class UnknownAnswer(ValueError):
    pass


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def criterion_value(criterion: CriterionSpec, answer: str | None) -> Decimal | None:
    """The answer's value, or None when unanswered."""
    if answer is None or answer == "":
        return None
    try:
        return criterion.options[answer]
    except KeyError:
        raise UnknownAnswer(f"Jawaban '{answer}' tidak ada pada skala kriteria {criterion.code}.") from None


def score_worksheet(
    components: Sequence[ComponentSpec], answers: Mapping[str, str | None], predicates: Sequence[PredicateSpec]
) -> WorksheetScore:
    """Score `answers` (criterion code -> answer label) on the worksheet."""
    unanswered: list[str] = []
    scored = []
    for component in components:
        result = ComponentScore(component.code, component.weight)
        for sub in component.subcomponents:
            values = []
            for criterion in sub.criteria:
                value = criterion_value(criterion, answers.get(criterion.code))
                if value is None:
                    unanswered.append(criterion.code)
                values.append(value)
            answered = [v for v in values if v is not None]
            mean = sum(answered, ZERO) / len(values) if values else ZERO  # unanswered count as 0
            result.subcomponents.append(
                SubComponentScore(sub.code, sub.weight, sub.weight * mean, len(answered), len(values))
            )
        scored.append(result)
    worksheet = WorksheetScore(scored, unanswered, None)
    worksheet.predicate = predicate_of(worksheet.total, predicates)
    return worksheet


def predicate_of(total: Decimal, predicates: Sequence[PredicateSpec]) -> str | None:
    """The predicate of the highest band the printed total is above (AA: above 90)."""
    printed = round_half_up(total)
    ordered = sorted(predicates, key=lambda p: (p.above is None, -(p.above or ZERO)))
    for band in ordered:
        if band.above is None or printed > band.above:
            return band.label
    return None
