"""One agency-year built here uses every part of the whole LKjIP at once (profile,
organisation, staff with a disagreeing printed total, assets, a narrative with a
heading, a table and a picture, an indicator's analysis against a standard, the year's
signatory and second party) and the PDF says all of it, in order."""

import datetime
import io
from decimal import Decimal as D

from PIL import Image

from budget.models import BudgetAllocation, BudgetItem, BudgetItemGoal, FundingSource
from indicators.models import Goal, Indicator, IndicatorAnalysis, Realization, RenstraPeriod, Target
from organisation.models import Asset, Duty, OrgUnit, StaffCount, StaffTotal
from reports.document import build_document
from reports.models import Picture, Report, Section
from reports.pdf import DataOnlyFetcher, render_pdf
from reports.pictures import clean_upload
from reports.render import render_document

from .test_report import pdf_pages

YEAR = 2020


class Upload(io.BytesIO):
    @property
    def size(self):
        return len(self.getvalue())


def build_whole_year(agency):
    period = RenstraPeriod.objects.create(agency=agency, start_year=2019, end_year=2023, vision="Visi")
    goal = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Meningkatnya koperasi sehat")
    indicator = Indicator.objects.create(
        period=period, goal=goal, code="I1", name="Persentase koperasi sehat", unit="%"
    )
    Target.objects.create(indicator=indicator, year=YEAR, agreement=D(50))
    Realization.objects.create(indicator=indicator, year=YEAR, value=D(40))
    IndicatorAnalysis.objects.create(
        indicator=indicator,
        year=YEAR,
        standard=D(80),
        standard_level="nasional",
        standard_source="Kementerian Koperasi dan UKM",
        standard_year=2020,
        causes="Pendampingan belum merata.",
        obstacles="RAT terlambat.",
        solutions="Klinik koperasi keliling.",
    )
    item = BudgetItem.objects.create(agency=agency, year=YEAR, level="program", code="01", name="Program Koperasi")
    BudgetAllocation.objects.create(item=item, source=FundingSource.objects.get(code="APBD"), pagu=D(1000))
    BudgetItemGoal.objects.create(item=item, goal=goal)
    Duty.objects.create(agency=agency, year=YEAR, duty="Membina koperasi", functions="Fungsi satu\nFungsi dua")
    head = OrgUnit.objects.create(
        agency=agency, year=YEAR, code="1", name="Kepala Dinas", level="II.b", head_name="Dra. Siti Contoh"
    )
    OrgUnit.objects.create(agency=agency, year=YEAR, code="1.1", parent=head, name="Bidang Koperasi", level="III.b")
    for order, (label, count) in enumerate([("S1", 6), ("SMA", 3)], 1):
        StaffCount.objects.create(
            agency=agency, year=YEAR, category="pendidikan", label=label, count=count, order=order
        )
    StaffTotal.objects.create(agency=agency, year=YEAR, category="pendidikan", printed_total=10)
    Asset.objects.create(agency=agency, year=YEAR, name="Kendaraan roda 2", count=4, condition="Baik")
    out = io.BytesIO()
    Image.new("RGB", (800, 400), (200, 50, 50)).save(out, "PNG")
    cleaned = clean_upload(Upload(out.getvalue()))
    picture = Picture.objects.create(
        agency=agency,
        year=YEAR,
        caption="Klinik koperasi keliling",
        content_type=cleaned.content_type,
        data=cleaned.data,
        width=cleaned.width,
        height=cleaned.height,
    )
    report = Report.objects.create(
        agency=agency,
        year=YEAR,
        sign_place="Kota Contoh",
        sign_date=datetime.date(2021, 1, 29),
        signatory_name="Dra. Siti Contoh",
        signatory_rank="Pembina Utama Muda",
        signatory_nip="196108041986031019",
        second_party_name="Ir. Bupati Contoh",
        second_party_title="Bupati Contoh",
    )
    Section.objects.create(
        report=report,
        key="gambaran_umum",
        body="### Kegiatan unggulan\n\n| Kegiatan | Peserta |\n|---|---|\n| Klinik | 120 |\n\n" + picture.token,
    )


def test_every_part_of_the_whole_report_is_in_the_pdf(agency_a):
    build_whole_year(agency_a)
    fetcher = DataOnlyFetcher()
    pdf, pages = render_pdf(render_document(build_document(agency_a, YEAR)), fetcher)
    assert fetcher.refused == []
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    bab1 = text[text.rindex("BAB I PENDAHULUAN") : text.rindex("BAB II PERENCANAAN KINERJA")]
    for expected in [
        "Kegiatan unggulan",
        "Klinik 120",
        "Gambar 1.1 Klinik koperasi keliling",  # the picture, before the chart in print order
        "Gambar 1.2 Struktur Organisasi",
        "mempunyai tugas pokok: Membina koperasi",
        "1. Fungsi satu",  # (the KONSEP watermark's letters may fall between lines)
        "2. Fungsi dua",
        "Kepala Dinas II.b Dra. Siti Contoh",
        "Jumlah 9 100,00 %",
        "Jumlah yang tercetak pada data instansi (10 orang) berbeda dengan jumlah rinciannya (9 orang)",
        "Kendaraan roda 2 4 Baik",
    ]:
        assert expected in bab1, expected
    bab3 = text[text.rindex("BAB III AKUNTABILITAS KINERJA") : text.rindex("BAB IV PENUTUP")]
    for expected in [
        "Kementerian Koperasi dan UKM",
        "Pendampingan belum merata.",
        "RAT terlambat.",
        "Klinik koperasi keliling.",
    ]:
        assert expected in bab3, expected
    assert text.count("NIP. 19610804 198603 1 019") >= 3  # Kata Pengantar, Penutup, PK
    assert "Ir. Bupati Contoh" in text and "PIHAK KEDUA" in text
    assert "Kota Contoh, 29 Januari 2021" in text
    for listed in ["Tabel 1.1 Susunan Organisasi dan Pejabat Tahun 2020", "Gambar 1.1 Klinik koperasi keliling"]:
        assert listed in text[: text.rindex("BAB I PENDAHULUAN")]  # Daftar Tabel, Daftar Gambar
    assert pages > 10
