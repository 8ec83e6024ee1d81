"""The Daftar Tabel and Daftar Gambar list exactly the tables and figures the report
prints (before, a sasaran without program indicators left a listed table that did not
exist, and the PDF had links to nowhere)."""

import re

import pytest

from agencies.models import Agency
from datatables.models import DataTable
from datatables.sections import TABLE_SECTIONS, SectionKey
from demo.loader import load_demo
from indicators.models import Goal
from reports.document import build_document
from reports.render import render_document


@pytest.mark.parametrize(("slug", "year"), [("pati", 2020), ("lumajang", 2019), ("denpasar", 2019)])
def test_every_listed_table_is_printed_and_every_printed_table_is_listed(db, slug, year):
    load_demo()
    html = render_document(build_document(Agency.objects.get(slug=slug), year))
    printed = set(re.findall(r'id="((?:tabel|gambar)-[^"]+)"', html))
    listed = set(re.findall(r'href="#((?:tabel|gambar)-[^"]+)"', html))
    assert listed == printed
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "an anchor is defined twice"


def test_data_tables_in_every_section_are_numbered_and_listed_in_print_order(db):
    load_demo()
    agency = Agency.objects.get(slug="pati")
    goal = next(g for g in Goal.objects.filter(period__agency=agency) if g.indicators.exists())
    for n, (key, _label) in enumerate(TABLE_SECTIONS, 1):
        DataTable.objects.create(
            agency=agency,
            year=2020,
            code=f"X{n}",
            section=key,
            goal=goal if key == SectionKey.ANALISIS_SASARAN else None,
            title=f"Data bagian {key}",
            columns=["Uraian", "Jumlah"],
            rows=[["x", "1"]],
        )
    html = render_document(build_document(agency, 2020))
    body = html[html.index("BAB I") :]
    listed = re.findall(r'<li><a href="#(tabel-[^"]+)">', html)
    printed = re.findall(r'<table class="data[^"]*" id="(tabel-[^"]+)"', body)
    assert printed == listed
    numbers = [anchor.removeprefix("tabel-").split("-") for anchor in printed]
    for chapter in {c for c, _ in numbers}:
        assert [int(n) for c, n in numbers if c == chapter] == list(range(1, 1 + sum(c == chapter for c, _ in numbers)))
    for key, _label in TABLE_SECTIONS:
        assert f"Data bagian {key}</caption>" in html
