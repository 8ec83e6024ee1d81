"""The Kata Pengantar, the Penutup and the Perjanjian Kinerja are signed: place, date,
the head of agency's name, rank and NIP; the PK names both parties. A name that is not
known is an empty line, never invented."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from agencies.models import Agency
from demo.loader import load_demo
from reports.document import build_document
from reports.models import Report
from reports.pdf import DataOnlyFetcher, html_to_pdf
from reports.render import render_document

from .test_report import pdf_pages


@pytest.fixture
def demo(db):
    load_demo()


def pdf_text(slug, year) -> str:
    """The PDF's text with its line breaks and layout spaces folded to single spaces."""
    pdf = html_to_pdf(render_document(build_document(Agency.objects.get(slug=slug), year)), DataOnlyFetcher())
    return " ".join(" ".join(pdf_pages(pdf)).split())


def test_denpasar_2019_is_signed_by_its_head_three_times_and_its_pk_names_both_parties(demo):
    text = pdf_text("denpasar", 2019)
    # As the seed prints them, under the Kata Pengantar, the Penutup and the PK.
    assert text.count("Made Erwin Suryadarma Sena, SE, M.Si") >= 4  # + the PK's "Nama:" line
    assert text.count("Pembina Utama Muda") >= 3
    assert text.count("NIP. 19610804 198603 1 019") >= 3
    assert "PERJANJIAN KINERJA TAHUN 2019" in text
    assert "PIHAK PERTAMA" in text and "PIHAK KEDUA" in text
    assert "WALIKOTA DENPASAR" in text  # the region's head, by title: the seed prints no name
    assert "Program dan Anggaran Perjanjian Kinerja Tahun 2019" in text


def test_a_signatory_set_for_the_year_signs_instead_of_the_profile(demo):
    operator = Client()
    operator.force_login(get_user_model().objects.get(username="operator-pati"))
    url = reverse("narrative", args=["pati", 2020])
    response = operator.post(
        url,
        {
            "sign_place": "Pati",
            "sign_date": "15/01/2021",
            "signatory_name": "Drs. Contoh Pejabat",
            "signatory_rank": "Pembina Tk. I (IV/b)",
            "signatory_nip": "19700101 199503 1 002",
            "signatory_title": "Plt. Kepala Dinas Koperasi dan UKM Kabupaten Pati",
            "second_party_name": "Ir. Contoh Kepala Daerah",
            "second_party_title": "Penjabat Bupati Pati",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get(agency__slug="pati", year=2020)
    assert report.signatory_nip == "197001011995031002" and report.sign_date == datetime.date(2021, 1, 15)
    text = pdf_text("pati", 2020)
    assert text.count("Drs. Contoh Pejabat") >= 3 and text.count("NIP. 19700101 199503 1 002") >= 3
    assert "PLT. KEPALA DINAS KOPERASI DAN UKM KABUPATEN PATI" in text
    assert "Pati, 15 Januari 2021" in text
    assert "Ir. Contoh Kepala Daerah" in text and "PENJABAT BUPATI PATI" in text  # this year's second party
    refused = operator.post(url, {"sign_place": "Pati", "signatory_nip": "1234"}).content.decode()
    assert "NIP terdiri dari 18 angka." in refused


def test_an_unknown_head_is_an_empty_line_not_a_made_up_name(demo):
    agency = Agency.objects.get(slug="pati")
    assert not agency.head_name  # the Pati seed prints no name
    html = render_document(build_document(agency, 2020))
    assert html.count('<span class="blank-name">') >= 4  # Kata Pengantar, Penutup, both PK parties
    assert "BUPATI PATI" in html


def test_the_perjanjian_kinerja_downloads_on_its_own(demo):
    reviewer = Client()
    reviewer.force_login(get_user_model().objects.get(username="reviewer"))
    response = reviewer.get(reverse("agreement_pdf", args=["denpasar", 2019]))
    assert response["Content-Disposition"] == 'attachment; filename="perjanjian-kinerja-denpasar-2019.pdf"'
    pages = pdf_pages(response.content)
    text = " ".join(" ".join(pages).split())
    assert "PERJANJIAN KINERJA TAHUN 2019" in text
    assert "PIHAK PERTAMA" in text and "WALIKOTA DENPASAR" in text and "NIP. 19610804 198603 1 019" in text
    assert "BAB III" not in text and "KATA PENGANTAR" not in text  # the agreement only
    assert len([p for p in pages if p.strip()]) <= 3
