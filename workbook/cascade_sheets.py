"""The sheets that carry the agency's cascade for the workbook's year: Sasaran Unit
(each unit sasaran, under a sasaran strategis for eselon III or under a unit sasaran of
the unit above for eselon IV, with the budget lines that serve it), Indikator Unit,
Rencana Aksi (four quarters of target, actions and realisation per indicator), PK Unit
(each unit's PK: revision 0, then each PK Perubahan, with both parties) and Target PK
Unit (what each PK promises per indicator).

The five sheets come together, as our export writes them: a file without them leaves
the cascade alone. Rows are matched by their codes and updated in place; replacing
deletes what the file does not mention. Units are those of the Organisasi sheet when
the file has it, else those already stored for the year.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from cascade.levels import DIVISION, SECTION, level_of
from cascade.models import (
    Agreement,
    AgreementTarget,
    IndicatorQuarterPlan,
    UnitBudgetLink,
    UnitGoal,
    UnitIndicator,
    UnitQuarter,
)
from core.nip import INVALID as INVALID_NIP
from core.nip import is_nip
from organisation.models import OrgUnit

from . import spec
from .cells import Invalid, Validator, choice, duplicate, number, text, value4
from .reader import Sheet

PK_FIELDS = {
    "Nama Pihak Pertama": "official_name",
    "Jabatan Pihak Pertama": "official_title",
    "Pangkat Pihak Pertama": "official_rank",
    "NIP Pihak Pertama": "official_nip",
    "Nama Pihak Kedua": "superior_name",
    "Jabatan Pihak Kedua": "superior_title",
    "Pangkat Pihak Kedua": "superior_rank",
    "NIP Pihak Kedua": "superior_nip",
    "Tempat": "place",
    "Alasan Perubahan": "reason",
}


@dataclass
class CascadePlan:
    goals: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    quarters: list[dict] = field(default_factory=list)
    agreements: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)


def validate(v: Validator, sheets: dict[str, Sheet], goal_kinds: dict, units: list[dict] | None, items, stored_units):
    """The file's cascade, or None when it has none of the sheets. `units`: the file's
    Organisasi rows (None without that sheet: the stored units of the year count);
    `items`: the budget codes of the Anggaran sheet."""
    present = [name for name in spec.CASCADE_SHEETS if name in sheets]
    if not present:
        return None
    missing = [name for name in spec.CASCADE_SHEETS if name not in sheets]
    if missing:
        v.error(present[0], None, "", f"Sheet {', '.join(missing)} tidak ada: sheet kaskade dipakai bersama.")
        return None
    known = (
        {u["code"]: level_of(u["level"], u["code"]) for u in units if u["code"]}
        if units is not None
        else {u.code: level_of(u.level, u.code) for u in stored_units}
    )
    parents = (
        {u["code"]: u["parent"] for u in units if u["code"]}
        if units is not None
        else {u.code: (u.parent.code if u.parent else None) for u in stored_units}
    )
    plan = CascadePlan()
    goals = _validate_goals(v, sheets[spec.SASARAN_UNIT], plan, goal_kinds, known, parents, set(items))
    indicators = _validate_indicators(v, sheets[spec.INDIKATOR_UNIT], plan, goals)
    _validate_quarters(v, sheets[spec.RENCANA_AKSI], plan, indicators)
    agreements = _validate_agreements(v, sheets[spec.PK_UNIT], plan, known)
    _validate_targets(v, sheets[spec.TARGET_PK_UNIT], plan, agreements, indicators, goals)
    return plan


def _whole(value, minimum: int, maximum: int, what: str) -> int | None:
    result = number(value)
    if result is None:
        return None
    if result != result.to_integral_value() or not minimum <= result <= maximum:
        raise Invalid(f"{what} harus bilangan bulat {minimum}-{maximum}.")
    return int(result)


def _quarter(value) -> int:
    """1-4, or as the Realisasi sheet writes it: TW1-TW4."""
    if isinstance(value, str) and re.fullmatch(r"\s*TW\s*\d+\s*", value, re.IGNORECASE):
        value = value.strip()[2:].strip()
    try:
        result = _whole(value, 1, 4, "Triwulan")
    except Invalid:
        raise Invalid("Triwulan harus bilangan bulat 1-4 (atau TW1-TW4).") from None
    if result is None:
        raise Invalid("Triwulan wajib diisi: 1, 2, 3 atau 4.")
    return result


def _date(value) -> datetime.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    typed = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(typed, pattern).date()
        except ValueError:
            continue
    raise Invalid(f"'{typed}' bukan tanggal (contoh: 2019-01-02 atau 02/01/2019).")


def _codes(cell: str | None) -> list[str]:
    """Budget codes separated by commas, semicolons or lines."""
    return list(dict.fromkeys(c.strip() for c in re.split(r"[,;\n]", cell or "") if c.strip()))


def _no_indicator(goal: str, code: str) -> str:
    return f"Indikator {code} sasaran {goal} tidak ada di sheet {spec.INDIKATOR_UNIT}."


def _validate_goals(v, sheet, plan, goal_kinds, known, parents, budget_codes) -> dict[str, dict]:
    name, found, seen = spec.SASARAN_UNIT, {}, {}
    for row in sheet.rows:
        code = v.cell(name, row, "Kode", text, required=True, label="Kode")
        unit = v.cell(name, row, "Kode Unit", text, required=True, label="Kode Unit")
        above = v.cell(name, row, "Kode Induk", text, required=True, label="Kode Induk")
        goal = {
            "code": code,
            "unit": unit,
            "above": above,
            "statement": v.cell(name, row, "Uraian", text, required=True, label="Uraian"),
            "order": v.cell(name, row, "Urutan", _whole, minimum=0, maximum=1000, what="Urutan") or len(found) + 1,
            "items": [
                c.strip() for c in re.split(r"[,;\n]", v.cell(name, row, "Kode Anggaran", text) or "") if c.strip()
            ],
            "row": row,
        }
        if not code or duplicate(v, seen, name, row, "Kode", code):
            continue
        if unit and unit not in known:
            v.error(name, row, "Kode Unit", f"Unit '{unit}' tidak ada di sheet {spec.ORGANISASI}.")
        elif unit and known[unit] not in (DIVISION, SECTION):
            v.error(name, row, "Kode Unit", "Hanya unit eselon III dan IV yang memiliki sasaran program/kegiatan.")
        for item in goal["items"]:
            if item not in budget_codes:
                v.error(name, row, "Kode Anggaran", f"Program/kegiatan '{item}' tidak ada di sheet {spec.ANGGARAN}.")
        found[code] = goal
    for goal in found.values():
        level = known.get(goal["unit"])
        if level == DIVISION and goal["above"] and goal_kinds.get(goal["above"]) != "sasaran":
            v.error(name, goal["row"], "Kode Induk", f"Sasaran strategis '{goal['above']}' tidak ada di sheet Sasaran.")
        elif level == SECTION and goal["above"]:
            parent = found.get(goal["above"])
            if parent is None:
                v.error(name, goal["row"], "Kode Induk", f"Sasaran program '{goal['above']}' tidak ada di sheet ini.")
            elif parent["unit"] != parents.get(goal["unit"]):
                v.error(
                    name,
                    goal["row"],
                    "Kode Induk",
                    f"Sasaran '{goal['above']}' milik unit {parent['unit']}, bukan unit atasan {goal['unit']}.",
                )
        plan.goals.append(goal)
    return found


def _validate_indicators(v, sheet, plan, goals) -> dict[tuple[str, str], dict]:
    name, found = spec.INDIKATOR_UNIT, {}
    for row in sheet.rows:
        goal = v.cell(name, row, "Kode Sasaran Unit", text, required=True, label="Kode Sasaran Unit")
        code = v.cell(name, row, "Kode", text, required=True, label="Kode")
        indicator = {
            "goal": goal,
            "code": code,
            "name": v.cell(name, row, "Nama", text, required=True, label="Nama"),
            "unit": v.cell(name, row, "Satuan", text) or "",
            "polarity": v.cell(
                name, row, "Polaritas", choice, mapping=spec.POLARITY, required=False, default="positive"
            ),
            "rollup": v.cell(name, row, "Rekap Triwulan", choice, mapping=spec.ROLLUP, required=False, default="last"),
            "target": v.cell(name, row, "Target Tahunan", value4),
            "order": v.cell(name, row, "Urutan", _whole, minimum=0, maximum=1000, what="Urutan") or len(found) + 1,
        }
        if not (goal and code):
            continue
        if goal not in goals:
            v.error(name, row, "Kode Sasaran Unit", f"Sasaran unit '{goal}' tidak ada di sheet {spec.SASARAN_UNIT}.")
            continue
        if (goal, code) in found:
            v.error(name, row, "Kode", f"Indikator {code} sasaran {goal} ganda.")
            continue
        found[(goal, code)] = indicator
        plan.indicators.append(indicator)
    return found


def _validate_quarters(v, sheet, plan, indicators) -> None:
    name, seen = spec.RENCANA_AKSI, set()
    for row in sheet.rows:
        goal = v.cell(name, row, "Kode Sasaran Unit", text, required=True, label="Kode Sasaran Unit")
        code = v.cell(name, row, "Kode Indikator", text, required=True, label="Kode Indikator")
        quarter = v.cell(name, row, "Triwulan", _quarter)
        values = {
            "target": v.cell(name, row, "Target", value4),
            "actions": v.cell(name, row, "Rencana Aksi", text) or "",
            "realization": v.cell(name, row, "Realisasi", value4),
        }
        if not (goal and code and quarter):
            continue
        if (goal, code) not in indicators:
            v.error(
                name,
                row,
                "Kode Indikator",
                f"Indikator {code} sasaran {goal} tidak ada di sheet {spec.INDIKATOR_UNIT}.",
            )
            continue
        if (goal, code, quarter) in seen:
            v.error(name, row, "Triwulan", f"Triwulan {quarter} indikator {code} ganda.")
            continue
        seen.add((goal, code, quarter))
        plan.quarters.append({"goal": goal, "indicator": code, "quarter": quarter, **values})


def _validate_agreements(v, sheet, plan, known) -> set[tuple[str, int]]:
    name, found = spec.PK_UNIT, set()
    for row in sheet.rows:
        unit = v.cell(name, row, "Kode Unit", text, required=True, label="Kode Unit")
        revision = v.cell(name, row, "Perubahan Ke", _whole, minimum=0, maximum=20, what="Perubahan Ke") or 0
        values = {field: v.cell(name, row, column, text) or "" for column, field in PK_FIELDS.items()}
        values["signed_on"] = v.cell(name, row, "Tanggal", _date)
        if not values["official_title"]:
            v.error(name, row, "Jabatan Pihak Pertama", "Jabatan pihak pertama wajib diisi.")
        if not values["superior_title"]:
            v.error(name, row, "Jabatan Pihak Kedua", "Jabatan pihak kedua wajib diisi.")
        for column in ("NIP Pihak Pertama", "NIP Pihak Kedua"):
            values[PK_FIELDS[column]] = values[PK_FIELDS[column]].replace(" ", "")
            if values[PK_FIELDS[column]] and not is_nip(values[PK_FIELDS[column]]):
                v.error(name, row, column, INVALID_NIP)
        if not unit:
            continue
        if unit not in known:
            v.error(name, row, "Kode Unit", f"Unit '{unit}' tidak ada di sheet {spec.ORGANISASI}.")
            continue
        if (unit, revision) in found:
            v.error(name, row, "Perubahan Ke", f"PK unit {unit} perubahan ke-{revision} ganda.")
            continue
        found.add((unit, revision))
        plan.agreements.append({"unit": unit, "revision": revision, **values})
    return found


def _validate_targets(v, sheet, plan, agreements, indicators, goals) -> None:
    name, seen = spec.TARGET_PK_UNIT, set()
    for row in sheet.rows:
        unit = v.cell(name, row, "Kode Unit", text, required=True, label="Kode Unit")
        revision = v.cell(name, row, "Perubahan Ke", _whole, minimum=0, maximum=20, what="Perubahan Ke") or 0
        goal = v.cell(name, row, "Kode Sasaran Unit", text, required=True, label="Kode Sasaran Unit")
        code = v.cell(name, row, "Kode Indikator", text, required=True, label="Kode Indikator")
        target = v.cell(name, row, "Target", value4)
        if not (unit and goal and code):
            continue
        if (unit, revision) not in agreements:
            v.error(
                name, row, "Kode Unit", f"PK unit {unit} perubahan ke-{revision} tidak ada di sheet {spec.PK_UNIT}."
            )
        elif (goal, code) not in indicators:
            v.error(
                name,
                row,
                "Kode Indikator",
                f"Indikator {code} sasaran {goal} tidak ada di sheet {spec.INDIKATOR_UNIT}.",
            )
        elif goals[goal]["unit"] != unit:
            v.error(name, row, "Kode Sasaran Unit", f"Sasaran {goal} bukan milik unit {unit}.")
        elif (unit, revision, goal, code) in seen:
            v.error(name, row, "Kode Indikator", f"Target indikator {code} di PK ini ganda.")
        else:
            seen.add((unit, revision, goal, code))
            plan.targets.append({"unit": unit, "revision": revision, "goal": goal, "indicator": code, "target": target})


def validate_iku_plans(v: Validator, sheets: dict[str, Sheet], indicator_kinds: dict) -> list[dict] | None:
    """The Rencana Aksi IKU rows, or None when the file has no such sheet."""
    if spec.RENCANA_AKSI_IKU not in sheets:
        return None
    name, seen, plans = spec.RENCANA_AKSI_IKU, set(), []
    for row in sheets[name].rows:
        code = v.cell(name, row, "Kode Indikator", text, required=True, label="Kode Indikator")
        quarter = v.cell(name, row, "Triwulan", _quarter)
        values = {
            "target": v.cell(name, row, "Target", value4),
            "actions": v.cell(name, row, "Rencana Aksi", text) or "",
        }
        if not (code and quarter):
            continue
        if code not in indicator_kinds:
            v.error(name, row, "Kode Indikator", f"Indikator '{code}' tidak ada di sheet {spec.INDIKATOR}.")
        elif indicator_kinds[code] == "grade":
            v.error(name, row, "Kode Indikator", "Indikator berupa predikat tidak memiliki target triwulan.")
        elif (code, quarter) in seen:
            v.error(name, row, "Triwulan", f"Triwulan {quarter} indikator {code} ganda.")
        else:
            seen.add((code, quarter))
            plans.append({"indicator": code, "quarter": quarter, **values})
    return plans


# --- saving -------------------------------------------------------------------------


def save_iku_plans(year: int, plans: list[dict] | None, indicators: dict, replace: bool, update) -> dict:
    """Write the Rencana Aksi IKU of the workbook's year; `indicators` maps the file's
    indicator codes to saved indicators."""
    if plans is None:
        return {}
    stored = {
        (p.indicator_id, p.quarter): p
        for p in IndicatorQuarterPlan.objects.filter(indicator__in=indicators.values(), year=year)
    }
    kept = set()
    for data in plans:
        indicator = indicators[data["indicator"]]
        key = (indicator.pk, data["quarter"])
        kept.add(key)
        values = {"target": data["target"], "actions": data["actions"]}
        if key in stored:
            update(stored[key], values)
        else:
            IndicatorQuarterPlan.objects.create(indicator=indicator, year=year, quarter=data["quarter"], **values)
    if replace:
        for key, row in stored.items():
            if key not in kept:
                row.delete()
    return {"rencana aksi IKU": len(plans)}


def save(
    agency, year: int, plan: CascadePlan | None, goals: dict, items: dict, replace: bool, update
) -> dict[str, int]:
    """Write the file's cascade; `goals` and `items` map the file's sasaran strategis
    and budget codes to saved rows. Runs after the Organisasi and Anggaran sheets."""
    if plan is None:
        return {}
    units = {u.code: u for u in OrgUnit.objects.filter(agency=agency, year=year)}
    stored_goals = {g.code: g for g in UnitGoal.objects.filter(agency=agency, year=year)}
    if replace:
        mentioned = {g["code"] for g in plan.goals}
        for code in [c for c in stored_goals if c not in mentioned]:
            if UnitGoal.objects.filter(pk=stored_goals[code].pk).exists():
                stored_goals[code].delete()
            del stored_goals[code]

    def level(data) -> str:
        return level_of(units[data["unit"]].level, data["unit"])

    # Sasaran program first: a sasaran kegiatan's parent is saved before it.
    for data in sorted(plan.goals, key=lambda g: level(g) == SECTION):
        values = {
            "unit": units[data["unit"]],
            "agency_goal": goals[data["above"]] if level(data) == DIVISION else None,
            "parent": stored_goals[data["above"]] if level(data) == SECTION else None,
            "statement": data["statement"],
            "order": data["order"],
        }
        goal = stored_goals.get(data["code"])
        if goal is None:
            goal = stored_goals[data["code"]] = UnitGoal.objects.create(
                agency=agency, year=year, code=data["code"], **values
            )
        else:
            update(goal, values)
        _save_links(goal, [items[code] for code in data["items"]], replace)
    indicators = _save_indicators(plan, stored_goals, replace, update)
    _save_quarters(plan, indicators, replace, update)
    _save_agreements(agency, year, plan, units, indicators, replace, update)
    return {"sasaran unit": len(plan.goals), "indikator unit": len(plan.indicators), "PK unit": len(plan.agreements)}


def _save_links(goal: UnitGoal, wanted, replace: bool) -> None:
    have = {link.item_id: link for link in goal.budget_links.all()}
    for item in wanted:
        if item.pk not in have:
            UnitBudgetLink.objects.create(goal=goal, item=item)
    if replace:
        for item_id, link in have.items():
            if item_id not in {i.pk for i in wanted}:
                link.delete()


def _save_indicators(plan, goals, replace, update) -> dict[tuple[str, str], UnitIndicator]:
    stored = {
        (i.goal.code, i.code): i for i in UnitIndicator.objects.filter(goal__in=goals.values()).select_related("goal")
    }
    for data in plan.indicators:
        values = {k: data[k] for k in ("name", "unit", "polarity", "rollup", "target", "order")}
        key = (data["goal"], data["code"])
        if key in stored:
            update(stored[key], values)
        else:
            stored[key] = UnitIndicator.objects.create(goal=goals[data["goal"]], code=data["code"], **values)
    if replace:
        mentioned = {(d["goal"], d["code"]) for d in plan.indicators}
        for key in [k for k in stored if k not in mentioned]:
            stored.pop(key).delete()
    return stored


def _save_quarters(plan, indicators, replace, update) -> None:
    stored = {(q.indicator_id, q.quarter): q for q in UnitQuarter.objects.filter(indicator__in=indicators.values())}
    mentioned = set()
    for data in plan.quarters:
        indicator = indicators[(data["goal"], data["indicator"])]
        key = (indicator.pk, data["quarter"])
        mentioned.add(key)
        values = {k: data[k] for k in ("target", "actions", "realization")}
        if key in stored:
            update(stored[key], values)
        else:
            UnitQuarter.objects.create(indicator=indicator, quarter=data["quarter"], **values)
    if replace:
        for key, row in stored.items():
            if key not in mentioned:
                row.delete()


def _save_agreements(agency, year, plan, units, indicators, replace, update) -> None:
    stored = {
        (a.unit.code, a.revision): a for a in Agreement.objects.filter(agency=agency, year=year).select_related("unit")
    }
    for data in plan.agreements:
        key = (data["unit"], data["revision"])
        values = {k: v for k, v in data.items() if k not in ("unit", "revision")}
        if key in stored:
            update(stored[key], values)
        else:
            stored[key] = Agreement.objects.create(
                agency=agency, year=year, unit=units[data["unit"]], revision=data["revision"], **values
            )
    mentioned = {(d["unit"], d["revision"]) for d in plan.agreements}
    if replace:
        for key in [k for k in stored if k not in mentioned]:
            stored.pop(key).delete()
    promised = {
        (t.agreement_id, t.indicator_id): t
        for t in AgreementTarget.objects.filter(agreement__in=[a for a in stored.values() if a.pk])
    }
    kept = set()
    for data in plan.targets:
        agreement = stored[(data["unit"], data["revision"])]
        indicator = indicators[(data["goal"], data["indicator"])]
        key = (agreement.pk, indicator.pk)
        kept.add(key)
        if key in promised:
            update(promised[key], {"target": data["target"]})
        else:
            AgreementTarget.objects.create(agreement=agreement, indicator=indicator, target=data["target"])
    if replace:
        for key, row in promised.items():
            if key not in kept:
                row.delete()


# --- export -------------------------------------------------------------------------


def export_rows(agency, year: int) -> dict[str, list[list]]:
    goals = list(
        UnitGoal.objects.filter(agency=agency, year=year)
        .select_related("unit", "agency_goal", "parent")
        .prefetch_related("budget_links__item")
        .order_by("unit__code", "order", "code")
    )
    goal_rows = [
        [
            g.code,
            g.unit.code,
            g.agency_goal.code if g.agency_goal else g.parent.code,
            g.statement,
            g.order,
            "; ".join(sorted(link.item.code for link in g.budget_links.all())),
        ]
        for g in goals
    ]
    indicators = list(
        UnitIndicator.objects.filter(goal__in=goals).select_related("goal").order_by("goal__code", "order", "code")
    )
    indicator_rows = [
        [
            i.goal.code,
            i.code,
            i.name,
            i.unit,
            spec.label_of(spec.POLARITY, i.polarity),
            spec.label_of(spec.ROLLUP, i.rollup),
            i.target,
            i.order,
        ]
        for i in indicators
    ]
    quarter_rows = [
        [q.indicator.goal.code, q.indicator.code, q.quarter, q.target, q.actions, q.realization]
        for q in UnitQuarter.objects.filter(indicator__in=indicators)
        .select_related("indicator__goal")
        .order_by("indicator__goal__code", "indicator__code", "quarter")
    ]
    agreements = list(
        Agreement.objects.filter(agency=agency, year=year).select_related("unit").order_by("unit__code", "revision")
    )
    agreement_rows = [
        [
            a.unit.code,
            a.revision,
            a.reason,
            a.official_name,
            a.official_title,
            a.official_rank,
            a.official_nip,
            a.superior_name,
            a.superior_title,
            a.superior_rank,
            a.superior_nip,
            a.place,
            a.signed_on,
        ]
        for a in agreements
    ]
    target_rows = [
        [t.agreement.unit.code, t.agreement.revision, t.indicator.goal.code, t.indicator.code, t.target]
        for t in AgreementTarget.objects.filter(agreement__in=agreements)
        .select_related("agreement__unit", "indicator__goal")
        .order_by("agreement__unit__code", "agreement__revision", "indicator__goal__code", "indicator__code")
    ]
    iku_rows = [
        [p.indicator.code, p.quarter, p.target, p.actions]
        for p in IndicatorQuarterPlan.objects.filter(indicator__period__agency=agency, year=year)
        .select_related("indicator")
        .order_by("indicator__order", "indicator__code", "quarter")
    ]
    return {
        spec.RENCANA_AKSI_IKU: iku_rows,
        spec.SASARAN_UNIT: goal_rows,
        spec.INDIKATOR_UNIT: indicator_rows,
        spec.RENCANA_AKSI: quarter_rows,
        spec.PK_UNIT: agreement_rows,
        spec.TARGET_PK_UNIT: target_rows,
    }
