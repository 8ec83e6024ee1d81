"""Answers proposed from the app's own data: the check's fraction, the option it maps
to, and what the evaluator sees as its evidence."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from evaluation import proposals, workflow
from evaluation.models import Answer, AnswerOption, Criterion, Evaluation, ReportingDeadline
from indicators.models import Goal, Indicator, Realization, RenstraPeriod, Target
from reports.models import Report, ReportEvent

from .helpers import url


def options(scale):
    set_ = workflow.current_criteria_set()
    return list(AnswerOption.objects.filter(criteria_set=set_, scale=scale))


@pytest.mark.parametrize(
    ("scale", "fraction", "label"),
    [
        ("YT", D(1), "Y"),
        ("YT", D("0.99"), "T"),  # Y/T: only a complete fulfilment is Y
        ("AE", D(1), "A"),
        ("AE", D("0.8"), "B"),  # the best option not worth more than 0,8
        ("AE", D("0.5"), "C"),
        ("AE", D("0.49"), "D"),
        ("AE", D(0), "E"),
    ],
)
def test_the_proposed_option_is_the_best_not_above_the_fraction(db, scale, fraction, label):
    assert proposals.proposed_label(options(scale), fraction) == label


@pytest.fixture
def plan(agency_a):
    period = RenstraPeriod.objects.create(agency=agency_a, start_year=2021, end_year=2025, vision="Visi")
    goal = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran")
    return [
        Indicator.objects.create(period=period, goal=goal, code=f"I{n}", name=f"Indikator {n}", unit="%")
        for n in range(1, 5)
    ]


def test_iku_targets_counts_indicators_with_a_target_for_the_year(agency_a, plan):
    Target.objects.create(indicator=plan[0], year=2024, agreement=D(10))
    Target.objects.create(indicator=plan[1], year=2024, renstra=D(10))
    Target.objects.create(indicator=plan[2], year=2023, agreement=D(10))  # another year
    finding = proposals.check_iku_targets(agency_a, 2024)
    assert finding.fraction == D("0.5")
    assert finding.evidence == "2 dari 4 IKU mempunyai target tahun 2024."


def test_quarterly_realisations_need_all_four_quarters(agency_a, plan):
    for quarter in (1, 2, 3, 4):
        Realization.objects.create(indicator=plan[0], year=2024, quarter=quarter, value=D(1))
    for quarter in (1, 2, 3):
        Realization.objects.create(indicator=plan[1], year=2024, quarter=quarter, value=D(1))
    Realization.objects.create(indicator=plan[2], year=2024, quarter=4, value=None)  # unknown is not recorded
    assert proposals.check_quarterly_realisations(agency_a, 2024).fraction == D("0.25")


def test_on_time_compares_the_first_submission_with_the_regions_deadline(agency_a, region):
    report = Report.objects.create(agency=agency_a, year=2024)
    assert proposals.check_lkjip_on_time(agency_a, 2024).fraction == 0  # never submitted
    event = ReportEvent.objects.create(report=report, action=ReportEvent.Action.SUBMIT)
    ReportEvent.objects.filter(pk=event.pk).update(at=timezone.make_aware(datetime(2025, 4, 10, 9)))
    late = proposals.check_lkjip_on_time(agency_a, 2024)
    assert late.fraction == 0 and "batas penyampaian 31-03-2025" in late.evidence  # the regulation's default
    ReportingDeadline.objects.create(region=region, year=2024, due=date(2025, 4, 15))
    assert proposals.check_lkjip_on_time(agency_a, 2024).fraction == 1


def test_the_evaluator_accepts_proposals_without_overwriting_own_answers(client, agency_a, plan, reviewer):
    for indicator in plan:
        Target.objects.create(indicator=indicator, year=2024, agreement=D(10))
    evaluation = workflow.start(agency_a, 2024)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=Evaluation.Status.SUBMITTED)
    found = proposals.proposals(evaluation)
    codes = dict(
        Criterion.objects.filter(subcomponent__component__criteria_set=evaluation.criteria_set).values_list(
            "pk", "code"
        )
    )
    proposed = {codes[pk]: p.label for pk, p in found.items()}
    assert proposed["2.1.1"] == "Y"  # every IKU has its 2024 target
    assert proposed["2.1.3"] == "T"  # no quarterly realisations
    assert proposed["3.1.1"] == "T"  # no LKjIP
    own = next(pk for pk, code in codes.items() if code == "2.1.3")
    Answer.objects.create(evaluation=evaluation, criterion_id=own, evaluator_answer="Y", evaluator_note="Dicek")
    client.force_login(reviewer)
    client.post(url("evaluation_accept_proposals", agency_a, 2024))
    answers = {a.criterion.code: a for a in evaluation.answers.select_related("criterion")}
    assert answers["2.1.3"].evaluator_answer == "Y"  # the evaluator's own answer stays
    assert answers["2.1.1"].evaluator_answer == "Y"
    assert answers["2.1.1"].evaluator_note == "Usulan aplikasi: 4 dari 4 IKU mempunyai target tahun 2024."
    assert set(answers) == set(proposed)
