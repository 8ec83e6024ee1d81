"""The three real reports: the app reproduces every printed figure that is
arithmetically right, and disagrees exactly where the printed report is wrong."""

from decimal import Decimal as D

import pytest

from agencies.models import Agency, Membership
from budget.money import Money
from budget.tree import budget_tree
from demo.loader import DEMO_FILES, load_demo, read_fixture
from indicators.capaian import round_half_up
from indicators.results import agency_year_results


@pytest.fixture
def demo(db):
    load_demo()
    return {name.split("-")[0]: read_fixture(name) for name in DEMO_FILES}


def printed_indicators(fixture):
    for goal in fixture["goals"]:
        for indicator in goal["indicators"]:
            yield indicator["code"], indicator["printed"]


def test_demo_creates_three_agencies_and_the_demo_users(demo):
    assert set(Agency.objects.values_list("slug", flat=True)) == {"pati", "lumajang", "denpasar"}
    assert Membership.objects.filter(user__username="reviewer", role="reviewer").count() == 3
    assert Membership.objects.get(user__username="operator-pati").agency.slug == "pati"


def test_loading_the_demo_twice_does_not_duplicate(demo):
    load_demo()
    assert Agency.objects.count() == 3


@pytest.mark.parametrize("slug", ["pati", "lumajang", "denpasar"])
def test_every_printed_capaian_is_reproduced(demo, slug):
    agency = Agency.objects.get(slug=slug)
    results = agency_year_results(agency, demo[slug]["report"]["year"])
    computed = {r.indicator.code: r for r in results.indicators}
    checked = 0
    for code, printed in printed_indicators(demo[slug]):
        if printed["capaian"] is not None:
            assert round_half_up(computed[code].capaian) == D(printed["capaian"]), code
            checked += 1
    assert checked == {"pati": 4, "lumajang": 0, "denpasar": 2}[slug]


def test_pati_2020_indicator_table(demo):
    results = agency_year_results(Agency.objects.get(slug="pati"), 2020)
    rows = [
        (r.indicator.name, r.target, r.realization, round_half_up(r.capaian), r.predicate) for r in results.indicators
    ]
    assert rows == [
        ("Pertumbuhan UMK yang aktif berproduksi", D(13), D("13.83"), D("106.38"), "Sangat Tinggi"),
        ("Persentase KSP/USP sehat", D("5.5"), D("7.88"), D("143.27"), "Sangat Tinggi"),
        ("Pertumbuhan jumlah wirausaha baru", D(38), D("38.76"), D("102.00"), "Sangat Tinggi"),
        ("Persentase koperasi aktif", D(54), D("44.39"), D("82.20"), "Tinggi"),
    ]
    # The Penutup's 47,39 % for koperasi aktif is a misprint: the stored 44,39 gives 82,20 %.
    # Sasaran 102,00 % and 82,20 %: the mean counts 102,00 as 100 (the default cap).
    assert round_half_up(results.capaian) == D("91.10")


def test_lumajang_2019_ratio_and_growth_indicators(demo):
    results = agency_year_results(Agency.objects.get(slug="lumajang"), 2019)
    by_name = {r.indicator.name: r for r in results.indicators}
    rat = by_name["Persentase Koperasi yang melaksanakan RAT"]
    assert round_half_up(rat.realization) == D("80.34")  # 376 / 468
    assert round_half_up(rat.capaian) == D("99.26")
    growth = by_name["Persentase Pertumbuhan Usaha Mikro"]
    assert round_half_up(growth.realization) == D("0.87")  # (25.611 - 25.391) / 25.391
    aktif = by_name["Persentase Koperasi Aktif"]
    assert round_half_up(aktif.realization) == D("71.34")  # 468 / 656
    # The typed values agree with their numerators and denominators within rounding.
    assert not any("pembilang" in flag.message for r in results.indicators for flag in r.flags)


def test_denpasar_progress_to_end_target(demo):
    results = agency_year_results(Agency.objects.get(slug="denpasar"), 2019)
    progress = {r.indicator.code: round_half_up(r.progress) for r in results.indicators}
    assert progress["S1.1"] == D("88.00")  # 66 / 75, as printed
    # Tabel 3.8 prints 80 % (a cumulative 2 % against 2,5 %). The end target 2,5 looks
    # like five yearly targets of 0,5 added up, but the plan's first year has none and only
    # 2019 has a realization (0,5 %): the data cannot say what 2,5 is, so no figure is
    # printed (not the unlike 0,5 / 2,5 = 20 %) and the checks say why.
    assert progress["S2.1"] is None
    s21 = next(r for r in results.indicators if r.indicator.code == "S2.1")
    assert "progress_unclear" in {flag.code for flag in s21.flags}


@pytest.mark.parametrize("slug", ["pati", "lumajang", "denpasar"])
def test_every_printed_budget_percentage_is_reproduced(demo, slug):
    fixture = demo[slug]
    tree = budget_tree(Agency.objects.get(slug=slug), fixture["report"]["year"])
    nodes = {node.item.code: node for node in tree.nodes()}
    checked = 0
    for row in fixture["budget"]:
        if row["printed_pct"] is None or not row["allocations"]:
            continue
        node = nodes[row["code"]]
        expected = D(row["printed_pct"])
        computed = round_half_up(node.serapan) if node.serapan is not None else D(0)
        assert computed == expected, (row["code"], computed, expected)
        checked += 1
    assert checked > 20


def test_program_totals_are_the_sums_of_their_kegiatan(demo):
    for slug, year in [("pati", 2020), ("lumajang", 2019)]:
        tree = budget_tree(Agency.objects.get(slug=slug), year)
        for node in tree.nodes():
            if node.children:
                assert node.pagu == sum(child.pagu for child in node.children)
                # The printed program totals agree with their kegiatan in these two reports.
                assert not node.flags, (slug, node.item.code, node.flags)


def test_pati_budget_totals_disagree_with_the_printed_ikhtisar(demo):
    tree = budget_tree(Agency.objects.get(slug="pati"), 2020)
    # Printed: Rp 5.765.539.000 for both; BL + BTL is what the app computes.
    assert tree.total() == Money(D("5804033000"), D("5309399967"))
    direct = tree.total("langsung")
    assert direct == Money(D("3035925000"), D("2689723528"))
    assert round_half_up(direct.serapan) == D("88.60")


def test_lumajang_budget_totals_match_the_printed_ones(demo):
    tree = budget_tree(Agency.objects.get(slug="lumajang"), 2019)
    total = tree.total()
    assert total == Money(D("5313115447"), D("5026283101"))
    assert round_half_up(total.serapan) == D("94.60")


def test_denpasar_totals_are_the_sum_of_its_kegiatan(demo):
    tree = budget_tree(Agency.objects.get(slug="denpasar"), 2019)
    assert tree.total() == Money(D("5670557990"), D("5097303563"))
    by_goal = {}
    for node in tree.nodes():
        for link in [] if node.children else node.item.goal_links.all():
            pagu, realisasi = by_goal.get(link.goal.code, (D(0), D(0)))
            by_goal[link.goal.code] = (pagu + node.pagu, realisasi + node.realisasi)
    # Tabel 3.4 / 3.9: Rp 2.072.337.900 / 1.934.956.185 and Rp 1.122.946.600 / 1.019.301.260.
    assert by_goal == {
        "S1": (D("2072337900"), D("1934956185")),
        "S2": (D("1122946600"), D("1019301260")),
    }
