"""Answers the app can propose from its own data, with that data as the evidence.

A criterion names its check (`Criterion.auto_check`, set in the criteria fixture). A
check measures how much of what the criterion asks is in the data, as a fraction 0..1,
and says what it counted. The proposed answer is the option of the criterion's scale
worth the most without being worth more than that fraction: on Y/T only a complete
fulfilment is "Y"; on A-E, 0,8 of the IKU with a target proposes "B" (0,75).
The evaluator accepts or changes it; nothing is answered without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F

from agencies.models import Agency
from cascade.models import IndicatorQuarterPlan
from indicators.models import Indicator, Realization, RenstraPeriod, Target
from reports import cached
from reports.models import Report, ReportEvent

from .models import Criterion, ReportingDeadline

ONE, ZERO = Decimal(1), Decimal(0)


@dataclass(frozen=True)
class Finding:
    fraction: Decimal  # how much of the criterion the data fulfils, 0..1
    evidence: str  # what was counted, in Indonesian


@dataclass(frozen=True)
class Proposal:
    label: str
    finding: Finding


def deadline_of(agency: Agency, year: int) -> date:
    """When the LKjIP of `year` is due: the region's date, or 31 March of the next year."""
    row = ReportingDeadline.objects.filter(region_id=agency.region_id, year=year).first()
    return row.due if row else date(year + 1, 3, 31)


def _share(have: int, total: int) -> Decimal:
    return Decimal(have) / Decimal(total) if total else ZERO


def _indicators(agency: Agency, year: int) -> list[Indicator]:
    return list(
        Indicator.objects.filter(period__agency=agency, period__start_year__lte=year, period__end_year__gte=year)
    )


def check_renstra(agency: Agency, year: int) -> Finding:
    period = RenstraPeriod.objects.filter(agency=agency).covering(year).first()
    if period is None:
        return Finding(ZERO, f"Tidak ada Renstra yang mencakup tahun {year}.")
    parts = [bool(period.vision.strip()), period.missions.exists(), period.goals.exists()]
    words = "visi, misi, tujuan/sasaran"
    return Finding(
        _share(sum(parts), len(parts)),
        f"Renstra {period.start_year}-{period.end_year}: {sum(parts)} dari {len(parts)} bagian ({words}) terisi.",
    )


def check_renstra_targets(agency: Agency, year: int) -> Finding:
    indicators = _indicators(agency, year)
    have = (
        Target.objects.filter(indicator__in=indicators, renstra__isnull=False, year=F("indicator__period__end_year"))
        .values("indicator_id")
        .distinct()
        .count()
    )
    return Finding(
        _share(have, len(indicators)), f"{have} dari {len(indicators)} indikator mempunyai target akhir Renstra."
    )


def check_agreement(agency: Agency, year: int) -> Finding:
    indicators = _indicators(agency, year)
    have = Target.objects.filter(indicator__in=indicators, year=year, agreement__isnull=False).count()
    return Finding(_share(have, len(indicators)), f"{have} dari {len(indicators)} IKU mempunyai target PK {year}.")


def check_iku_targets(agency: Agency, year: int) -> Finding:
    indicators = _indicators(agency, year)
    targets = Target.objects.filter(indicator__in=indicators, year=year)
    have = len({t.indicator_id for t in targets if t.agreement is not None or t.renstra is not None})
    return Finding(_share(have, len(indicators)), f"{have} dari {len(indicators)} IKU mempunyai target tahun {year}.")


def check_quarterly_realisations(agency: Agency, year: int) -> Finding:
    indicators = _indicators(agency, year)
    quarters: dict[int, set[int]] = {}
    for row in Realization.objects.filter(
        indicator__in=indicators, year=year, quarter__isnull=False, value__isnull=False
    ):
        quarters.setdefault(row.indicator_id, set()).add(row.quarter)
    have = sum(1 for i in indicators if len(quarters.get(i.pk, ())) == 4)
    return Finding(
        _share(have, len(indicators)),
        f"{have} dari {len(indicators)} IKU mempunyai realisasi keempat triwulan {year}.",
    )


def check_action_plans(agency: Agency, year: int) -> Finding:
    indicators = _indicators(agency, year)
    have = (
        IndicatorQuarterPlan.objects.filter(indicator__in=indicators, year=year)
        .values("indicator_id")
        .distinct()
        .count()
    )
    return Finding(_share(have, len(indicators)), f"{have} dari {len(indicators)} IKU mempunyai rencana aksi {year}.")


def check_cascade(agency: Agency, year: int) -> Finding:
    doc = cached.document(agency, year)
    if doc.cascade is None:
        return Finding(ZERO, f"Belum ada kaskade kinerja (sasaran unit) tahun {year}.")
    findings = len(doc.cascade_findings)
    units = len({n.goal.unit_id for n in doc.cascade.unit_goals})
    if not findings:
        return Finding(ONE, f"Kaskade {units} unit lengkap: pemeriksaan kaskade tidak menemukan masalah.")
    # Begun but with gaps: at most half of what the criterion asks.
    return Finding(Decimal("0.5"), f"Kaskade {units} unit; pemeriksaan kaskade menemukan {findings} masalah.")


def check_lkjip_final(agency: Agency, year: int) -> Finding:
    report = Report.objects.filter(agency=agency, year=year).first()
    if report is None:
        return Finding(ZERO, f"LKjIP {year} belum dibuat.")
    final = report.status == Report.Status.FINAL
    return Finding(ONE if final else ZERO, f"LKjIP {year} berstatus {report.get_status_display()}.")


def check_lkjip_on_time(agency: Agency, year: int) -> Finding:
    due = deadline_of(agency, year)
    first = (
        ReportEvent.objects.filter(report__agency=agency, report__year=year, action=ReportEvent.Action.SUBMIT)
        .order_by("at")
        .first()
    )
    if first is None:
        return Finding(ZERO, f"LKjIP {year} belum pernah diajukan (batas {due:%d-%m-%Y}).")
    on_time = first.at.date() <= due
    return Finding(
        ONE if on_time else ZERO,
        f"LKjIP {year} pertama diajukan {first.at:%d-%m-%Y}; batas penyampaian {due:%d-%m-%Y}.",
    )


def check_report_consistent(agency: Agency, year: int) -> Finding:
    doc = cached.document(agency, year)
    indicators = doc.results.indicators
    if not doc.checks:
        return Finding(ONE, f"Tidak ada catatan konsistensi pada {len(indicators)} IKU dan anggaran.")
    flagged = sum(1 for r in indicators if r.flags)
    # Any open flag keeps it below full marks; the share of clean indicators decides how far.
    fraction = min(_share(len(indicators) - flagged, len(indicators)), Decimal("0.75"))
    return Finding(fraction, f"{len(doc.checks)} catatan konsistensi; {flagged} dari {len(indicators)} IKU bercatatan.")


CHECKS = {
    "renstra": check_renstra,
    "renstra_targets": check_renstra_targets,
    "agreement": check_agreement,
    "iku_targets": check_iku_targets,
    "quarterly_realisations": check_quarterly_realisations,
    "action_plans": check_action_plans,
    "cascade": check_cascade,
    "lkjip_final": check_lkjip_final,
    "lkjip_on_time": check_lkjip_on_time,
    "report_consistent": check_report_consistent,
}


def proposed_label(options, fraction: Decimal) -> str | None:
    """The option worth the most without being worth more than `fraction`."""
    fitting = [o for o in options if o.value <= fraction]
    return max(fitting, key=lambda o: o.value).label if fitting else None


def proposals(evaluation) -> dict[int, Proposal]:
    """criterion id -> proposal, for every criterion of the set that names a known check."""
    options: dict[str, list] = {}
    for option in evaluation.criteria_set.options.all():
        options.setdefault(option.scale, []).append(option)
    found: dict[str, Finding] = {}
    result = {}
    criteria = Criterion.objects.filter(subcomponent__component__criteria_set=evaluation.criteria_set_id).exclude(
        auto_check=""
    )
    for criterion in criteria:
        check = CHECKS.get(criterion.auto_check)
        if check is None:
            continue
        if criterion.auto_check not in found:
            found[criterion.auto_check] = check(evaluation.agency, evaluation.year)
        finding = found[criterion.auto_check]
        label = proposed_label(options.get(criterion.scale, []), finding.fraction)
        if label:
            result[criterion.pk] = Proposal(label, finding)
    return result
