"""The budget of an agency-year as a tree whose totals are the sums of the children.

A leaf's pagu and realisasi are the sums of its allocations (one per funding source).
A parent's are the sums of its children; amounts typed on a parent are kept only as
"stated" figures, and a stated figure that disagrees with the sum is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from agencies.models import Agency
from indicators.capaian import Flag

from .models import BudgetItem
from .money import Money


@dataclass(kw_only=True)
class BudgetNode(Money):
    """One program, kegiatan or sub-kegiatan with its computed money."""

    item: BudgetItem
    depth: int
    children: list[BudgetNode] = field(default_factory=list)
    stated_pagu: Decimal | None = None
    stated_realisasi: Decimal | None = None
    flags: list[Flag] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class BudgetTree:
    """All budget lines of an agency-year, in print order, with totals."""

    roots: list[BudgetNode]

    def nodes(self) -> list[BudgetNode]:
        return [node for root in self.roots for node in root.walk()]

    @property
    def programs(self) -> list[BudgetNode]:
        """The programs, without the agency-level amounts the budget does not itemize."""
        return [r for r in self.roots if r.item.level != BudgetItem.Level.UNITEMIZED]

    @property
    def unitemized(self) -> list[BudgetNode]:
        return [r for r in self.roots if r.item.level == BudgetItem.Level.UNITEMIZED]

    def program_nodes(self) -> list[BudgetNode]:
        return [node for root in self.programs for node in root.walk()]

    def total(self, spending_type: str | None = None) -> Money:
        return Money.total(r for r in self.roots if spending_type is None or r.item.spending_type == spending_type)


def build_tree(items: list[BudgetItem]) -> BudgetTree:
    """Tree from items whose `allocations` are prefetched; runs no query."""
    nodes = {item.pk: BudgetNode(item=item, depth=0) for item in items}
    roots = []
    for item in items:
        node = nodes[item.pk]
        parent = nodes.get(item.parent_id)
        (parent.children if parent else roots).append(node)
    for root in roots:
        _compute(root, 0)
    return BudgetTree(roots=roots)


def _compute(node: BudgetNode, depth: int) -> None:
    node.depth = depth
    allocations = list(node.item.allocations.all())
    # A line with several funding sources is one line: unknown if any source's is.
    own = Money.total(Money.of_line(a.pagu, a.realisasi) for a in allocations)
    own = Money(own.pagu, own.realisasi, unknown=min(own.unknown, 1), lines=min(own.lines, 1))
    for child in node.children:
        _compute(child, depth + 1)
    if node.children:
        children = Money.total(node.children)
        node.pagu, node.realisasi = children.pagu, children.realisasi
        node.unknown, node.lines = children.unknown, children.lines
        node.stated_pagu, node.stated_realisasi = own.pagu, own.realisasi
        if own.pagu is not None and own.pagu != node.pagu:
            node.flags.append(Flag("parent_pagu_differs", "Pagu yang diisi berbeda dengan jumlah rinciannya."))
        if own.realisasi is not None and not node.is_partial and own.realisasi != node.realisasi:
            node.flags.append(
                Flag("parent_realisasi_differs", "Realisasi yang diisi berbeda dengan jumlah rinciannya.")
            )
        for child in node.children:
            if child.pagu is not None and node.stated_pagu is not None and child.pagu > node.stated_pagu:
                child.flags.append(Flag("child_exceeds_parent", "Pagu lebih besar dari pagu induknya."))
    else:
        node.pagu, node.realisasi, node.unknown, node.lines = own.pagu, own.realisasi, own.unknown, own.lines
        if own.is_partial:
            node.flags.append(Flag("realisasi_unknown", "Realisasi anggaran belum diisi."))
    if node.pagu is not None and node.realisasi is not None and node.realisasi > node.pagu:
        node.flags.append(Flag("spending_above_pagu", "Realisasi melebihi pagu."))
    for allocation in allocations:
        quarters = [q for q in allocation.quarters if q is not None]
        if quarters and allocation.realisasi is not None and sum(quarters, Decimal(0)) != allocation.realisasi:
            node.flags.append(
                Flag("quarters_differ", f"Jumlah realisasi triwulan ({allocation.source}) berbeda dengan realisasi.")
            )


def budget_tree(agency: Agency, year: int) -> BudgetTree:
    items = list(
        BudgetItem.objects.filter(agency=agency, year=year)
        .prefetch_related("allocations__source", "goal_links__goal")
        .order_by("order", "code")
    )
    return build_tree(items)
