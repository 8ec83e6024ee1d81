"""Numbering per chapter for the report's tables (Tabel 3.1, 3.2 ...) and figures (Gambar
3.1 ...), and their lists (Daftar Tabel, Daftar Gambar)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableRef:
    number: str
    anchor: str
    title: str


@dataclass
class TableNumbers:
    tables: list[TableRef] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)
    anchor_prefix: str = "tabel"

    def add(self, chapter: str, title: str) -> TableRef:
        """Number the next table of `chapter` ("2", "3", or "L" for the Lampiran)."""
        self._counts[chapter] = self._counts.get(chapter, 0) + 1
        number = f"{chapter}.{self._counts[chapter]}"
        ref = TableRef(number=number, anchor=f"{self.anchor_prefix}-{number.replace('.', '-')}", title=title)
        self.tables.append(ref)
        return ref
