"""Which eselon level a unit works at, for the cascade."""

from __future__ import annotations

from organisation.models import OrgUnit

HEAD, DIVISION, SECTION = "II", "III", "IV"

LEVEL_WORDS = {HEAD: "Eselon II", DIVISION: "Eselon III", SECTION: "Eselon IV"}
GOAL_WORDS = {HEAD: "Sasaran Strategis", DIVISION: "Sasaran Program", SECTION: "Sasaran Kegiatan"}


def unit_level(unit: OrgUnit) -> str:
    return level_of(unit.level, unit.code)


def level_of(recorded: str, code: str) -> str:
    """II, III or IV (or "" for a functional post): the recorded eselon, or, where the
    agency recorded none, the unit's depth in the tree of codes (head "1", division
    "1.2", section "1.2.3"), as every Perangkat Daerah is built."""
    if recorded == OrgUnit.Level.FUNCTIONAL:
        return ""
    if recorded:
        return recorded.split(".")[0]
    depth = code.count(".")
    return (HEAD, DIVISION, SECTION)[depth] if depth < 3 else ""
