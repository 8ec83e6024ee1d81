"""The capaian engine: every computation rule of an LKjIP, in plain Python.

Values in, `Decimal` out. No Django, no database, no clock, so the rules are easy to
test and every page, export and report calls the same code. `None` means "undefined"
(not entered, or a division by zero): it is left out of sums and means and printed as
"-", never treated as 0. Nothing here rounds; rounding is for display only
(`round_half_up`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
ZERO = Decimal(0)

POSITIVE = "positive"
NEGATIVE = "negative"

# The two ways regions compute a lower-is-better indicator (a region setting).
NEGATIVE_GAP = "gap"  # (2T - R) / T x 100, floored at 0
NEGATIVE_INVERSE = "inverse"  # T / R x 100

ROLLUP_SUM = "sum"
ROLLUP_LAST = "last"
ROLLUP_AVERAGE = "average"

CALC_DIRECT = "direct"
CALC_RATIO = "ratio"
CALC_GROWTH = "growth"

DEFAULT_GRADE_SCALE: tuple[str, ...] = ("D", "C", "CC", "B", "BB", "A", "AA")

# In means, a capaian counts at most this much unless the region's scale says otherwise.
DEFAULT_MEAN_CAP = Decimal(100)


@dataclass(frozen=True)
class Flag:
    """Something entered that cannot be right, or is missing: a code and a message."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


STATUS_NOT_MET = "not_met"
STATUS_MET = "met"
STATUS_EXCEEDED = "exceeded"

# What people read for each target status (the report and every page use these).
STATUS_LABELS = {
    STATUS_NOT_MET: "Tidak tercapai",
    STATUS_MET: "Tercapai",
    STATUS_EXCEEDED: "Melampaui target",
}


def round_half_up(value: Decimal | None, places: int = 2) -> Decimal | None:
    """Round for display: half up, as people round by hand (0,125 -> 0,13)."""
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part / whole x 100; undefined when either is missing or whole is 0."""
    if part is None or whole is None or whole == 0:
        return None
    return part * HUNDRED / whole


# --- Capaian of one indicator ------------------------------------------------------


def capaian(
    target: Decimal | None,
    realization: Decimal | None,
    polarity: str = POSITIVE,
    negative_method: str = NEGATIVE_GAP,
    target_upper: Decimal | None = None,
) -> Decimal | None:
    """Achievement in percent of one realization against its target.

    A range target ("80-90") is `target` .. `target_upper`: inside the range the
    capaian is 100; above it the upper bound is the target, below it the lower one.
    """
    if target is None or realization is None:
        return None
    if target_upper is not None:
        low, high = sorted((target, target_upper))
        if low <= realization <= high:
            return HUNDRED
        target = high if realization > high else low
    if target == 0:
        return None
    if polarity == NEGATIVE:
        if negative_method == NEGATIVE_INVERSE:
            return percent(target, realization)
        return max(ZERO, (2 * target - realization) * HUNDRED / target)
    return realization * HUNDRED / target


def grade_capaian(
    target_grade: str | None,
    realization_grade: str | None,
    scale: Sequence[str] = DEFAULT_GRADE_SCALE,
) -> Decimal | None:
    """rank(R) / rank(T) x 100 on an ordered grade scale (rank of the lowest is 1).

    A grade not on the scale makes the capaian undefined (and is flagged by the checks).
    """
    ranks = {grade.upper(): index + 1 for index, grade in enumerate(scale)}
    if target_grade is None or realization_grade is None:
        return None
    target_rank = ranks.get(target_grade.strip().upper())
    realization_rank = ranks.get(realization_grade.strip().upper())
    if target_rank is None or realization_rank is None:
        return None
    return Decimal(realization_rank) * HUNDRED / Decimal(target_rank)


def grade_on_scale(grade: str, scale: Sequence[str] = DEFAULT_GRADE_SCALE) -> bool:
    return grade.strip().upper() in {g.upper() for g in scale}


def target_status(value: Decimal | None) -> str | None:
    """Tidak tercapai (< 100), Tercapai (= 100), Melampaui target (> 100).

    Judged on the value as printed (2 decimals), so a capaian printed as 100,00 never
    reads "Tidak tercapai".
    """
    value = round_half_up(value)
    if value is None:
        return None
    if value < HUNDRED:
        return STATUS_NOT_MET
    if value == HUNDRED:
        return STATUS_MET
    return STATUS_EXCEEDED


# --- Realization of one indicator ---------------------------------------------------


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """R = numerator / denominator x 100."""
    return percent(numerator, denominator)


def growth(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """R = (value year N - value year N-1) / value year N-1 x 100."""
    if current is None:
        return None
    return percent(current - previous if previous is not None else None, previous)


def roll_up_quarters(values: Iterable[Decimal | None], method: str) -> Decimal | None:
    """The year's value from TW I-IV: sum (counts, money), last (stocks, %), average.

    Quarters not entered are left out; with none entered the year is undefined.
    """
    entered = [v for v in values if v is not None]
    if not entered:
        return None
    if method == ROLLUP_SUM:
        return sum(entered, ZERO)
    if method == ROLLUP_AVERAGE:
        return sum(entered, ZERO) / len(entered)
    if method == ROLLUP_LAST:
        return entered[-1]
    raise ValueError(f"unknown quarter roll-up: {method}")


@dataclass(frozen=True)
class YearEntry:
    """What was entered for one indicator and year (None = not entered)."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    quarters: tuple[Decimal | None, ...] = (None, None, None, None)


def year_value(
    entry: YearEntry | None,
    calculation: str = CALC_DIRECT,
    rollup: str = ROLLUP_LAST,
    previous: YearEntry | None = None,
) -> Decimal | None:
    """One year's realization, before accumulation.

    Priority: computed from numerator and denominator where the indicator is a ratio or
    growth and both are entered; otherwise the typed yearly value; otherwise the
    quarters rolled up. For growth, a missing denominator (value of year N-1) is taken
    from the previous year's numerator.
    """
    if entry is None:
        return None
    if calculation == CALC_RATIO and entry.numerator is not None and entry.denominator is not None:
        return ratio(entry.numerator, entry.denominator)
    if calculation == CALC_GROWTH and entry.numerator is not None:
        base = entry.denominator
        if base is None and previous is not None:
            base = previous.numerator
        if base is not None:
            return growth(entry.numerator, base)
    if entry.value is not None:
        return entry.value
    return roll_up_quarters(entry.quarters, rollup)


def realization_to_date(
    entries: dict[int, YearEntry],
    year: int,
    *,
    start_year: int,
    calculation: str = CALC_DIRECT,
    rollup: str = ROLLUP_LAST,
    cumulative: bool = False,
) -> Decimal | None:
    """The realization reported for `year`.

    Not cumulative: that year's value. Cumulative: the yearly entries are increments
    and R is their sum from the Renstra start to `year` (years not entered are left
    out and flagged by the checks); for a ratio the numerator accumulates and the
    denominator is the report year's.
    """
    if not cumulative:
        return year_value(entries.get(year), calculation, rollup, entries.get(year - 1))
    years = range(start_year, year + 1)
    if calculation == CALC_RATIO:
        current = entries.get(year)
        numerators = [entries[y].numerator for y in years if y in entries]
        entered = [n for n in numerators if n is not None]
        if current is None or current.denominator is None or not entered:
            return None
        return ratio(sum(entered, ZERO), current.denominator)
    values = [year_value(entries.get(y), calculation, rollup, entries.get(y - 1)) for y in years]
    entered = [v for v in values if v is not None]
    if not entered:
        return None
    return sum(entered, ZERO)


def missing_years(entries: dict[int, YearEntry], year: int, *, start_year: int) -> list[int]:
    """Years of the Renstra period up to `year` with nothing entered."""
    return [y for y in range(start_year, year + 1) if entries.get(y) is None or entries[y] == YearEntry()]


def quarter_sum_differs(entry: YearEntry, rollup: str) -> bool:
    """True when the typed yearly value disagrees with its quarters rolled up."""
    if entry.value is None:
        return False
    rolled = roll_up_quarters(entry.quarters, rollup)
    return rolled is not None and rolled != entry.value


def typed_differs_from_computed(typed: Decimal | None, computed: Decimal | None) -> bool:
    """A typed R that differs from num/den beyond its own printed rounding.

    A value typed with 2 decimals (or fewer) is compared with the computed one rounded
    to 2 decimals (0,10 typed for 1.145 / 1.264.373 = 0,0905... is flagged; 80,34 for
    376 / 468 = 80,341... is not).
    """
    if typed is None or computed is None:
        return False
    # Stored values carry trailing zeros (71.3400); reports print at least 2 decimals.
    places = max(2, -typed.normalize().as_tuple().exponent)
    return round_half_up(computed, places) != typed


# --- Aggregation and comparisons ----------------------------------------------------


def mean(values: Iterable[Decimal | None], cap: Decimal | None = None) -> Decimal | None:
    """Mean of the defined values (sasaran capaian over indicators, agency over sasaran).

    With a `cap`, each value counts at most `cap`: one indicator at 469 % (often a unit
    error) cannot hide missed targets in the mean. The values themselves are unchanged.
    """
    defined = [v for v in values if v is not None]
    if not defined:
        return None
    if cap is not None:
        defined = [min(v, cap) for v in defined]
    return sum(defined, ZERO) / len(defined)


def progress_to_end_target(realization_to_date: Decimal | None, end_target: Decimal | None) -> Decimal | None:
    """Tingkat kemajuan: R to date / end-of-period target x 100."""
    return percent(realization_to_date, end_target)


PROGRESS_LEVEL = "level"  # the end target is a level: compare this year's realization
PROGRESS_SUM = "sum"  # the end target adds up the yearly targets: compare the summed realizations


def progress_basis(end_target: Decimal | None, yearly_targets: Sequence[Decimal | None], stated: bool) -> str | None:
    """Whether an end-of-period target is a level or a sum, so progress compares like with like.

    An end target taken from the final year's target (`stated` False) is a level. A
    stated one is a level when it equals the final year's target and a sum when it
    equals the sum of every yearly target; otherwise the data cannot say (None).
    """
    if end_target is None:
        return None
    if not stated:
        return PROGRESS_LEVEL
    last = yearly_targets[-1] if yearly_targets else None
    if last is not None and end_target == last:
        return PROGRESS_LEVEL
    if yearly_targets and all(t is not None for t in yearly_targets) and end_target == sum(yearly_targets, ZERO):
        return PROGRESS_SUM
    return None


# --- Budget -------------------------------------------------------------------------


def sisa(pagu: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """Unspent budget: pagu - realisasi."""
    if pagu is None or realisasi is None:
        return None
    return pagu - realisasi


def serapan(pagu: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """Budget absorption: realisasi / pagu x 100 ("-" when pagu is 0)."""
    return percent(realisasi, pagu)


def total(values: Iterable[Decimal | None]) -> Decimal | None:
    """Sum of the entered values; undefined when none was entered."""
    entered = [v for v in values if v is not None]
    if not entered:
        return None
    return sum(entered, ZERO)


def efficiency(capaian_pct: Decimal | None, serapan_pct: Decimal | None) -> Decimal | None:
    """Capaian kinerja % minus serapan anggaran %, in percentage points."""
    if capaian_pct is None or serapan_pct is None:
        return None
    return capaian_pct - serapan_pct


def is_efficient(efficiency_points: Decimal | None) -> bool | None:
    if efficiency_points is None:
        return None
    return efficiency_points >= 0


def cost_per_outcome(budget_realisasi: Decimal | None, realization: Decimal | None) -> Decimal | None:
    """Rupiah spent per unit achieved, for count indicators."""
    if budget_realisasi is None or realization is None or realization == 0:
        return None
    return budget_realisasi / realization


# --- Predicates ---------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """A predicate for capaian at or above `minimum` (None = no lower bound)."""

    minimum: Decimal | None
    label: str
    colour: str = ""


DEFAULT_BANDS: tuple[Band, ...] = (
    Band(Decimal(91), "Sangat Tinggi", "success"),
    Band(Decimal(76), "Tinggi", "primary"),
    Band(Decimal(66), "Sedang", "info"),
    Band(Decimal(51), "Rendah", "warning"),
    Band(None, "Sangat Rendah", "danger"),
)


def predicate(value: Decimal | None, bands: Sequence[Band] = DEFAULT_BANDS) -> Band | None:
    """The band whose minimum is the highest one not above `value`.

    Judged on the value as printed (2 decimals): 90,999 prints as 91,00 and must read
    as the band that starts at 91.
    """
    value = round_half_up(value)
    if value is None:
        return None
    ordered = sorted(bands, key=lambda b: (b.minimum is None, -(b.minimum or 0)))
    for band in ordered:
        if band.minimum is None or value >= band.minimum:
            return band
    return None
