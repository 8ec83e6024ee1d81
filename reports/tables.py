"""Table numbering per chapter (Tabel 3.1, 3.2 ...) for the report and its Daftar Tabel."""

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

    def add(self, chapter: str, title: str) -> TableRef:
        """Number the next table of `chapter` ("2", "3", or "L" for the Lampiran)."""
        self._counts[chapter] = self._counts.get(chapter, 0) + 1
        number = f"{chapter}.{self._counts[chapter]}"
        ref = TableRef(number=number, anchor=f"tabel-{number.replace('.', '-')}", title=title)
        self.tables.append(ref)
        return ref
