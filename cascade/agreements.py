"""Making a unit's Perjanjian Kinerja: a new one filled from the organisation, and a
PK Perubahan that starts from the PK in force and leaves it as signed."""

from __future__ import annotations

from .models import Agreement, AgreementTarget


def new_agreement(agency, unit, year) -> Agreement:
    """A PK form filled with what the organisation already knows: the unit's head and
    the head of the unit above."""
    superior = unit.parent
    return Agreement(
        agency=agency,
        year=year,
        unit=unit,
        official_name=unit.head_name,
        official_title=head_title(unit),
        official_rank=unit.head_rank,
        official_nip=unit.head_nip,
        superior_name=superior.head_name if superior else "",
        superior_title=head_title(superior) if superior else "",
        superior_rank=superior.head_rank if superior else "",
        superior_nip=superior.head_nip if superior else "",
        place=agency.sign_place or agency.region.name.removeprefix("Kabupaten ").removeprefix("Kota "),
    )


def head_title(unit) -> str:
    """The jabatan of a unit's head: "Kepala Bidang X" for "Bidang X"; "Kepala Dinas" as is."""
    return unit.name if unit.name.lower().startswith("kepala") else f"Kepala {unit.name}"


def revise(current: Agreement) -> Agreement:
    targets = list(current.targets.all())
    revised = Agreement.objects.get(pk=current.pk)
    revised.pk = None
    revised.revision = current.revision + 1
    revised.reason = ""
    revised.signed_on = None
    revised.save()
    for t in targets:
        AgreementTarget.objects.create(agreement=revised, indicator_id=t.indicator_id, target=t.target)
    return revised
