"""A budget amount as every page and the report show it: pagu, realisasi, and the sisa
and serapan that follow from them (computed by the capaian engine, never stored)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from indicators import capaian as engine


@dataclass
class Money:
    """Pagu and realisasi of a line, a group of lines or a total; None when not known.

    Where some lines' realisasi is not known, `realisasi` is the sum of the known ones
    only: the amount is partial, and has no sisa and no serapan (nor any efficiency
    built on it), because a partial sum would read as if the rest were spent at zero.
    """

    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    unknown: int = 0  # lines with a pagu but no known realisasi
    lines: int = field(default=0, compare=False)  # lines with money counted in this amount

    @property
    def is_partial(self) -> bool:
        return self.unknown > 0

    @property
    def partial_note(self) -> str:
        """What a reader is told next to a partial amount."""
        if not self.is_partial:
            return ""
        if self.unknown == self.lines:
            return f"realisasi belum diisi pada {self.lines} rincian"
        return f"sebagian: {self.unknown} dari {self.lines} rincian belum ada realisasi"

    @property
    def sisa(self) -> Decimal | None:
        return None if self.is_partial else engine.sisa(self.pagu, self.realisasi)

    @property
    def serapan(self) -> Decimal | None:
        return None if self.is_partial else engine.serapan(self.pagu, self.realisasi)

    @classmethod
    def of_line(cls, pagu: Decimal | None, realisasi: Decimal | None) -> Money:
        """One line (or one funding-source row of it)."""
        has_money = pagu is not None or realisasi is not None
        return cls(pagu, realisasi, unknown=int(pagu is not None and realisasi is None), lines=int(has_money))

    @classmethod
    def total(cls, parts: Iterable[Money]) -> Money:
        parts = list(parts)
        return cls(
            engine.total(p.pagu for p in parts),
            engine.total(p.realisasi for p in parts),
            unknown=sum(p.unknown for p in parts),
            lines=sum(p.lines for p in parts),
        )


# Permendagri 90/2019: from budget year 2021 programs, kegiatan and sub-kegiatan carry
# no belanja langsung / tidak langsung split, and a report must not print one.
FIRST_YEAR_WITHOUT_SPENDING_SPLIT = 2021


def has_spending_split(year: int) -> bool:
    """Whether a budget of `year` is split into belanja langsung and tidak langsung."""
    return year < FIRST_YEAR_WITHOUT_SPENDING_SPLIT
