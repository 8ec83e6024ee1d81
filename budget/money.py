"""A budget amount as every page and the report show it: pagu, realisasi, and the sisa
and serapan that follow from them (computed by the capaian engine, never stored)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from indicators import capaian as engine


@dataclass
class Money:
    """Pagu and realisasi of a line, a group of lines or a total; None when not known."""

    pagu: Decimal | None = None
    realisasi: Decimal | None = None

    @property
    def sisa(self) -> Decimal | None:
        return engine.sisa(self.pagu, self.realisasi)

    @property
    def serapan(self) -> Decimal | None:
        return engine.serapan(self.pagu, self.realisasi)

    @classmethod
    def total(cls, parts: Iterable[Money]) -> Money:
        parts = list(parts)
        return cls(engine.total(p.pagu for p in parts), engine.total(p.realisasi for p in parts))
