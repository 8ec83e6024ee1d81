"""The sheets that carry BAB I's profile of the agency for the workbook's year: Tugas
(legal basis, tugas pokok, one row per fungsi), Organisasi (the unit tree by Kode and
Kode Induk), Pegawai (staff counts per breakdown; a "Jumlah tercetak" row keeps the
total the agency printed, to be checked) and Aset.

Each sheet is optional: a file without it leaves that part alone. With it, rows are
matched by their key (unit code; breakdown and group; asset name and condition) and
updated in place; replacing deletes the rows the file does not mention. Row order in
the sheet is the printed order.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.audit import bulk_create_audited
from core.nip import INVALID as INVALID_NIP
from core.nip import is_nip
from organisation.models import Asset, Duty, OrgUnit, StaffCount, StaffTotal
from organisation.profile import unit_tree

from . import spec
from .cells import Invalid, Validator, choice, duplicate, number, text
from .reader import Sheet


@dataclass
class OrganisationPlan:
    """What the file says about the profile; None: the sheet is not in the file."""

    duty: dict[str, str] | None = None
    units: list[dict] | None = None
    staff: list[dict] | None = None
    printed_totals: dict[str, int] | None = None
    assets: list[dict] | None = None


def validate(v: Validator, sheets: dict[str, Sheet]) -> OrganisationPlan:
    plan = OrganisationPlan()
    if spec.TUGAS in sheets:
        plan.duty = _validate_duty(v, sheets[spec.TUGAS])
    if spec.ORGANISASI in sheets:
        plan.units = _validate_units(v, sheets[spec.ORGANISASI])
    if spec.PEGAWAI in sheets:
        plan.staff, plan.printed_totals = _validate_staff(v, sheets[spec.PEGAWAI])
    if spec.ASET in sheets:
        plan.assets = _validate_assets(v, sheets[spec.ASET])
    return plan


def _count(value) -> int | None:
    """A whole, non-negative number of people or things."""
    result = number(value, required=True, minimum=Decimal(0))
    if result != result.to_integral_value():
        raise Invalid("Jumlah harus bilangan bulat.")
    if result > 10**9:
        raise Invalid("Angka terlalu besar.")
    return int(result)


def _validate_duty(v: Validator, sheet: Sheet) -> dict[str, str]:
    name, found = spec.TUGAS, {"legal_basis": [], "duty": [], "functions": []}
    for row in sheet.rows:
        kind = v.cell(name, row, "Jenis", choice, mapping=spec.DUTY_KIND)
        body = v.cell(name, row, "Uraian", text, required=True, label="Uraian")
        if kind and body:
            if kind != "functions" and found[kind]:
                v.error(name, row, "Jenis", "Baris ini hanya boleh ada satu.")
                continue
            found[kind].append(body)
    duty = {key: "\n".join(lines) for key, lines in found.items()}
    for key, value in duty.items():
        limit = Duty._meta.get_field(key).max_length
        if len(value) > limit:
            label = spec.label_of(spec.DUTY_KIND, key)
            v.error(name, None, "Uraian", f"{label}: terlalu panjang, {len(value)} karakter (paling banyak {limit}).")
    return duty


def _validate_units(v: Validator, sheet: Sheet) -> list[dict]:
    name, units, rows = spec.ORGANISASI, [], {}
    seen: dict = {}
    for row in sheet.rows:
        code = v.cell(name, row, "Kode", text, required=True, label="Kode")
        unit = {
            "code": code,
            "parent": v.cell(name, row, "Kode Induk", text) or None,
            "name": v.cell(name, row, "Nama Unit", text, required=True, label="Nama Unit"),
            "level": v.cell(name, row, "Eselon", choice, mapping=spec.ESELON, required=False, default=""),
            "head_name": v.cell(name, row, "Nama Pejabat", text) or "",
            "head_rank": v.cell(name, row, "Pangkat/Golongan", text) or "",
            "head_nip": (v.cell(name, row, "NIP", text) or "").replace(" ", ""),
        }
        if not code or duplicate(v, seen, name, row, "Kode", code):
            continue
        if unit["head_nip"] and not is_nip(unit["head_nip"]):
            v.error(name, row, "NIP", INVALID_NIP)
        rows[code] = row
        units.append(unit)
    parents = {u["code"]: u["parent"] for u in units}
    for unit in units:
        if unit["parent"] and unit["parent"] not in parents:
            v.error(name, rows[unit["code"]], "Kode Induk", f"Unit induk '{unit['parent']}' tidak ada di sheet ini.")
            continue
        chain, current = [unit["code"]], unit["parent"]
        while current:
            if current in chain:
                loop = " -> ".join([*chain, current])
                v.error(name, rows[unit["code"]], "Kode Induk", f"Induk membentuk lingkaran: {loop}.")
                break
            chain.append(current)
            current = parents.get(current)
    return units


def _validate_staff(v: Validator, sheet: Sheet) -> tuple[list[dict], dict[str, int]]:
    name, staff, printed, seen = spec.PEGAWAI, [], {}, {}
    for row in sheet.rows:
        category = v.cell(name, row, "Menurut", choice, mapping=spec.STAFF_CATEGORY)
        label = v.cell(name, row, "Kelompok", text, required=True, label="Kelompok")
        count = v.cell(name, row, "Jumlah", _count)
        if not (category and label) or count is None:
            continue
        key = (category, label.casefold())
        if key in seen:
            v.error(name, row, "Kelompok", f"Kelompok '{label}' ganda (juga di baris {seen[key]}).")
            continue
        seen[key] = row.number
        if label.casefold() == spec.PRINTED_TOTAL.casefold():
            printed[category] = count
        else:
            staff.append({"category": category, "label": label, "count": count})
    return staff, printed


def _validate_assets(v: Validator, sheet: Sheet) -> list[dict]:
    name, assets, seen = spec.ASET, [], {}
    for row in sheet.rows:
        asset = {
            "name": v.cell(name, row, "Nama Barang", text, required=True, label="Nama Barang"),
            "count": v.cell(name, row, "Jumlah", _count),
            "condition": v.cell(name, row, "Kondisi", text) or "",
            "note": v.cell(name, row, "Keterangan", text) or "",
        }
        if not asset["name"] or asset["count"] is None:
            continue
        key = (asset["name"].casefold(), asset["condition"].casefold())
        if key in seen:
            v.error(name, row, "Nama Barang", f"Barang dengan kondisi yang sama ganda (juga di baris {seen[key]}).")
            continue
        seen[key] = row.number
        assets.append(asset)
    return assets


# --- saving -------------------------------------------------------------------------


def save(agency, year: int, plan: OrganisationPlan, replace: bool, update) -> dict[str, int]:
    """Write what the file says; `update(instance, values)` saves changed fields only."""
    counts = {}
    if plan.duty is not None:
        _save_duty(agency, year, plan.duty, replace, update)
        counts["tugas"] = sum(1 for value in plan.duty.values() if value)
    if plan.units is not None:
        _save_units(agency, year, plan.units, replace, update)
        counts["organisasi"] = len(plan.units)
    if plan.staff is not None:
        _save_staff(agency, year, plan.staff, plan.printed_totals, replace, update)
        counts["pegawai"] = len(plan.staff) + len(plan.printed_totals)
    if plan.assets is not None:
        _save_assets(agency, year, plan.assets, replace, update)
        counts["aset"] = len(plan.assets)
    return counts


def _save_duty(agency, year, duty: dict[str, str], replace: bool, update) -> None:
    values = duty if replace else {key: value for key, value in duty.items() if value}
    stored = Duty.objects.filter(agency=agency, year=year).first()
    if stored is None:
        if any(values.values()):
            Duty.objects.create(agency=agency, year=year, **values)
    else:
        update(stored, values)


def _save_units(agency, year, units: list[dict], replace: bool, update) -> None:
    stored = {u.code: u for u in OrgUnit.objects.filter(agency=agency, year=year)}
    if replace:  # before saving: a code the file drops may be a parent it re-uses elsewhere
        mentioned = {u["code"] for u in units}
        for code in [c for c in stored if c not in mentioned]:
            if OrgUnit.objects.filter(pk=stored[code].pk).exists():
                stored[code].delete()
            del stored[code]
    pending = list(units)
    while pending:  # parents first: a unit waits until its parent is saved
        waiting = []
        for data in pending:
            if data["parent"] and data["parent"] not in stored:
                waiting.append(data)
                continue
            values = {k: v for k, v in data.items() if k not in ("code", "parent")}
            values["parent"] = stored[data["parent"]] if data["parent"] else None
            row = stored.get(data["code"])
            if row is None:
                stored[data["code"]] = OrgUnit.objects.create(agency=agency, year=year, code=data["code"], **values)
            else:
                update(row, values)
        if len(waiting) == len(pending):  # validated: cannot happen, but never loop forever
            raise ValueError("Unit tanpa induk tersimpan")
        pending = waiting


def _save_staff(agency, year, staff: list[dict], printed: dict[str, int], replace: bool, update) -> None:
    orders: dict[str, int] = {}
    for data in staff:  # the printed order within its own table
        data["order"] = orders[data["category"]] = orders.get(data["category"], 0) + 1
    _upsert(StaffCount, agency, year, staff, ("category", "label"), replace, update)
    totals = [{"category": category, "printed_total": value} for category, value in printed.items()]
    _upsert(StaffTotal, agency, year, totals, ("category",), replace, update)


def _save_assets(agency, year, assets: list[dict], replace: bool, update) -> None:
    for order, data in enumerate(assets, 1):
        data["order"] = order
    _upsert(Asset, agency, year, assets, ("name", "condition"), replace, update)


def _upsert(model, agency, year, rows: list[dict], key_fields: tuple[str, ...], replace: bool, update) -> None:
    """Match the file's rows to the stored ones by key (case-insensitive): update those
    found, create the rest; replacing deletes the stored rows the file does not name."""

    def key(values) -> tuple:
        return tuple(str(values[name]).casefold() for name in key_fields)

    stored = {key(vars(row)): row for row in model.objects.filter(agency=agency, year=year)}
    new, mentioned = [], set()
    for data in rows:
        mentioned.add(key(data))
        row = stored.get(key(data))
        if row is None:
            new.append(model(agency=agency, year=year, **data))
        else:
            update(row, data)
    bulk_create_audited(model, new)
    if replace:
        for found, row in stored.items():
            if found not in mentioned:
                row.delete()


# --- export -------------------------------------------------------------------------


def export_rows(agency, year: int) -> dict[str, list[list]]:
    duty = Duty.objects.filter(agency=agency, year=year).first()
    tugas = []
    if duty:
        tugas += [["Dasar Pembentukan", duty.legal_basis]] if duty.legal_basis else []
        tugas += [["Tugas Pokok", duty.duty]] if duty.duty else []
        tugas += [["Fungsi", line] for line in duty.function_list]
    units = [line.unit for line in unit_tree(list(OrgUnit.objects.filter(agency=agency, year=year)))]
    codes = {u.pk: u.code for u in units}
    organisasi = [
        [u.code, codes.get(u.parent_id, ""), u.name, u.level, u.head_name, u.head_rank, u.head_nip] for u in units
    ]
    labels = dict(StaffCount.Category.choices)
    pegawai = [[labels[s.category], s.label, s.count] for s in StaffCount.objects.filter(agency=agency, year=year)]
    pegawai += [
        [labels[t.category], spec.PRINTED_TOTAL, t.printed_total]
        for t in StaffTotal.objects.filter(agency=agency, year=year)
    ]
    aset = [[a.name, a.count, a.condition, a.note] for a in Asset.objects.filter(agency=agency, year=year)]
    return {spec.TUGAS: tugas, spec.ORGANISASI: organisasi, spec.PEGAWAI: pegawai, spec.ASET: aset}
