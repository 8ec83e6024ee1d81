"""Which eselon level a unit works at, for the cascade."""

from __future__ import annotations

from organisation.models import OrgUnit

HEAD, DIVISION, SECTION = "II", "III", "IV"

LEVEL_WORDS = {HEAD: "Eselon II", DIVISION: "Eselon III", SECTION: "Eselon IV"}
GOAL_WORDS = {HEAD: "Sasaran Strategis", DIVISION: "Sasaran Program", SECTION: "Sasaran Kegiatan"}


def unit_level(unit: OrgUnit) -> str:
    """II, III or IV (or "" for a functional post): the recorded eselon, or, where the
    agency recorded none, the unit's depth in the tree (head, division, section), as
    every Perangkat Daerah is built."""
    if unit.level == OrgUnit.Level.FUNCTIONAL:
        return ""
    if unit.level:
        return unit.level.split(".")[0]
    depth = unit.code.count(".")
    return (HEAD, DIVISION, SECTION)[depth] if depth < 3 else ""
