"""A report states only what the data says: on an agency-year built for the test (not
the demo agencies), the HTML, the JSON and the PDF carry no false statement."""

import base64
import re
from decimal import Decimal as D

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from agencies.models import Agency
from budget.models import BudgetAllocation, BudgetItem, BudgetItemGoal, BudgetYear, FundingSource
from indicators.models import Goal, Indicator, PredicateScale, Realization, RenstraPeriod, Target
from reports import review as workflow
from reports.document import build_document
from reports.json_export import report_data
from reports.models import Report
from reports.pdf import html_to_pdf
from reports.render import render_document

from .test_report import pdf_pages

YEAR = 2020


def line(agency, code, pagu, realisasi, level="program", parent=None, goal=None):
    item = BudgetItem.objects.create(
        agency=agency, year=YEAR, code=code, name=f"Program {code}", level=level, parent=parent
    )
    if goal is not None:
        BudgetItemGoal.objects.create(item=item, goal=goal)
    if pagu is not None:
        source = FundingSource.objects.get(code="APBD")
        BudgetAllocation.objects.create(item=item, source=source, pagu=D(pagu), realisasi=realisasi and D(realisasi))
    return item


@pytest.fixture
def agency_year(agency_a):
    """Two of three budget lines without a known realisasi; a sasaran whose supporting
    program has none."""
    period = RenstraPeriod.objects.create(agency=agency_a, start_year=2019, end_year=2023, vision="Visi")
    goal = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran satu")
    indicator = Indicator.objects.create(period=period, goal=goal, code="I1", name="Indikator satu", unit="%")
    Target.objects.create(indicator=indicator, year=YEAR, agreement=D(80))
    Realization.objects.create(indicator=indicator, year=YEAR, value=D(60))
    line(agency_a, "01", "1000000", None, goal=goal)
    line(agency_a, "02", "500000", None)
    line(agency_a, "03", "250000", "200000")
    return agency_a


def test_unknown_spending_is_never_printed_as_zero_or_complete(agency_year):
    doc = build_document(agency_year, YEAR)
    html = render_document(doc)
    assert doc.total.realisasi == D(200000) and doc.total.is_partial
    assert doc.total.serapan is None and doc.total.sisa is None
    assert "sebagian: 2 dari 3 rincian belum ada realisasi" in html
    assert "serapan belum dapat dihitung" in html
    # The sasaran whose program has no known spending gets no serapan and no efficiency.
    analysis = doc.analyses[0]
    assert analysis.money.serapan is None and analysis.efficiency is None
    assert "efisiensi belum dapat dihitung: realisasi belum diisi pada 1 rincian" in analysis.text.html
    assert "efisien)" not in analysis.text.html
    assert not re.search(r"(?<![\d.,])0,00 %", html)  # no invented 0 % anywhere
    assert not re.search(r"Rp 0(?![\d.,])", html)


def test_the_json_says_the_total_is_partial_and_the_checks_list_the_lines(agency_year):
    data = report_data(build_document(agency_year, YEAR))
    total = data["budget"]["total"]
    assert total["realisasi"] == "200000"
    assert total["serapan"] is None and total["sisa"] is None
    assert (total["realisasi_unknown_lines"], total["lines"]) == (2, 3)
    unknown = {line["code"]: line["realisasi"] for line in data["budget"]["lines"]}
    assert unknown == {"01": None, "02": None, "03": "200000"}
    flagged = [c["where"] for c in data["checks"] if c["code"] == "realisasi_unknown"]
    assert flagged == ["Program 01 Program 01", "Program 02 Program 02"]


def test_a_zero_stays_a_zero(agency_year):
    BudgetAllocation.objects.filter(item__code="01").update(realisasi=D(0))
    BudgetAllocation.objects.filter(item__code="02").update(realisasi=D(0))
    doc = build_document(agency_year, YEAR)
    assert not doc.total.is_partial
    assert doc.total.serapan == D(200000) * 100 / D(1750000)


@pytest.fixture
def one_wild_indicator(agency_a):
    """Seven indicators: four miss their target, one is 469 % (a unit error, probably)."""
    period = RenstraPeriod.objects.create(agency=agency_a, start_year=2019, end_year=2023, vision="Visi")
    goal = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran satu")
    for n, realization in enumerate(["469", "50", "60", "70", "80", "100", "100"]):
        indicator = Indicator.objects.create(period=period, goal=goal, code=f"I{n}", name=f"Indikator {n}", unit="%")
        Target.objects.create(indicator=indicator, year=YEAR, agreement=D(100))
        Realization.objects.create(indicator=indicator, year=YEAR, value=D(realization))
    return agency_a


def test_one_wild_indicator_does_not_make_the_agency_sangat_tinggi(one_wild_indicator):
    doc = build_document(one_wild_indicator, YEAR)
    assert [r.capaian for r in doc.indicators][0] == D(469)  # shown as computed
    assert doc.results.capaian == D(560) / 7  # 80,00 %: 469 counts 100
    assert doc.results.predicate.label == "Tinggi"
    ikhtisar = doc.texts["ikhtisar"].html
    assert "3 dari 7 indikator kinerja mencapai atau melampaui target, 4 belum mencapai target" in ikhtisar
    assert "capaian di atas 100 % dihitung 100 % dalam rata-rata" in ikhtisar
    assert "Sebagian besar indikator belum mencapai target." in ikhtisar
    data = report_data(doc)
    assert data["capaian"] == "80.00"
    assert data["indicators"][0]["capaian"] == "469.00"


def test_the_cap_is_the_regions_setting(one_wild_indicator):
    scale = PredicateScale.objects.get(is_default=True)
    scale.mean_cap = None
    scale.save()
    doc = build_document(one_wild_indicator, YEAR)
    assert doc.results.capaian == D(929) / 7
    assert "setiap capaian dihitung apa adanya dalam rata-rata" in doc.texts["ikhtisar"].html
    scale.mean_cap = 150
    scale.save()
    assert build_document(one_wild_indicator, YEAR).results.capaian == D(610) / 7


def test_a_year_without_realisations_says_so_instead_of_counting_zero(agency_a):
    period = RenstraPeriod.objects.create(agency=agency_a, start_year=2019, end_year=2023, vision="Visi")
    goal = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran satu")
    indicator = Indicator.objects.create(period=period, goal=goal, code="I1", name="Indikator satu", unit="%")
    Target.objects.create(indicator=indicator, year=YEAR, agreement=D(80))
    doc = build_document(agency_a, YEAR)
    text = doc.texts["ikhtisar"].html + doc.texts["capaian_kinerja"].html + doc.texts["penutup"].html
    assert "Realisasi tahun 2020 belum diisi untuk 1 indikator kinerja" in text
    assert "0 indikator" not in text and "0 dari" not in text


def test_a_draft_says_konsep_on_every_page_and_the_final_on_none(agency_year, operator_a, reviewer):
    agency_year.name = 'Dinas Koperasi & UKM "Maju" <Kota> Contoh'
    agency_year.save()
    report = Report.objects.create(agency=agency_year, year=YEAR)
    pages = [p for p in pdf_pages(html_to_pdf(render_document(build_document(agency_year, YEAR)))) if p.strip()]
    assert len(pages) > 10
    assert all("konsep" in page.lower() for page in pages)
    assert "Konsep (Draf), dibuat" in pages[0]
    # The running header prints the name as typed, never as HTML entities.
    assert 'Dinas Koperasi & UKM "Maju" <Kota> Contoh' in pages[3]
    assert "&amp;" not in "".join(pages) and "&quot;" not in "".join(pages)
    # The region is printed once on the cover, as it is not part of this agency's name.
    assert pages[0].count("KABUPATEN CONTOH") == 1
    workflow.submit_report(report, operator_a)
    archive = workflow.accept_report(report, reviewer)
    final = [p for p in pdf_pages(bytes(archive.pdf)) if p.strip()]
    assert final and not any("konsep" in page.lower() for page in final)


def test_report_pages_exist_only_for_years_of_a_renstra_period(client, agency_year, operator_a):
    client.force_login(operator_a)
    for name in ("report_html", "report_json", "report_pdf"):
        response = client.get(reverse(name, args=[agency_year.slug, 2099]))
        assert response.status_code == 404, name
    response = client.get(reverse("report_html", args=[agency_year.slug, 2099]))
    assert "di luar periode Renstra" in response.content.decode()
    assert client.post(reverse("pdf_build_start", args=[agency_year.slug, 2099])).status_code == 404
    assert client.get(reverse("report_json", args=[agency_year.slug, 2023])).status_code == 200


def test_every_program_indicator_is_in_the_report_linked_or_not(agency_year):
    goal = Goal.objects.get(period__agency=agency_year, code="S1")
    program = BudgetItem.objects.get(agency=agency_year, code="03")
    for code, target, realization, parent in (
        ("03", "10", "8", None),  # linked to no sasaran
        ("03.1", "100", "120", program),
        ("01.1", "4", "4", BudgetItem.objects.get(agency=agency_year, code="01")),  # under a linked program
    ):
        item = (
            program
            if code == "03"
            else BudgetItem.objects.create(
                agency=agency_year, year=YEAR, code=code, name=f"Kegiatan {code}", level="kegiatan", parent=parent
            )
        )
        item.indicator_name, item.indicator_unit = f"Keluaran {code}", "unit"
        item.indicator_target, item.indicator_realization = D(target), D(realization)
        item.save()
    kegiatan = BudgetItem.objects.get(agency=agency_year, code="03.1")
    source = FundingSource.objects.get(code="APBD")
    BudgetAllocation.objects.create(item=kegiatan, source=source, pagu=D(250000), realisasi=D(200000))
    doc = build_document(agency_year, YEAR)
    assert [r.node.item.code for r in doc.analyses[0].program_rows] == ["01.1"]
    assert [r.node.item.code for r in doc.other_program_rows] == ["03", "03.1"]
    assert [r.capaian for r in doc.other_program_rows] == [D(80), D(120)]
    # 03 (the sum of its kegiatan) spent Rp 200.000 for 8 units, 03.1 the same for 120.
    assert [r.cost_per_unit for r in doc.other_program_rows] == [D(25000), D(200000) / 120]
    # 01.1 has no money and its program's realisasi is unknown: no cost per unit.
    assert doc.analyses[0].program_rows[0].cost_per_unit is None
    html = render_document(doc)
    assert "Program dan kegiatan lain" in html and "Keluaran 03.1" in html
    assert html.count("Keluaran 01.1") == 2  # under its sasaran and in the Lampiran
    assert goal.pk == doc.analyses[0].goal.pk


def test_the_cover_carries_the_regions_emblem_when_uploaded_and_none_otherwise(agency_year, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert 'class="emblem"' not in render_document(build_document(agency_year, YEAR))
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
    )
    region = agency_year.region
    region.emblem.save("lambang.png", ContentFile(png))
    html = render_document(build_document(Agency.objects.get(pk=agency_year.pk), YEAR))
    assert '<img class="emblem" src="data:image/png;base64,' in html


@pytest.fixture
def budgets_2020_and_2021(agency_a):
    """One program with money in 2020 (before Permendagri 90/2019) and in 2021."""
    period = RenstraPeriod.objects.create(agency=agency_a, start_year=2019, end_year=2023, vision="Visi")
    Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran satu")
    for year in (2020, 2021):
        item = BudgetItem.objects.create(agency=agency_a, year=year, code="01", name="Program", level="program")
        source = FundingSource.objects.get(code="APBD")
        BudgetAllocation.objects.create(item=item, source=source, pagu=D(100), realisasi=D(90))
    return agency_a


def test_a_2021_budget_prints_no_belanja_langsung_split(budgets_2020_and_2021, client, operator_a):
    agency_a = budgets_2020_and_2021
    old, new = (render_document(build_document(agency_a, year)) for year in (2020, 2021))
    assert "Belanja Langsung" in old
    assert "Belanja Langsung" not in new and "belanja langsung" not in new.lower()
    client.force_login(operator_a)
    page = client.get(reverse("budget", args=[agency_a.slug, 2021])).content.decode()
    assert "Jumlah Belanja Langsung" not in page and "Jumlah seluruhnya" in page
    form = client.get(reverse("budget_item_create", args=[agency_a.slug, 2021])).content.decode()
    assert "spending_type" not in form


def test_the_nomenclature_set_for_an_agency_year_decides_the_split(budgets_2020_and_2021, client, operator_a):
    agency_a = budgets_2020_and_2021
    # A 2020 budget already under Permendagri 90/2019, a 2021 one still split (as set).
    BudgetYear.objects.create(agency=agency_a, year=2020, nomenclature=BudgetYear.Nomenclature.PERMENDAGRI_90)
    BudgetYear.objects.create(agency=agency_a, year=2021, nomenclature=BudgetYear.Nomenclature.SPLIT)
    assert "Belanja Langsung" not in render_document(build_document(agency_a, 2020))
    assert "Belanja Langsung" in render_document(build_document(agency_a, 2021))
    client.force_login(operator_a)
    assert "Jumlah Belanja Langsung" in client.get(reverse("budget", args=[agency_a.slug, 2021])).content.decode()


def test_an_agency_level_total_not_itemized_is_counted_and_printed_as_such(budgets_2020_and_2021, client, operator_a):
    agency_a = budgets_2020_and_2021
    btl = BudgetItem.objects.create(
        agency=agency_a,
        year=2020,
        code="BTL",
        name="Belanja pegawai (gaji dan tunjangan)",
        level=BudgetItem.Level.UNITEMIZED,
        spending_type=BudgetItem.SpendingType.INDIRECT,
        order=99,
    )
    BudgetAllocation.objects.create(
        item=btl, source=FundingSource.objects.get(code="APBD"), pagu=D(1000), realisasi=D(950)
    )
    doc = build_document(agency_a, 2020)
    assert [n.item.code for n in doc.programs] == ["01"]
    assert (doc.total.pagu, doc.total.realisasi) == (D(1100), D(1040))
    assert (doc.indirect.pagu, doc.direct.pagu) == (D(1000), D(100))
    html = render_document(doc)
    assert "Belanja yang tidak dirinci per program" in html
    assert "Belanja pegawai (gaji dan tunjangan) (tidak dirinci per program)" in html  # BAB II
    assert doc.other_program_rows == [] and "BTL" not in (doc.budget_chart or "")
    client.force_login(operator_a)
    page = client.get(reverse("budget", args=[agency_a.slug, 2020])).content.decode()
    assert f"?induk={btl.pk}" not in page  # nothing can be itemized under it
    response = client.post(
        reverse("budget_item_create", args=[agency_a.slug, 2020]),
        {
            "level": "kegiatan",
            "code": "BTL.1",
            "parent": btl.pk,
            "name": "Rincian",
            "spending_type": "tidak_langsung",
            "order": "1",
            "dana-TOTAL_FORMS": "0",
            "dana-INITIAL_FORMS": "0",
        },
    )
    assert "parent" in response.context["form"].errors
