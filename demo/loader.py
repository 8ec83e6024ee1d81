"""The demo data: three real LKjIP reports transcribed under `fixtures/`.

The fixtures keep the reports' inputs as printed (targets, realizations, numerators,
budget lines); the app computes every result. Their `printed` blocks hold what the
reports printed as results, so tests can show where a report disagrees.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from agencies.locking import unlocked
from agencies.models import Agency, Membership, Region, RegionMembership
from agencies.versioning import mark_changed
from budget.models import BudgetAllocation, BudgetItem, BudgetItemGoal, FundingSource
from core.audit import audit_via, bulk_create_audited
from datatables.models import DataTable
from indicators.models import Goal, Indicator, Mission, Realization, RenstraPeriod, Target
from organisation.models import Asset, Duty, OrgUnit, StaffCount, StaffTotal
from reports.models import Report

from .cascade import load_cascade
from .evaluation import FIXTURE as EVALUATION_FIXTURE
from .evaluation import load_evaluations

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_FILES = ["pati-2020.json", "lumajang-2019.json", "denpasar-2019.json"]
# Cascades (RPJMD, units' sasaran, PK per official) of some demo agencies.
CASCADE_FILES = ["denpasar-2019-cascade.json"]
DEMO_PASSWORD = "demo-password"


def read_fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


@transaction.atomic
def load_agency(data: dict) -> Agency:
    """Create (or re-create) one agency with its plan, indicators and budget."""
    region, _ = Region.objects.update_or_create(slug=data["region"]["slug"], defaults=data["region"])
    agency_data = data["agency"]
    with unlocked():  # re-loading the demo replaces it, final or not
        Agency.objects.filter(slug=agency_data["slug"]).delete()
    agency = Agency.objects.create(region=region, **agency_data)

    report = data["report"]
    Report.objects.create(
        agency=agency,
        year=report["year"],
        sign_place=report["sign_place"] or "",
        sign_date=date.fromisoformat(report["sign_date"]) if report["sign_date"] else None,
    )

    renstra = data["renstra"]
    period = RenstraPeriod.objects.create(
        agency=agency, start_year=renstra["start_year"], end_year=renstra["end_year"], vision=renstra["vision"]
    )
    bulk_create_audited(
        Mission, (Mission(period=period, order=n, text=text) for n, text in enumerate(renstra["missions"], 1))
    )
    goals: dict[str, Goal] = {}
    for order, goal_data in enumerate(data["goals"], 1):
        goal = Goal.objects.create(
            period=period,
            parent=goals.get(goal_data["parent"]),
            kind=goal_data["kind"],
            code=goal_data["code"],
            statement=goal_data["statement"],
            order=order,
        )
        goals[goal.code] = goal
        for ind_order, ind in enumerate(goal_data["indicators"], 1):
            _load_indicator(period, goal, ind, ind_order)

    items: dict[str, BudgetItem] = {}
    sources = {s.code: s for s in FundingSource.objects.all()}
    for row in data["budget"]:
        for allocation in row["allocations"]:
            if allocation["source"] not in sources:
                sources[allocation["source"]] = FundingSource.objects.create(
                    code=allocation["source"], name=allocation["source"]
                )
    for order, row in enumerate(data["budget"], 1):
        indicator = row["indicator"] or {}
        item = BudgetItem.objects.create(
            agency=agency,
            year=report["year"],
            parent=items.get(row["parent"]),
            level=row["level"],
            code=row["code"],
            name=row["name"],
            spending_type=row["spending_type"],
            indicator_name=indicator.get("name", ""),
            indicator_unit=indicator.get("unit", ""),
            indicator_target=_decimal(indicator.get("target")),
            indicator_realization=_decimal(indicator.get("realization")),
            order=order,
        )
        items[item.code] = item
        if goals.get(row["goal"]):
            BudgetItemGoal.objects.create(item=item, goal=goals[row["goal"]])
        for allocation in row["allocations"]:
            BudgetAllocation.objects.create(
                item=item,
                source=sources[allocation["source"]],
                pagu=Decimal(allocation["pagu"]),
                realisasi=_decimal(allocation["realisasi"]),
            )
    if data.get("profile"):
        _load_profile(agency, report["year"], data["profile"])
    for table in data.get("data_tables", []):  # as printed, cells as typed
        goal = goals[table["goal"]] if table.get("goal") else None
        DataTable.objects.create(agency=agency, year=report["year"], **(table | {"goal": goal}))
    mark_changed([agency.pk])  # bulk writes send no signals
    return agency


def _load_profile(agency: Agency, year: int, data: dict) -> None:
    """BAB I as the report printed it: tugas/fungsi, units, staff tables, assets."""
    Duty.objects.create(
        agency=agency,
        year=year,
        legal_basis=data["legal_basis"],
        duty=data["duty"],
        functions="\n".join(data["functions"]),
    )
    units: dict[str, OrgUnit] = {}
    for row in data["units"]:
        units[row["code"]] = OrgUnit.objects.create(
            agency=agency, year=year, parent=units.get(row["parent"]), **{k: v for k, v in row.items() if k != "parent"}
        )
    for category, rows in data["staff"].items():
        bulk_create_audited(
            StaffCount,
            (
                StaffCount(agency=agency, year=year, category=category, label=label, count=count, order=n)
                for n, (label, count) in enumerate(rows, 1)
            ),
        )
    for category, total in data["printed_totals"].items():
        StaffTotal.objects.create(agency=agency, year=year, category=category, printed_total=total)
    bulk_create_audited(
        Asset, (Asset(agency=agency, year=year, order=n, **row) for n, row in enumerate(data["assets"], 1))
    )


def _load_indicator(period: RenstraPeriod, goal: Goal, data: dict, order: int) -> Indicator:
    fields = {
        key: data[key]
        for key in (
            "code",
            "name",
            "unit",
            "formula",
            "calculation",
            "numerator_label",
            "denominator_label",
            "polarity",
            "value_kind",
            "cumulative",
            "quarter_rollup",
            "data_source",
            "responsible_unit",
        )
    }
    indicator = Indicator.objects.create(
        period=period,
        goal=goal,
        order=order,
        end_target=_decimal(data["end_target"]),
        allow_negative=data["calculation"] == Indicator.Calculation.GROWTH,  # growth can fall below zero
        **fields,
    )
    bulk_create_audited(
        Target,
        (
            Target(
                indicator=indicator,
                year=int(year),
                renstra=_decimal(values.get("renstra")),
                agreement=_decimal(values.get("agreement")),
            )
            for year, values in data["targets"].items()
        ),
    )
    bulk_create_audited(
        Realization,
        (
            Realization(
                indicator=indicator,
                year=int(year),
                value=_decimal(values.get("value")),
                numerator=_decimal(values.get("numerator")),
                denominator=_decimal(values.get("denominator")),
            )
            for year, values in data["realizations"].items()
        ),
    )
    return indicator


@transaction.atomic
def load_demo() -> list[Agency]:
    """All three demo agencies and the demo users (password `demo-password`)."""
    with audit_via("command:load_demo"):
        agencies = [load_agency(read_fixture(name)) for name in DEMO_FILES]
        for name in CASCADE_FILES:
            load_cascade(read_fixture(name))
    User = get_user_model()

    def user(username: str, **extra):
        account, _ = User.objects.get_or_create(username=username, defaults=extra)
        for key, value in extra.items():
            setattr(account, key, value)
        account.set_password(DEMO_PASSWORD)
        account.save()
        return account

    user("admin", is_staff=True, is_superuser=True, first_name="Administrator")
    reviewer = user("reviewer", first_name="Reviewer Inspektorat")
    for agency in agencies:
        Membership.objects.update_or_create(user=reviewer, agency=agency, defaults={"role": Membership.Role.REVIEWER})
        operator = user(f"operator-{agency.slug}", first_name=f"Operator {agency.slug.title()}")
        Membership.objects.update_or_create(user=operator, agency=agency, defaults={"role": Membership.Role.OPERATOR})
    load_evaluations(read_fixture(EVALUATION_FIXTURE))
    # The cascade's own roles: the region's Bappeda, and a division head's operator who
    # works on that division (and its sections) only.
    denpasar = next(a for a in agencies if a.slug == "denpasar")
    planner = user("bappeda-denpasar", first_name="Bappeda Kota Denpasar")
    RegionMembership.objects.update_or_create(user=planner, region=denpasar.region)
    division = user("operator-denpasar-umkm", first_name="Operator Bidang UMKM")
    Membership.objects.update_or_create(
        user=division, agency=denpasar, defaults={"role": Membership.Role.OPERATOR, "unit_code": "1.5"}
    )
    return agencies
