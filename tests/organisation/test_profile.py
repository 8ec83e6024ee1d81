"""BAB I's account of the agency: tugas and fungsi, the unit tree and its chart, staff
tables with computed totals and shares (a typed total that disagrees is flagged), and
assets; edited in the browser by the agency's operators only, field by field."""

from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from agencies.models import Agency
from demo.loader import load_demo
from organisation.models import Asset, Duty, OrgUnit, StaffCount, StaffTotal
from organisation.profile import agency_profile, share, unit_tree
from reports.document import build_document
from reports.pdf import DataOnlyFetcher, html_to_pdf
from reports.render import render_document

from ..conftest import browser_form
from ..reports.test_report import pdf_pages


@pytest.fixture
def demo(db):
    load_demo()


def pdf_text(agency, year) -> str:
    pdf = html_to_pdf(render_document(build_document(agency, year)), DataOnlyFetcher())
    return " ".join(" ".join(pdf_pages(pdf)).split())


def test_shares_are_rounded_half_up_and_unknown_for_an_empty_whole():
    assert share(1, 3) == D("33.33")
    assert share(2, 3) == D("66.67")
    assert share(1, 8) == D("12.50")
    assert share(0, 0) is None


def test_units_print_under_their_parents_in_code_order(agency_a):
    head = OrgUnit.objects.create(agency=agency_a, year=2020, code="1", name="Kepala")
    second = OrgUnit.objects.create(agency=agency_a, year=2020, code="1.10", parent=head, name="Bidang 10")
    first = OrgUnit.objects.create(agency=agency_a, year=2020, code="1.2", parent=head, name="Bidang 2")
    OrgUnit.objects.create(agency=agency_a, year=2020, code="1.2.1", parent=first, name="Seksi")
    lines = unit_tree(list(OrgUnit.objects.filter(agency=agency_a)))
    assert [(line.unit.name, line.depth) for line in lines] == [
        ("Kepala", 0),
        ("Bidang 2", 1),
        ("Seksi", 2),
        ("Bidang 10", 1),
    ]
    assert second.pk in {line.unit.pk for line in lines}


def test_pati_2020_bab_i_has_the_chart_and_two_staff_tables_with_computed_totals(demo):
    text = pdf_text(Agency.objects.get(slug="pati"), 2020)
    # The chapter itself: its heading's last occurrence (the lists before it name it too).
    bab1 = text[text.rindex("BAB I PENDAHULUAN") : text.rindex("BAB II PERENCANAAN KINERJA")]
    assert "Gambar 1.1 Struktur Organisasi Dinas Koperasi, Usaha Mikro, Kecil dan Menengah Kabupaten Pati" in bab1
    assert "Tabel 1.2 Jumlah Pegawai menurut Pangkat/Golongan Tahun 2020" in bab1
    assert "Tabel 1.3 Jumlah Pegawai menurut Pendidikan Tahun 2020" in bab1
    # 26 staff by pangkat and by education: computed from the rows the seed prints.
    assert bab1.count("Jumlah 26 100,00 %") == 2
    assert "III/d 7 26,92 %" in bab1
    assert "S2 11 42,31 %" in bab1
    assert "Melaksanakan urusan pemerintahan daerah berdasarkan asas otonomi" in bab1
    assert "Tabel 1.4 Sarana dan Prasarana Tahun 2020" in bab1 and "Jumlah 480" in bab1
    assert "Gambar 1.1 Struktur Organisasi" in text[: text.rindex("BAB I PENDAHULUAN")]  # Daftar Gambar


def test_a_printed_total_that_disagrees_with_the_rows_is_flagged(demo):
    lumajang = Agency.objects.get(slug="lumajang")
    StaffTotal.objects.filter(agency=lumajang, category="pangkat").update(printed_total=27)
    text = pdf_text(lumajang, 2019)
    assert "Jumlah yang tercetak pada data instansi (27 orang) berbeda dengan jumlah rinciannya (23 orang)" in text
    assert "(42 orang) berbeda" not in text  # the education table's printed 42 agrees


def test_the_organisation_page_shows_the_profile_to_readers_without_edit_links(demo):
    page = Client()
    page.force_login(Agency.objects.get(slug="pati").memberships.get(role="reviewer").user)
    response = page.get(reverse("organisation", args=["pati", 2020]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bidang Pengawasan dan Penilaian" in body and "data:image/svg+xml;base64," in body
    assert reverse("organisation_part", args=["pati", 2020, "unit"]) not in body


def operator(slug):
    page = Client()
    page.force_login(Agency.objects.get(slug=slug).memberships.get(role="operator").user)
    return page


def test_an_operator_adds_a_unit_under_an_existing_one(demo):
    page = operator("pati")
    url = reverse("organisation_part", args=["pati", 2020, "unit"])
    form = browser_form(page.get(url), "unit-form")
    new = int(form["unit-INITIAL_FORMS"])
    head = OrgUnit.objects.get(agency__slug="pati", code="1")
    form |= {
        f"unit-{new}-code": "1.5",
        f"unit-{new}-parent": str(head.pk),
        f"unit-{new}-name": "UPT Pelatihan",
        f"unit-{new}-level": "IV.a",
        f"unit-{new}-head_nip": "19610804 198603 1 019",
    }
    response = page.post(url, form)
    assert response.status_code == 302, response.content.decode()[-2000:]
    unit = OrgUnit.objects.get(agency__slug="pati", code="1.5")
    assert (unit.parent, unit.level, unit.head_nip) == (head, "IV.a", "196108041986031019")


def test_a_unit_cannot_be_put_under_its_own_subordinate(demo):
    page = operator("pati")
    url = reverse("organisation_part", args=["pati", 2020, "unit"])
    form = browser_form(page.get(url), "unit-form")
    seksi = OrgUnit.objects.get(agency__slug="pati", code="1.1.1")
    form["unit-0-parent"] = str(seksi.pk)  # Kepala Dinas under one of its seksi
    response = page.post(url, form)
    assert response.status_code == 200
    assert "tidak boleh berada di bawah dirinya sendiri" in response.content.decode()
    assert OrgUnit.objects.get(agency__slug="pati", code="1").parent is None


def test_staff_counts_accept_indonesian_numbers_and_keep_the_printed_total(demo):
    page = operator("pati")
    url = reverse("organisation_part", args=["pati", 2020, "pegawai"])
    form = browser_form(page.get(url), "pegawai-form")
    new = int(form["pegawai-INITIAL_FORMS"])
    form |= {
        f"pegawai-{new}-category": "status",
        f"pegawai-{new}-label": "PNS",
        f"pegawai-{new}-count": "1.026",
        "tercetak-pangkat": "25",
    }
    assert page.post(url, form).status_code == 302
    assert StaffCount.objects.get(agency__slug="pati", category="status").count == 1026
    assert StaffTotal.objects.get(agency__slug="pati", category="pangkat").printed_total == 25
    profile = agency_profile(Agency.objects.get(slug="pati").pk, 2020)
    pangkat = next(t for t in profile.staff_tables if t.category == "pangkat")
    assert pangkat.total == 26 and pangkat.printed_total_differs


def test_a_fractional_count_is_an_error_next_to_the_field_and_nothing_is_saved(demo):
    page = operator("pati")
    url = reverse("organisation_part", args=["pati", 2020, "aset"])
    form = browser_form(page.get(url), "aset-form")
    form["aset-0-count"] = "2,5"
    response = page.post(url, form)
    assert "Tulis bilangan bulat" in response.content.decode()
    assert Asset.objects.get(agency__slug="pati", name="AC split").count == 23


def test_two_operators_editing_tugas_and_fungsi_do_not_undo_each_other(demo):
    first, second = operator("pati"), operator("pati")
    url = reverse("organisation_duty", args=["pati", 2020])
    page_a, page_b = browser_form(first.get(url), "duty-form"), browser_form(second.get(url), "duty-form")
    page_a["duty"] = "Tugas baru A"
    assert first.post(url, page_a).status_code == 302
    page_b["legal_basis"] = "Perbup baru B"
    assert second.post(url, page_b).status_code == 302
    duty = Duty.objects.get(agency__slug="pati", year=2020)
    assert (duty.duty, duty.legal_basis) == ("Tugas baru A", "Perbup baru B")


def test_a_second_row_with_the_same_key_is_refused_next_to_it(demo):
    page = operator("pati")
    url = reverse("organisation_part", args=["pati", 2020, "aset"])
    form = browser_form(page.get(url), "aset-form")
    new = int(form["aset-INITIAL_FORMS"])
    form |= {f"aset-{new}-name": "ac SPLIT ", f"aset-{new}-count": "2", f"aset-{new}-condition": "baik"}
    response = page.post(url, form)
    assert "jumlahkan dalam satu baris" in response.content.decode()
    assert Asset.objects.filter(agency__slug="pati").count() == 70
