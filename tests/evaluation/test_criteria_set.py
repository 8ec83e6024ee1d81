"""The shipped PermenPAN-RB 88/2021 criteria set (a data migration loads it into every
database): its weights, sub-component shares, answer values and predicates; a new
version never touches the one before."""

from decimal import Decimal as D

from evaluation.criteria import current_criteria_set, load_criteria_set
from evaluation.models import Criterion
from evaluation.scoring import score_worksheet


def test_the_88_2021_set_has_the_regulations_weights(db):
    criteria_set = current_criteria_set()
    assert criteria_set.name == "LKE SAKIP PermenPAN-RB 88/2021"
    components, predicates = criteria_set.specs()
    assert [(c.code, c.weight) for c in components] == [("1", 30), ("2", 30), ("3", 15), ("4", 25)]
    assert [s.weight for s in components[0].subcomponents] == [D(6), D(9), D(15)]  # 20 / 30 / 50 % of 30
    assert [s.weight for s in components[2].subcomponents] == [D(3), D("4.5"), D("7.5")]
    assert [p.label for p in predicates] == ["AA", "A", "BB", "B", "CC", "C", "D"]
    best = {
        c.code: ("Y" if c.scale == "YT" else "A")
        for c in Criterion.objects.filter(subcomponent__component__criteria_set=criteria_set)
    }
    result = score_worksheet(components, best, predicates)
    assert (result.total, result.predicate, result.unanswered) == (D(100), "AA", [])
    # Every criterion answered at the middle of its scale: Y/T has no middle (Y), A-E is C.
    middle = {code: ("Y" if answer == "Y" else "C") for code, answer in best.items()}
    result = score_worksheet(components, middle, predicates)
    # Pemenuhan (Y/T) full: 6 + 6 + 3 + 5 = 20; kualitas and pemanfaatan at 0,5: (80 x 0,5) = 40.
    assert (result.total, result.predicate) == (D(60), "CC")


def test_loading_the_set_again_is_a_new_version_and_leaves_the_first_as_it_was(db):
    first = current_criteria_set()
    texts = Criterion.objects.filter(subcomponent__component__criteria_set=first).values_list("code", "text")
    before = list(texts)
    second = load_criteria_set()
    first.refresh_from_db()
    assert (second.version, second.is_current, first.is_current) == (first.version + 1, True, False)
    assert (
        list(Criterion.objects.filter(subcomponent__component__criteria_set=first).values_list("code", "text"))
        == before
    )
