"""The LKjIP document: what the PDF says, that the HTML is self-contained, and that
rendering fetches nothing from the network."""

import json
import re
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from agencies.models import Agency
from demo.loader import DEMO_PASSWORD, load_demo
from reports.document import build_document
from reports.models import Report, Section
from reports.pdf import DataOnlyFetcher, html_to_pdf
from reports.render import render_document

from ..conftest import form_login

CHAPTERS = [
    "KATA PENGANTAR",
    "IKHTISAR EKSEKUTIF",
    "DAFTAR ISI",
    "DAFTAR TABEL",
    "BAB I",
    "BAB II",
    "BAB III",
    "BAB IV",
    "LAMPIRAN",
]


def pdf_pages(pdf: bytes) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")


@pytest.fixture(scope="module")
def pati_pdf(django_db_setup, django_db_blocker):
    """The Pati 2020 PDF, built once for this module; the demo data is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        agency = Agency.objects.select_related("region").get(slug="pati")
        fetcher = DataOnlyFetcher()
        pdf = html_to_pdf(render_document(build_document(agency, 2020)), fetcher)
        transaction.set_rollback(True)
    return pdf, fetcher


def test_pdf_has_every_chapter_and_section(pati_pdf):
    text = "\n".join(pdf_pages(pati_pdf[0]))
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in text
    for heading in CHAPTERS + ["PENDAHULUAN", "PERENCANAAN KINERJA", "AKUNTABILITAS KINERJA", "PENUTUP"]:
        assert heading in text, heading
    for section in [
        "3.1 Capaian Kinerja Organisasi",
        "3.2 Realisasi Anggaran",
        "2.2 Perjanjian Kinerja",
        "Lampiran 3. Realisasi Kinerja dan Anggaran per Triwulan",
    ]:
        assert section in text, section


def test_pdf_iku_table_has_the_engines_numbers(pati_pdf):
    pages = pdf_pages(pati_pdf[0])
    iku_page = next(p for p in pages if "Tabel 3.1 Capaian Indikator Kinerja Utama" in p and "Rata-rata" in p)
    for row in [
        ("13", "13,83", "106,38 %"),
        ("5,5", "7,88", "143,27 %"),
        ("38", "38,76", "102,00 %"),
        ("54", "44,39", "82,20 %"),
    ]:
        assert re.search(r"\s+".join(re.escape(v) for v in row), iku_page), row
    assert "91,10 %" in iku_page
    # The misprinted 47,39 of the printed Penutup appears nowhere.
    assert "47,39" not in "\n".join(pages)


def test_pdf_budget_totals_are_computed_not_copied(pati_pdf):
    text = "\n".join(pdf_pages(pati_pdf[0]))
    assert "5.804.033.000" in text and "5.309.399.967" in text
    assert "5.765.539.000" not in text  # the Ikhtisar's wrong printed total


def test_table_of_contents_page_numbers_are_the_pages_where_chapters_start(pati_pdf):
    pages = pdf_pages(pati_pdf[0])
    toc_index = next(
        i
        for i, p in enumerate(pages)
        if p.strip().splitlines()[1:2] and "DAFTAR ISI" in p and "KATA PENGANTAR" in p and ".." in p
    )
    toc = pages[toc_index]
    entries = {
        "BAB I PENDAHULUAN": ("BAB I", "PENDAHULUAN"),
        "BAB II PERENCANAAN KINERJA": ("BAB II", "PERENCANAAN KINERJA"),
        "BAB III AKUNTABILITAS KINERJA": ("BAB III", "AKUNTABILITAS KINERJA"),
        "BAB IV PENUTUP": ("BAB IV", "PENUTUP"),
        "LAMPIRAN": ("LAMPIRAN", "Lampiran 1."),
        "DAFTAR TABEL": ("DAFTAR TABEL", "Tabel 2.1"),
    }
    for entry, (heading, below) in entries.items():
        # Front matter is numbered i, ii, iii ...; the chapters count again from 1.
        match = re.search(rf"^\s*{re.escape(entry)}\s*\.+\s*(\d+|[ivxl]+)\s*$", toc, re.MULTILINE)
        assert match, entry
        number = match.group(1)
        assert number.isdigit() == (entry != "DAFTAR TABEL"), entry
        page = next(p for p in pages if re.search(rf"Halaman {number}\s*$", p, re.MULTILINE))
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        # Line 0 is the running header; the chapter heading opens the page.
        assert lines[1] == heading and below in page, (entry, number, lines[:3])
    first_chapter_page = next(i for i, p in enumerate(pages) if re.search(r"^\s*BAB I\s*$", p, re.MULTILINE))
    assert re.search(r"Halaman 1\s*$", pages[first_chapter_page], re.MULTILINE)
    assert re.search(r"Halaman ii\s*$", pages[1], re.MULTILINE)  # the Kata Pengantar, after the cover


def test_every_page_has_the_running_header_but_the_cover(pati_pdf):
    pages = [p for p in pdf_pages(pati_pdf[0]) if p.strip()]
    assert "LKjIP Tahun 2020" not in pages[0]
    for page in pages[1:]:
        assert "LKjIP Tahun 2020" in page and "Kabupaten Pati" in page.splitlines()[0]


def test_rendering_the_demo_report_fetched_nothing(pati_pdf):
    assert pati_pdf[1].refused == []


class CountingHandler(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):  # noqa: N802 - the http.server API
        CountingHandler.hits += 1
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_no_network_request_is_made_during_rendering(monkeypatch):
    server = HTTPServer(("127.0.0.1", 0), CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/lambang.png"
    attempts = []
    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        attempts.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    html = (
        f'<html><head><link rel="stylesheet" href="http://127.0.0.1:{server.server_port}/x.css">'
        f'<style>@import url("{url}"); p {{ background: url("{url}") }}</style></head>'
        f'<body><p>Teks</p><img src="{url}"><img src="file:///etc/passwd"></body></html>'
    )
    fetcher = DataOnlyFetcher()
    pdf = html_to_pdf(html, fetcher)
    server.shutdown()
    assert pdf.startswith(b"%PDF")
    assert CountingHandler.hits == 0
    assert attempts == []
    assert url in fetcher.refused and "file:///etc/passwd" in fetcher.refused


@pytest.mark.django_db
def test_img_in_user_text_never_reaches_the_document(agency_a):
    report = Report.objects.create(agency=agency_a, year=2020)
    Section.objects.create(report=report, key="penutup", body='Akhir <img src="http://evil.example/x.png"> teks')
    html = render_document(build_document(agency_a, 2020))
    assert "evil.example" not in html
    fetcher = DataOnlyFetcher()
    html_to_pdf(html, fetcher)
    assert fetcher.refused == []


@pytest.mark.django_db
def test_html_export_is_self_contained(agency_a):
    html = render_document(build_document(agency_a, 2020))
    assert not re.search(r"""(src|href)=["']?(https?:|//|/static|/media)""", html)
    assert "<link" not in html and "<script" not in html
    assert "url(http" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("slug, year", [("pati", 2020), ("lumajang", 2019), ("denpasar", 2019)])
def test_every_demo_agency_renders(slug, year, tmp_path):
    load_demo()
    output = tmp_path / "laporan.pdf"
    call_command("export_report", agency=slug, year=year, format="pdf", output=str(output))
    pages = pdf_pages(output.read_bytes())
    assert len(pages) > 12
    text = "\n".join(pages)
    assert "BAB III" in text and Agency.objects.get(slug=slug).name.upper()[:30] in text.upper()


@pytest.mark.django_db
def test_export_html_and_json_commands(tmp_path):
    load_demo()
    call_command("export_report", agency="lumajang", year=2019, format="json", output=str(tmp_path / "r.json"))
    data = json.loads((tmp_path / "r.json").read_text())
    rat = next(i for i in data["indicators"] if i["name"] == "Persentase Koperasi yang melaksanakan RAT")
    assert rat == {
        "code": "S1.1",
        "name": "Persentase Koperasi yang melaksanakan RAT",
        "unit": "%",
        "target": "80.94",
        "target_upper": None,
        "realization": "80.34",
        "capaian": "99.26",
        "predicate": "Sangat Tinggi",
        "status": "not_met",
    }
    assert data["budget"]["total"] == {
        "pagu": "5313115447",
        "realisasi": "5026283101",
        "sisa": "286832346",
        "serapan": "94.60",
        "realisasi_unknown_lines": 0,
        "lines": 20,
        "partial": None,
    }
    call_command("export_report", agency="lumajang", year=2019, format="html", output=str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text()
    assert html.startswith("<!doctype html>") and "Tabel 3.1" in html


@pytest.mark.django_db
def test_html_view_marks_generated_text_and_not_written_text(client):
    load_demo()
    agency = Agency.objects.get(slug="pati")
    report = Report.objects.get(agency=agency, year=2020)
    Section.objects.create(report=report, key="kata_pengantar", body="Kata pengantar **resmi** dari Dinas.")
    form_login(client, "reviewer", DEMO_PASSWORD)
    html = client.get(reverse("report_html", args=["pati", 2020])).content.decode()
    written = html.split('<div class="written">')[1].split("</div>")[0]
    assert "<strong>resmi</strong>" in written
    assert "Teks otomatis dari data" in html
    assert (
        "Indikator Persentase koperasi aktif dengan target 54 % terealisasi 44,39 % sehingga capaian 82,20 % (Tinggi)."
    ) in html


@pytest.mark.django_db
def test_json_at_url_matches_the_command(client, tmp_path):
    load_demo()
    form_login(client, "operator-denpasar", DEMO_PASSWORD)
    data = client.get(reverse("report_json", args=["denpasar", 2019])).json()
    call_command("export_report", agency="denpasar", year=2019, format="json", output=str(tmp_path / "d.json"))
    assert data == json.loads((tmp_path / "d.json").read_text())
    assert client.get(reverse("report_json", args=["pati", 2020])).status_code == 404


@pytest.mark.django_db
def test_undefined_values_print_as_dash(agency_a):
    from decimal import Decimal as D

    from indicators.models import Goal, Indicator, RenstraPeriod, Target

    period = RenstraPeriod.objects.create(agency=agency_a, start_year=2019, end_year=2023)
    goal = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran")
    indicator = Indicator.objects.create(period=period, goal=goal, code="I1", name="Tanpa realisasi", unit="%")
    Target.objects.create(indicator=indicator, year=2020, agreement=D(0))
    html = render_document(build_document(agency_a, 2020))
    row = html.split("Tanpa realisasi", 2)[1].split("</tr>")[0]
    assert '<td class="num">-</td>' in row
    for bad in (">None<", ">nan<", "NaN", "#DIV/0!", "Infinity", "-None", "status-None"):
        assert bad not in html
