"""The evaluation score against a worksheet computed by hand (PermenPAN-RB 88/2021
weights), with partial answers and one criterion left unanswered."""

from decimal import Decimal as D

import pytest

from evaluation.scoring import (
    ComponentSpec,
    CriterionSpec,
    PredicateSpec,
    SubComponentSpec,
    UnknownAnswer,
    predicate_of,
    round_half_up,
    score_worksheet,
)

YT = {"Y": D(1), "T": D(0)}
AE = {"A": D(1), "B": D("0.75"), "C": D("0.5"), "D": D("0.25"), "E": D(0)}
PREDICATES = [
    PredicateSpec("AA", D(90)),
    PredicateSpec("A", D(80)),
    PredicateSpec("BB", D(70)),
    PredicateSpec("B", D(60)),
    PredicateSpec("CC", D(50)),
    PredicateSpec("C", D(30)),
    PredicateSpec("D", None),
]


def component(code, weight, subs):
    """Sub-components at 20 / 30 / 50 % of the component (pemenuhan, kualitas, pemanfaatan)."""
    shares = (D("0.2"), D("0.3"), D("0.5"))
    return ComponentSpec(
        code,
        D(weight),
        [
            SubComponentSpec(
                f"{code}.{n}",
                D(weight) * share,
                [CriterionSpec(f"{code}.{n}.{i}", scale) for i, scale in enumerate(scales, 1)],
            )
            for n, (share, scales) in enumerate(zip(shares, subs, strict=True), 1)
        ],
    )


WORKSHEET = [
    component("P", 30, [[YT, YT], [AE, AE], [AE]]),  # Perencanaan: 6 / 9 / 15
    component("U", 30, [[YT], [AE], [AE]]),  # Pengukuran: 6 / 9 / 15
    component("L", 15, [[YT], [AE], [AE]]),  # Pelaporan: 3 / 4,5 / 7,5
    component("E", 25, [[YT], [AE], [AE]]),  # Evaluasi internal: 5 / 7,5 / 12,5
]


def test_a_worksheet_scored_as_by_hand():
    answers = {
        "P.1.1": "Y", "P.1.2": "T",  # mean 0,5 x 6 = 3
        "P.2.1": "A", "P.2.2": "C",  # mean (1 + 0,5) / 2 = 0,75 x 9 = 6,75
        "P.3.1": "B",  # 0,75 x 15 = 11,25            -> P = 21
        "U.1.1": "Y",  # 6
        "U.2.1": "B",  # 0,75 x 9 = 6,75
        # U.3.1 left unanswered: 0 x 15 = 0           -> U = 12,75
        "L.1.1": "Y",  # 3
        "L.2.1": "A",  # 4,5
        "L.3.1": "C",  # 0,5 x 7,5 = 3,75             -> L = 11,25
        "E.1.1": "T",  # 0
        "E.2.1": "D",  # 0,25 x 7,5 = 1,875
        "E.3.1": "B",  # 0,75 x 12,5 = 9,375          -> E = 11,25
    }  # fmt: skip
    result = score_worksheet(WORKSHEET, answers, PREDICATES)
    assert [c.score for c in result.components] == [D(21), D("12.75"), D("11.25"), D("11.25")]
    assert [s.score for s in result.components[0].subcomponents] == [D(3), D("6.75"), D("11.25")]
    assert result.total == D("56.25")  # 21 + 12,75 + 11,25 + 11,25
    assert result.predicate == "CC"  # above 50 up to 60
    assert result.unanswered == ["U.3.1"]  # counted as 0 and listed, never skipped
    sub = result.components[1].subcomponents[2]
    assert (sub.answered, sub.criteria, sub.score) == (0, 1, D(0))


def test_an_empty_worksheet_scores_zero_with_every_criterion_listed():
    result = score_worksheet(WORKSHEET, {}, PREDICATES)
    assert result.total == 0 and result.predicate == "D"
    assert len(result.unanswered) == 14


def test_every_answer_at_its_best_scores_100():
    best = {
        c.code: ("Y" if c.options is YT else "A") for comp in WORKSHEET for s in comp.subcomponents for c in s.criteria
    }
    result = score_worksheet(WORKSHEET, best, PREDICATES)
    assert result.total == 100 and result.predicate == "AA" and result.unanswered == []


@pytest.mark.parametrize(
    ("total", "expected"),
    [("90.00", "A"), ("90.004", "A"), ("90.005", "AA"), ("80.01", "A"), ("80", "BB"), ("30", "D"), ("30.01", "C")],
)
def test_the_predicate_is_judged_on_the_printed_total(total, expected):
    assert predicate_of(D(total), PREDICATES) == expected
    assert round_half_up(D("90.005")) == D("90.01")


def test_an_answer_not_on_the_scale_is_refused():
    with pytest.raises(UnknownAnswer, match="Jawaban 'Z' tidak ada"):
        score_worksheet(WORKSHEET, {"P.1.1": "Z"}, PREDICATES)
