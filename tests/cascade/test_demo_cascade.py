"""The demo's cascade (Denpasar 2019) as people see it: the tree from the RPJMD sasaran
down to kegiatan with capaian, an eselon III official's PK as a PDF, and the quarterly
monitoring table with targets, realisations and capaian per quarter."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from cascade.models import Agreement
from demo.loader import load_demo
from organisation.models import OrgUnit

from ..reports.test_report import pdf_pages

YEAR = 2019


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_demo_cascade_tree_pk_and_monitoring(client, db):
    load_demo()
    client.force_login(get_user_model().objects.get(username="operator-denpasar"))
    units = {u.code: u for u in OrgUnit.objects.filter(agency__slug="denpasar", year=YEAR)}

    tree = client.get(reverse("cascade_tree", args=["denpasar", YEAR])).content.decode()
    words = text_of(tree)
    # Every level, top to bottom, each with its capaian (computed: 83/80 and 4,6/5 -> mean 97,88 %).
    assert "Sasaran RPJMD SD4.1 Meningkatnya daya saing koperasi" in words
    assert "Sasaran Strategis S1 Meningkatnya Koperasi yang berkualitas" in words
    assert "Sasaran Program Bidang Bina Lembaga Koperasi: SP1 Meningkatnya kualitas kelembagaan koperasi" in words
    assert "Sasaran Kegiatan Seksi Penyuluhan Koperasi: SK1 Meningkatnya kompetensi pengelola koperasi" in words
    assert "Kegiatan 4.e Sertifikasi Kompetensi Pengelola Koperasi" in words
    assert "SD4.1 Meningkatnya daya saing koperasi dan usaha mikro, kecil dan menengah 97,88 %" in words
    assert 'data-status="not_met"' in tree and 'data-status="exceeded"' in tree
    assert "Gambar pohon kinerja" in words and 'src="data:image/svg+xml;base64,' in tree

    # Seksi Penyuluhan: targets 0/40/50/30 (120), realised 0/42/48/35 (summed: 125).
    unit_page = client.get(reverse("unit_page", args=["denpasar", YEAR, units["1.2.1"].pk])).content.decode()
    row = text_of(re.search(r"<tr>\s*<td>SK1.1.*?</tr>", unit_page, re.S).group(0))
    assert (
        "120,00 PK 0,00 0,00 - 40,00 42,00 105,00 % 50,00 48,00 96,00 % 30,00 35,00 116,67 % 125,00 104,17 %" in row
    ), row
    monitoring = client.get(reverse("cascade_monitoring", args=["denpasar", YEAR])).content.decode()
    assert monitoring.count('data-testid="monitoring"') == 17  # the head, 4 divisions and their 12 sections
    # The head's PK: IKU S1.1 planned 20/40/55/66 by quarter; the report prints no quarterly
    # realisation, so every quarter's realisation and capaian is unknown ("-"), never 0.
    head_row = text_of(re.search(r"<tr>\s*<td>S1.1 .*?</tr>", monitoring, re.S).group(0))
    assert "20,00 - - 40,00 - - 55,00 - - 66,00 - -" in head_row, head_row

    # The workspace lists the cascade checks with the other checks.
    workspace = text_of(client.get(reverse("workspace", args=["denpasar", YEAR])).content.decode())
    assert "Kegiatan 1.a Pelayanan Administrasi Perkantoran : Kegiatan ini tidak terhubung ke sasaran unit" in workspace
    assert "Unit 1.1 Sekretariat : Unit eselon III ini belum memiliki Perjanjian Kinerja tahun 2019." in workspace

    division = Agreement.objects.get(unit=units["1.2"])
    pdf = client.get(reverse("unit_agreement_pdf", args=["denpasar", YEAR, division.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = re.sub(r"\s+", " ", " ".join(pdf_pages(pdf.content)))
    for expected in (
        "PERJANJIAN KINERJA TAHUN 2019 BIDANG BINA LEMBAGA KOPERASI",
        "PIHAK PERTAMA",
        "PIHAK KEDUA",
        "Jabatan : Kepala Bidang Bina Lembaga Koperasi",
        "Nama : Made Erwin Suryadarma Sena, SE, M.Si",  # the head of the agency, the superior
        "NIP : 19610804 198603 1 019",
        "Sasaran Program Indikator Kinerja Satuan Target",
        "Persentase koperasi aktif yang melaksanakan",
        "% 45,00",
        "Program/Kegiatan Anggaran (Rp)",
        "4 Program Peningkatan Kualitas Kelembagaan Koperasi 2.072.337.900",
        "Jumlah 2.072.337.900",
        "Denpasar, 2 Januari 2019",
    ):
        assert expected in text, expected
