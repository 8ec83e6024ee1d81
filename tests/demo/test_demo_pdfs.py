"""What every demo report prints: no number carries more than 2 decimals, no English
word slips in, and a draft says KONSEP on every page."""

import re

from agencies.models import Agency
from demo.loader import load_demo
from reports.document import build_document
from reports.pdf import html_to_pdf
from reports.render import render_document

from ..reports.test_report import pdf_pages

DEMO = [("pati", 2020), ("lumajang", 2019), ("denpasar", 2019)]
# Words an English template or library would print; none is Indonesian.
ENGLISH = re.compile(r"\b(the|and|of|no data|draft|page|table|chart|figure|total of)\b", re.IGNORECASE)
# A decimal comma followed by 3+ digits that is not a thousands group (1.234,5678 or 71,34146).
LONG_DECIMAL = re.compile(r"\d,\d{3,}")


def test_demo_reports_print_rounded_indonesian_and_konsep_on_every_page(db):
    load_demo()
    for slug, year in DEMO:
        doc = build_document(Agency.objects.get(slug=slug), year)
        pages = pdf_pages(html_to_pdf(render_document(doc)))
        text = "\n".join(pages)
        assert LONG_DECIMAL.findall(text) == [], slug
        # Figures are numbered per chapter and listed in the Daftar Gambar.
        assert "DAFTAR GAMBAR" in text and text.count("Gambar 3.1 Target dan Realisasi") == 2, slug
        assert ENGLISH.findall(text) == [], slug
        if slug == "denpasar":
            assert_cascade_printed(doc, text)
        printed = [page for page in pages if page.strip()]
        assert printed and all("konsep" in page.lower() for page in printed), slug
        for number, page in enumerate(printed, 1):
            body = [line for line in page.splitlines() if line.strip() and "Halaman" not in line]
            # A table's caption never ends a page without its table (the Daftar Tabel's
            # entries end in leader dots and a page number).
            last = body[-1].strip() if body else ""
            assert not (last.startswith("Tabel ") and "..." not in last), (slug, number)


def assert_cascade_printed(doc, text):
    """Denpasar keeps a cascade: its figure prints in BAB II and the Lampiran lists what
    the cascade checks find in the demo (the Sekretariat has no sasaran program, so its
    kegiatan serve none and its units sign no PK; one section's quarters add up to 105)."""
    assert text.count("Gambar 2.1 Pohon Kinerja") == 2  # the Daftar Gambar and the figure
    codes = sorted(f.code for f in doc.cascade_findings)
    assert (
        codes
        == ["cascade_kegiatan_unlinked"] * 3 + ["cascade_quarters_differ"] + ["cascade_unit_without_agreement"] * 4
    )
    flat = re.sub(r"\s+", " ", text)
    assert "Hasil Pemeriksaan Kaskade Kinerja Tahun 2019" in flat
    for finding in doc.cascade_findings:
        assert finding.message in flat, finding
    assert "Jumlah target keempat triwulan (105) tidak sama dengan target tahunan (100)." in flat
