"""An operator adds, previews, edits and deletes a data table in the browser; bad
input is refused next to its field with nothing stored; two editors never undo each
other; a final year takes no change."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from agencies.models import Agency, LockedYear
from datatables.models import DataTable
from demo.loader import load_demo
from indicators.models import Goal
from reports.document import build_document

from ..conftest import browser_form

PASTED = "Uraian\t2019\t2020\nKoperasi aktif\t1.049\t1.062\nUMKM\t30.761\t30.840"


@pytest.fixture
def demo(db):
    load_demo()
    pati_tables().delete()  # the demo's own table: these tests start from none


def pati_tables():
    return DataTable.objects.filter(agency__slug="pati")


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def new_table(client, **changes):
    url = reverse("data_table_new", args=["pati", 2020])
    form = browser_form(client.get(url), "data-table-form")
    form |= {"body": PASTED, "section": "gambaran_umum", "title": "Koperasi dan UMKM", "unit": "unit"}
    form |= {"source": "Dinas Koperasi, 2020"} | changes
    return client.post(url, form)


def test_a_pasted_table_is_stored_and_printed_numbered_in_its_section(demo):
    response = new_table(client_for("operator-pati"))
    assert response.status_code == 302 and response.url.endswith("#tabel-data")
    table = pati_tables().get()
    assert (table.code, table.columns) == ("T1", ["Uraian", "2019", "2020"])
    assert table.rows == [["Koperasi aktif", "1.049", "1.062"], ["UMKM", "30.761", "30.840"]]
    doc = build_document(Agency.objects.get(slug="pati"), 2020)
    placed = doc.data_tables["gambaran_umum"]
    assert [(p.ref.number, p.ref.title) for p in placed] == [("1.1", "Koperasi dan UMKM")]
    # The profile's tables, printed below the section's own, follow it.
    assert doc.tables.tables[1].title.startswith("Susunan Organisasi")
    listed = client_for("reviewer").get(reverse("narrative", args=["pati", 2020])).content.decode()
    assert "Koperasi dan UMKM" in listed and "2 baris × 3 kolom" in listed


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"body": "A\tB\nx\ty\tz"}, "body", "Baris 2 berisi 3 sel, padahal judul kolom hanya 2."),
        ({"body": ""}, "body", "This field is required"),
        ({"section": "analisis_sasaran"}, "goal", "Pilih sasaran yang dianalisis tabel ini."),
        ({"title": ""}, "title", ""),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_nothing_is_stored(demo, changes, field, message):
    response = new_table(client_for("operator-pati"), **changes)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message and "required" not in message:
        assert message in errors[field][0]
        assert message in response.content.decode()
    assert not pati_tables().exists()


def test_a_sasaran_is_named_only_for_the_analysis_and_only_one_of_this_agency(demo):
    operator = client_for("operator-pati")
    own = Goal.objects.filter(period__agency__slug="pati", indicators__isnull=False).first()
    other = Goal.objects.filter(period__agency__slug="lumajang").first()
    response = new_table(operator, goal=str(own.pk))
    assert "Sasaran hanya dipilih untuk bagian Analisis per Sasaran" in response.content.decode()
    response = new_table(operator, section="analisis_sasaran", goal=str(other.pk))
    assert "goal" in response.context["form"].errors
    assert not pati_tables().exists()
    assert new_table(operator, section="analisis_sasaran", goal=str(own.pk)).status_code == 302
    doc = build_document(Agency.objects.get(slug="pati"), 2020)
    analysis = next(a for a in doc.analyses if a.goal.pk == own.pk)
    assert [p.table.title for p in analysis.data_tables] == ["Koperasi dan UMKM"]
    # Numbered after the standard table and before the efficiency table: as printed.
    number = int(analysis.data_tables[0].ref.number.split(".")[1])
    assert int(analysis.table_standard.number.split(".")[1]) + 1 == number
    assert int(analysis.table_efficiency.number.split(".")[1]) == number + 1


def test_the_preview_shows_the_table_without_storing_it(demo):
    response = new_table(client_for("operator-pati"), pratinjau="1")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Koperasi aktif" in page and "(satuan: unit)" in page and "Sumber: Dinas Koperasi, 2020" in page
    assert '<td class="num">30.761</td>' in page
    assert not pati_tables().exists()


def test_two_editors_of_one_table_never_undo_each_other(demo):
    new_table(client_for("operator-pati"))
    url = reverse("data_table_edit", args=["pati", 2020, pati_tables().get().pk])
    a, b = client_for("operator-pati"), client_for("operator-pati")
    page_a = browser_form(a.get(url), "data-table-form")
    page_b = browser_form(b.get(url), "data-table-form")
    page_a["title"] = "Judul A"
    page_b["body"] = PASTED + "\nKoperasi baru\t5\t6"
    assert a.post(url, page_a).status_code == 302
    assert b.post(url, page_b).status_code == 302  # another field: both changes kept
    table = pati_tables().get()
    assert table.title == "Judul A" and table.rows[-1] == ["Koperasi baru", "5", "6"]
    page_b["title"] = "Judul B"  # a field A changed since B's page was loaded
    clash = b.post(url, page_b)
    assert clash.status_code == 200 and "Judul A" in clash.content.decode()
    assert pati_tables().get().title == "Judul A"


def test_deleting_asks_first_and_a_final_year_takes_no_change(demo):
    new_table(client_for("operator-pati"))
    table = pati_tables().get()
    operator = client_for("operator-pati")
    url = reverse("data_table_delete", args=["pati", 2020, table.pk])
    confirm = operator.get(url).content.decode()
    assert "Koperasi dan UMKM" in confirm and "nomor tabel sesudahnya bergeser" in confirm
    assert pati_tables().exists()
    lock = LockedYear.objects.create(agency=table.agency, year=2020, reason=LockedYear.Reason.FINAL)
    assert operator.post(url).status_code == 403
    assert new_table(operator).status_code == 403
    assert pati_tables().count() == 1
    lock.delete()
    assert operator.post(url).status_code == 302
    assert not pati_tables().exists()
