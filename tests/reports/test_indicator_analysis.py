"""BAB III analyses every indicator as PermenPAN-RB 53/2014 asks: the comparison with a
national or provincial standard (computed), the causes, the obstacles and the
solutions; what staff did not write is generated from the data, marked, and never
invents a cause."""

import re
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from agencies.models import Agency
from demo.loader import load_demo
from indicators.models import Indicator, IndicatorAnalysis
from reports.document import build_document
from reports.pdf import DataOnlyFetcher, html_to_pdf
from reports.render import render_document

from ..conftest import browser_form
from .test_report import pdf_pages

YEAR = 2020


@pytest.fixture
def demo(db):
    load_demo()


def operator():
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    return client


def test_an_operator_writes_an_indicators_analysis_and_the_report_prints_it(demo):
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    client = operator()
    url = reverse("indicator_analysis", args=["pati", YEAR, indicator.pk])
    page = client.get(url)
    data = browser_form(page, "analysis-form")
    data.update(
        standard="60",
        standard_level="nasional",
        standard_source="Kementerian Koperasi dan UKM",
        standard_year="2020",
        causes="Pendampingan koperasi belum merata.",
        obstacles="Banyak koperasi belum menyelenggarakan RAT.",
    )
    assert client.post(url, data).status_code == 302
    stored = IndicatorAnalysis.objects.get(indicator=indicator, year=YEAR)
    assert stored.standard == D(60) and stored.solutions == ""
    listing = client.get(reverse("narrative", args=["pati", YEAR])).content.decode()
    assert "2 dari 3 ditulis" in listing

    html = render_document(build_document(Agency.objects.get(slug="pati"), YEAR))
    block = html.split(f'id="analisis-{indicator.pk}"')[1].split("</div>\n  </div>")[0]
    assert "Pendampingan koperasi belum merata." in block and "Banyak koperasi belum menyelenggarakan RAT." in block
    assert "Solusi dan tindak lanjut belum diuraikan oleh instansi." in block  # generated, and marked
    assert block.count("Teks otomatis dari data") == 1
    # 44,39 against the national 60: 73,98 %, computed like a capaian.
    assert re.search(r"Kementerian Koperasi dan UKM \(2020\)</td><td class=\"num\">73,98 %", html)
    other = Indicator.objects.get(period__agency__slug="pati", code="T1.1")
    other_block = html.split(f'id="analisis-{other.pk}"')[1].split("</div>\n  </div>")[0]
    assert "Capaian 106,38 % (melampaui target). Penyebab keberhasilan atau kegagalan belum diuraikan" in other_block
    assert html.count("Belum ada standar nasional atau provinsi yang dicatat untuk indikator ini.") == 3


def test_a_standard_must_name_its_source(demo):
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    client = operator()
    url = reverse("indicator_analysis", args=["pati", YEAR, indicator.pk])
    data = browser_form(client.get(url), "analysis-form")
    data.update(standard="60")
    page = client.post(url, data).content.decode()
    assert "Sebutkan sumber standar agar pembaca dapat memeriksanya." in page
    assert "Pilih tingkat standar" in page
    assert not IndicatorAnalysis.objects.exists()


def test_the_pdf_prints_every_sub_section_for_every_indicator(demo):
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    IndicatorAnalysis.objects.create(
        indicator=indicator, year=YEAR, standard=D(60), standard_level="nasional", standard_source="Kemenkop UKM"
    )
    with transaction.atomic():
        pdf = html_to_pdf(render_document(build_document(Agency.objects.get(slug="pati"), YEAR)), DataOnlyFetcher())
    text = "\n".join(pdf_pages(pdf))
    for heading in (
        "d. Perbandingan dengan standar nasional atau provinsi",
        "e. Analisis penyebab keberhasilan atau kegagalan, kendala dan solusi",
        "f. Efisiensi penggunaan sumber daya",
        "g. Program dan kegiatan pendukung",
    ):
        assert heading in text, heading
    assert text.count("Kendala belum diuraikan oleh instansi.") == 4  # every indicator, none left empty
    assert "Kemenkop UKM" in text and "73,98 %" in text
    assert "Perbandingan dengan Standar Nasional/Provinsi" in text  # numbered, in Daftar Tabel too
