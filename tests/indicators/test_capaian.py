"""Every computation rule of docs/domain.md, on plain values."""

from decimal import Decimal as D

import pytest

from indicators import capaian as c


def r2(value):
    return c.round_half_up(value, 2)


class TestPolarity:
    def test_positive_is_realization_over_target(self):
        # Pati 2020, Pertumbuhan UMK yang aktif berproduksi: 13,83 / 13 = 106,38 %.
        assert r2(c.capaian(D("13"), D("13.83"))) == D("106.38")

    def test_negative_gap_method(self):
        # Lower is better: target 10, realization 8 -> (20 - 8) / 10 = 120 %.
        assert c.capaian(D(10), D(8), c.NEGATIVE) == D(120)
        assert c.capaian(D(10), D(12), c.NEGATIVE) == D(80)

    def test_negative_gap_is_floored_at_zero_when_realization_above_twice_target(self):
        assert c.capaian(D(10), D(25), c.NEGATIVE) == D(0)
        assert c.capaian(D(10), D(20), c.NEGATIVE) == D(0)

    def test_negative_inverse_method(self):
        assert c.capaian(D(10), D(8), c.NEGATIVE, c.NEGATIVE_INVERSE) == D("125")
        assert c.capaian(D(10), D(25), c.NEGATIVE, c.NEGATIVE_INVERSE) == D(40)

    def test_negative_inverse_with_zero_realization_is_undefined(self):
        assert c.capaian(D(10), D(0), c.NEGATIVE, c.NEGATIVE_INVERSE) is None


class TestRangeTargets:
    def test_inside_the_range_is_100(self):
        assert c.capaian(D(80), D(85), target_upper=D(90)) == D(100)
        assert c.capaian(D(80), D(80), target_upper=D(90)) == D(100)
        assert c.capaian(D(80), D(90), target_upper=D(90)) == D(100)

    def test_above_the_range_uses_upper_bound(self):
        assert c.capaian(D(80), D(99), target_upper=D(90)) == D(110)

    def test_below_the_range_uses_lower_bound(self):
        assert c.capaian(D(80), D(60), target_upper=D(90)) == D(75)

    def test_negative_polarity_above_range(self):
        # (1 + (1 - R/T)) x 100 with T the upper bound: (1 + (1 - 99/90)) x 100 = 90.
        assert c.capaian(D(80), D(99), c.NEGATIVE, target_upper=D(90)) == D(90)

    def test_bounds_given_in_reverse_order(self):
        assert c.capaian(D(90), D(85), target_upper=D(80)) == D(100)


class TestUndefined:
    @pytest.mark.parametrize("polarity", [c.POSITIVE, c.NEGATIVE])
    def test_target_zero_is_undefined(self, polarity):
        assert c.capaian(D(0), D(5), polarity) is None

    def test_missing_target_or_realization_is_undefined(self):
        assert c.capaian(None, D(5)) is None
        assert c.capaian(D(5), None) is None

    def test_zero_realization_is_a_value_not_missing(self):
        assert c.capaian(D(50), D(0)) == D(0)

    def test_percent_never_divides_by_zero(self):
        assert c.percent(D(1), D(0)) is None


class TestRatioAndGrowth:
    def test_ratio_lumajang_rat(self):
        # RAT 376 / active cooperatives 468 = 80,34 %.
        assert r2(c.ratio(D(376), D(468))) == D("80.34")

    def test_growth_lumajang_micro_enterprises(self):
        # (25.611 - 25.391) / 25.391 = 0,87 %.
        assert r2(c.growth(D(25611), D(25391))) == D("0.87")

    def test_growth_without_previous_is_undefined(self):
        assert c.growth(D(100), None) is None
        assert c.growth(D(100), D(0)) is None

    def test_year_value_prefers_numerator_and_denominator_over_typed(self):
        entry = c.YearEntry(value=D("0.10"), numerator=D(1145), denominator=D(1264373))
        assert r2(c.year_value(entry, c.CALC_RATIO)) == D("0.09")

    def test_typed_value_is_used_when_ratio_parts_missing(self):
        assert c.year_value(c.YearEntry(value=D("12.5")), c.CALC_RATIO) == D("12.5")

    def test_growth_takes_previous_years_value_when_denominator_missing(self):
        previous = c.YearEntry(numerator=D(25391))
        entry = c.YearEntry(numerator=D(25611))
        assert r2(c.year_value(entry, c.CALC_GROWTH, previous=previous)) == D("0.87")

    def test_typed_value_that_disagrees_with_its_parts_is_flagged(self):
        # A real report typed 0,10 % for 1.145 / 1.264.373 = 0,09 %.
        computed = c.ratio(D(1145), D(1264373))
        assert c.typed_differs_from_computed(D("0.10"), computed)
        assert not c.typed_differs_from_computed(D("0.09"), computed)
        # Stored values carry trailing zeros; 80,34 for 376/468 is within its rounding.
        assert not c.typed_differs_from_computed(D("80.3400"), c.ratio(D(376), D(468)))


class TestCumulative:
    def entries(self, *values, start=2019):
        return {start + i: c.YearEntry(value=None if v is None else D(v)) for i, v in enumerate(values)}

    def test_sum_from_renstra_start_to_report_year(self):
        # New entrepreneurs 100 + 120 + 130 = 350 by the third year.
        entries = self.entries(100, 120, 130, 140)
        assert c.realization_to_date(entries, 2021, start_year=2019, cumulative=True) == D(350)

    def test_not_cumulative_takes_the_year_alone(self):
        entries = self.entries(100, 120, 130)
        assert c.realization_to_date(entries, 2021, start_year=2019) == D(130)

    def test_missing_years_are_left_out_and_reported(self):
        entries = self.entries(100, None, 130)
        assert c.realization_to_date(entries, 2021, start_year=2019, cumulative=True) == D(230)
        assert c.missing_years(entries, 2021, start_year=2019) == [2020]

    def test_cumulative_ratio_accumulates_numerator_over_report_years_denominator(self):
        entries = {
            2019: c.YearEntry(numerator=D(10), denominator=D(100)),
            2020: c.YearEntry(numerator=D(20), denominator=D(200)),
        }
        result = c.realization_to_date(entries, 2020, start_year=2019, calculation=c.CALC_RATIO, cumulative=True)
        assert result == D(15)

    def test_nothing_entered_is_undefined(self):
        assert c.realization_to_date({}, 2021, start_year=2019, cumulative=True) is None


class TestQuarters:
    quarters = (D(10), D(20), None, D(30))

    def test_sum(self):
        assert c.roll_up_quarters(self.quarters, c.ROLLUP_SUM) == D(60)

    def test_last_entered(self):
        assert c.roll_up_quarters(self.quarters, c.ROLLUP_LAST) == D(30)

    def test_average_of_entered(self):
        assert c.roll_up_quarters(self.quarters, c.ROLLUP_AVERAGE) == D(20)

    def test_none_entered(self):
        assert c.roll_up_quarters((None,) * 4, c.ROLLUP_SUM) is None

    def test_year_value_falls_back_to_quarters(self):
        entry = c.YearEntry(quarters=self.quarters)
        assert c.year_value(entry, rollup=c.ROLLUP_SUM) == D(60)

    def test_quarter_sum_that_differs_from_yearly_value_is_flagged(self):
        assert c.quarter_sum_differs(c.YearEntry(value=D(61), quarters=self.quarters), c.ROLLUP_SUM)
        assert not c.quarter_sum_differs(c.YearEntry(value=D(60), quarters=self.quarters), c.ROLLUP_SUM)

    def test_unknown_rollup_is_an_error(self):
        with pytest.raises(ValueError):
            c.roll_up_quarters([D(1)], "median")


class TestGrades:
    def test_rank_ratio(self):
        # AKIP B against target BB: rank 4 / rank 5 = 80 %.
        assert c.grade_capaian("BB", "B") == D(80)
        assert c.grade_capaian("BB", "A") == D(120)

    def test_case_and_spaces_do_not_matter(self):
        assert c.grade_capaian(" bb", "Bb ") == D(100)

    def test_grade_not_on_scale_is_undefined(self):
        assert c.grade_capaian("BB", "Z") is None
        assert not c.grade_on_scale("Z")

    def test_custom_scale(self):
        assert c.grade_capaian("Baik", "Cukup", scale=("Kurang", "Cukup", "Baik")) == D(200) / D(3)


class TestAggregation:
    def test_mean_ignores_undefined(self):
        assert c.mean([D(100), None, D(80)]) == D(90)

    def test_mean_of_nothing_is_undefined(self):
        assert c.mean([None, None]) is None

    def test_progress_to_end_target(self):
        # Denpasar 2019: 66 / 75 = 88 %.
        assert c.progress_to_end_target(D(66), D(75)) == D(88)
        assert c.progress_to_end_target(D(66), None) is None


class TestBudget:
    def test_sisa_and_serapan(self):
        # Lumajang: Program Pelayanan Administrasi Perkantoran.
        assert c.sisa(D(872705000), D(853222679)) == D(19482321)
        assert r2(c.serapan(D(872705000), D(853222679))) == D("97.77")

    def test_serapan_with_zero_pagu_is_undefined(self):
        assert c.serapan(D(0), D(0)) is None

    def test_total_leaves_out_missing(self):
        assert c.total([D(1), None, D(2)]) == D(3)
        assert c.total([None]) is None

    def test_efficiency(self):
        # Denpasar Tabel 3.6: capaian 100 %, serapan 93,37 % -> 6,63 points, efficient.
        points = c.efficiency(D(100), D("93.37"))
        assert points == D("6.63")
        assert c.is_efficient(points) is True
        assert c.is_efficient(D("-0.01")) is False

    def test_cost_per_outcome(self):
        assert c.cost_per_outcome(D(1000000), D(40)) == D(25000)
        assert c.cost_per_outcome(D(1000000), D(0)) is None


class TestPredicate:
    @pytest.mark.parametrize(
        ("value", "label"),
        [
            (D(120), "Sangat Tinggi"),
            (D(91), "Sangat Tinggi"),
            (D("90.99"), "Tinggi"),
            (D(76), "Tinggi"),
            (D("75.99"), "Sedang"),
            (D(66), "Sedang"),
            (D(51), "Rendah"),
            (D("50.99"), "Sangat Rendah"),
            (D(0), "Sangat Rendah"),
        ],
    )
    def test_default_bands(self, value, label):
        assert c.predicate(value).label == label

    def test_judged_on_printed_value(self):
        # 90,995 prints as 91,00: it must not read "Tinggi".
        assert c.predicate(D("90.995")).label == "Sangat Tinggi"

    def test_undefined_has_no_predicate(self):
        assert c.predicate(None) is None

    def test_target_status(self):
        assert c.target_status(D("99.99")) == c.STATUS_NOT_MET
        assert c.target_status(D(100)) == c.STATUS_MET
        assert c.target_status(D("100.001")) == c.STATUS_MET
        assert c.target_status(D("100.01")) == c.STATUS_EXCEEDED
        assert c.target_status(None) is None


class TestRounding:
    def test_half_up_not_bankers(self):
        assert c.round_half_up(D("0.125")) == D("0.13")
        assert c.round_half_up(D("82.205")) == D("82.21")

    def test_engine_does_not_round(self):
        assert c.ratio(D(1), D(3)) != r2(c.ratio(D(1), D(3)))


def test_a_capped_mean_counts_each_value_at_most_the_cap_and_leaves_the_values_alone():
    values = [D("469"), D("50"), D("60"), D("70"), None]
    assert c.mean(values) == D("162.25")
    assert c.mean(values, cap=D(100)) == D("70")
    assert c.mean(values, cap=D(150)) == D("82.5")
    assert values[0] == D("469")
    assert c.mean([None], cap=D(100)) is None
