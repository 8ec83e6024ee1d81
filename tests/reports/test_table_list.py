"""The Daftar Tabel and Daftar Gambar list exactly the tables and figures the report
prints (before, a sasaran without program indicators left a listed table that did not
exist, and the PDF had links to nowhere)."""

import re

import pytest

from agencies.models import Agency
from demo.loader import load_demo
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
