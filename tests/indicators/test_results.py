"""Indicators scored from stored data: the model wiring around the engine."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Goal, Indicator, PredicateBand, PredicateScale, Realization, RenstraPeriod, Target
from indicators.results import agency_year_results


@pytest.fixture
def period(agency_a):
    return RenstraPeriod.objects.create(agency=agency_a, start_year=2019, end_year=2023)


@pytest.fixture
def sasaran(period):
    return Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran satu")


def make_indicator(sasaran, code="I1", **fields):
    return Indicator.objects.create(period=sasaran.period, goal=sasaran, code=code, name=f"Indikator {code}", **fields)


def messages(scored):
    return [flag.message for flag in scored.flags]


def result(indicator, year=2021):
    indicator = (
        Indicator.objects.prefetch_related("targets", "realizations").select_related("period").get(pk=indicator.pk)
    )
    return indicator.result_for(year)


def test_revised_agreement_target_counts_over_agreement_and_renstra(sasaran):
    indicator = make_indicator(sasaran)
    Target.objects.create(indicator=indicator, year=2021, renstra=D(40), agreement=D(50), agreement_revised=D(80))
    Realization.objects.create(indicator=indicator, year=2021, value=D(60))
    assert result(indicator).capaian == D(75)


def test_renstra_target_counts_when_no_agreement(sasaran):
    indicator = make_indicator(sasaran)
    Target.objects.create(indicator=indicator, year=2021, renstra=D(40))
    Realization.objects.create(indicator=indicator, year=2021, value=D(60))
    assert result(indicator).capaian == D(150)


def test_cumulative_indicator_sums_increments_and_flags_missing_years(sasaran):
    indicator = make_indicator(sasaran, cumulative=True, quarter_rollup="sum")
    Target.objects.create(indicator=indicator, year=2021, agreement=D(350))
    Realization.objects.create(indicator=indicator, year=2019, value=D(100))
    Realization.objects.create(indicator=indicator, year=2021, value=D(130))
    scored = result(indicator)
    assert scored.realization == D(230)
    assert any("2020" in flag.message for flag in scored.flags)


def test_quarters_roll_up_when_no_yearly_value(sasaran):
    indicator = make_indicator(sasaran, quarter_rollup="sum")
    Target.objects.create(indicator=indicator, year=2021, agreement=D(100))
    for quarter, value in enumerate([D(10), D(20), D(30), D(40)], 1):
        Realization.objects.create(indicator=indicator, year=2021, quarter=quarter, value=value)
    assert result(indicator).realization == D(100)
    assert result(indicator).status == "met"


def test_quarter_sum_that_differs_from_yearly_value_is_flagged(sasaran):
    indicator = make_indicator(sasaran, quarter_rollup="sum")
    Target.objects.create(indicator=indicator, year=2021, agreement=D(100))
    Realization.objects.create(indicator=indicator, year=2021, value=D(99))
    Realization.objects.create(indicator=indicator, year=2021, quarter=1, value=D(100))
    assert "Rekap triwulan berbeda dengan realisasi tahunan." in messages(result(indicator))


def test_grade_indicator(sasaran):
    indicator = make_indicator(sasaran, value_kind="grade")
    Target.objects.create(indicator=indicator, year=2021, agreement_grade="BB")
    Realization.objects.create(indicator=indicator, year=2021, grade="B")
    scored = result(indicator)
    assert scored.capaian == D(80)
    assert scored.predicate == "Tinggi"


def test_grade_not_on_scale_is_undefined_and_flagged(sasaran):
    indicator = make_indicator(sasaran, value_kind="grade")
    Target.objects.create(indicator=indicator, year=2021, agreement_grade="BB")
    Realization.objects.create(indicator=indicator, year=2021, grade="Z")
    scored = result(indicator)
    assert scored.capaian is None
    assert scored.predicate is None
    assert any("'Z'" in flag.message for flag in scored.flags)


def test_target_zero_and_realization_without_target_are_flagged(sasaran):
    zero = make_indicator(sasaran, code="I1")
    Target.objects.create(indicator=zero, year=2021, agreement=D(0))
    Realization.objects.create(indicator=zero, year=2021, value=D(5))
    assert result(zero).capaian is None
    assert "Target 0: capaian tidak dapat dihitung." in messages(result(zero))

    no_target = make_indicator(sasaran, code="I2")
    Realization.objects.create(indicator=no_target, year=2021, value=D(5))
    assert "Ada realisasi tanpa target." in messages(result(no_target))


def test_capaian_above_200_is_flagged(sasaran):
    indicator = make_indicator(sasaran)
    Target.objects.create(indicator=indicator, year=2021, agreement=D(1))
    Realization.objects.create(indicator=indicator, year=2021, value=D(250))
    assert "Capaian di atas 200 %: periksa satuan." in messages(result(indicator))


def test_negative_polarity_follows_the_regions_method(sasaran, region):
    indicator = make_indicator(sasaran, polarity="negative")
    Target.objects.create(indicator=indicator, year=2021, agreement=D(10))
    Realization.objects.create(indicator=indicator, year=2021, value=D(8))
    assert agency_year_results(sasaran.period.agency, 2021).indicators[0].capaian == D(120)
    region.negative_method = "inverse"
    region.save()
    assert agency_year_results(sasaran.period.agency, 2021).indicators[0].capaian == D(125)


def test_region_can_use_its_own_predicate_scale(sasaran, region):
    indicator = make_indicator(sasaran)
    Target.objects.create(indicator=indicator, year=2021, agreement=D(100))
    Realization.objects.create(indicator=indicator, year=2021, value=D(95))
    assert agency_year_results(sasaran.period.agency, 2021).indicators[0].predicate == "Sangat Tinggi"
    scale = PredicateScale.objects.create(name="Skala daerah", region=region)
    PredicateBand.objects.create(scale=scale, minimum=D("90.01"), label="Sangat Baik", colour="success")
    PredicateBand.objects.create(scale=scale, minimum=None, label="Kurang", colour="danger")
    assert agency_year_results(sasaran.period.agency, 2021).indicators[0].predicate == "Sangat Baik"


def test_progress_to_end_target_uses_explicit_end_target_else_last_renstra_year(sasaran):
    indicator = make_indicator(sasaran)
    Target.objects.create(indicator=indicator, year=2021, agreement=D(50))
    Target.objects.create(indicator=indicator, year=2023, renstra=D(80))
    Realization.objects.create(indicator=indicator, year=2021, value=D(60))
    assert result(indicator).progress == D(75)
    indicator.end_target = D(80)  # stated, and the final year's target: a level
    indicator.save()
    assert result(indicator).progress == D(75)
    # Stated, neither the final year's target nor the sum of the yearly ones: no figure.
    indicator.end_target = D(120)
    indicator.save()
    unclear = result(indicator)
    assert unclear.progress is None
    assert "progress_unclear" in {flag.code for flag in unclear.flags}


def test_progress_compares_like_with_like_when_the_end_target_is_a_sum(period, sasaran):
    """Denpasar 2019's Tabel 3.8 set one year's 0,50 against 2,5 (five yearly 0,5 added
    up) and printed 20 %: a sum is compared with the realizations summed the same way."""
    indicator = make_indicator(sasaran)
    for year in period.years:
        Target.objects.create(indicator=indicator, year=year, renstra=D("0.5"))
    indicator.end_target = D("2.5")
    indicator.save()
    Realization.objects.create(indicator=indicator, year=2021, value=D("0.5"))
    missing = result(indicator)
    assert missing.progress is None
    assert "progress_years_missing" in {flag.code for flag in missing.flags}
    for year in range(period.start_year, 2021):
        Realization.objects.create(indicator=indicator, year=year, value=D("0.5"))
    summed = result(indicator)
    assert summed.progress_realization == D("0.5") * (2021 - period.start_year + 1)
    assert summed.progress == summed.progress_realization * 100 / D("2.5")
    assert summed.realization == D("0.5")  # the year's own realization is unchanged


def test_a_grade_indicator_has_a_grade_end_target_and_progress_by_rank(sasaran):
    indicator = make_indicator(sasaran, value_kind="grade")
    Target.objects.create(indicator=indicator, year=2021, agreement_grade="BB")
    Target.objects.create(indicator=indicator, year=2023, renstra_grade="A")
    Realization.objects.create(indicator=indicator, year=2021, grade="B")
    graded = result(indicator)
    assert graded.end_target_grade == "A"
    assert graded.progress == D(4) * 100 / D(6)  # rank(B) = 4 of rank(A) = 6


def test_sasaran_and_agency_capaian_are_means(period):
    tujuan = Goal.objects.create(period=period, kind="tujuan", code="T1", statement="Tujuan")
    s1 = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="S1", parent=tujuan)
    s2 = Goal.objects.create(period=period, kind="sasaran", code="S2", statement="S2", parent=tujuan)
    for goal, code, realization in [(tujuan, "T", 500), (s1, "A", 100), (s1, "B", 80), (s2, "C", 60)]:
        indicator = make_indicator(goal, code=code)
        Target.objects.create(indicator=indicator, year=2021, agreement=D(100))
        Realization.objects.create(indicator=indicator, year=2021, value=D(realization))
    results = agency_year_results(period.agency, 2021)
    by_code = {g.goal.code: g.capaian for g in results.goals}
    assert by_code["S1"] == D(90)
    assert by_code["S2"] == D(60)
    # The agency capaian is the mean over sasaran; the tujuan indicator is not in it.
    assert results.capaian == D(75)


def test_agency_without_renstra_for_the_year_has_no_results(agency_a):
    results = agency_year_results(agency_a, 2030)
    assert results.period is None
    assert results.capaian is None


def count_scoring_queries(agency):
    with CaptureQueriesContext(connection) as captured:
        results = agency_year_results(agency, 2021)
    return len(captured), len(results.indicators)


def add_scored_indicators(period, count, start=0):
    for n in range(start, start + count):
        goal = Goal.objects.create(period=period, kind="sasaran", code=f"S{n}", statement="s")
        indicator = make_indicator(goal, code=f"I{n}")
        Target.objects.create(indicator=indicator, year=2021, agreement=D(10))
        Realization.objects.create(indicator=indicator, year=2021, value=D(n))
        Realization.objects.create(indicator=indicator, year=2021, quarter=1, value=D(n))


def test_scoring_an_agency_runs_the_same_number_of_queries_at_any_size(period):
    add_scored_indicators(period, 2)
    small = count_scoring_queries(period.agency)
    add_scored_indicators(period, 30, start=2)
    large = count_scoring_queries(period.agency)
    assert small[1] == 2 and large[1] == 32
    assert small[0] == large[0]
