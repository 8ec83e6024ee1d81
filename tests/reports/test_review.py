"""The review workflow: transitions per role, the lock on every write path, the
archived PDF, the audit trail, lost-update protection, dashboard and notifications."""

import hashlib
import io
import re
from decimal import Decimal as D
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from agencies.locking import unlocked
from agencies.models import Agency, LockedYear
from budget.models import BudgetItem
from demo.loader import DEMO_PASSWORD, load_demo
from indicators.models import Indicator, Realization, Target
from reports.models import Notification, Report, ReportArchive, ReviewNote, Section
from workbook.export import export_workbook
from workbook.importer import import_workbook

from ..conftest import form_login

YEAR = 2020


@pytest.fixture
def demo(db):
    load_demo()


def login(username):
    client = Client()
    assert form_login(client, username, DEMO_PASSWORD)
    return client


def step(client, action, note=""):
    return client.post(reverse("transition", args=["pati", YEAR, action]), {"note": note})


def status():
    return Report.objects.get(agency__slug="pati", year=YEAR).status


@pytest.mark.parametrize(
    ("start", "user", "action", "allowed", "end"),
    [
        ("draft", "operator-pati", "ajukan", True, "submitted"),
        ("draft", "reviewer", "ajukan", False, "draft"),
        ("draft", "reviewer", "terima", False, "draft"),
        ("draft", "operator-pati", "terima", False, "draft"),
        ("submitted", "operator-pati", "terima", False, "submitted"),
        ("submitted", "operator-pati", "kembalikan", False, "submitted"),
        ("submitted", "operator-pati", "ajukan", False, "submitted"),
        ("submitted", "reviewer", "kembalikan", True, "returned"),
        ("returned", "operator-pati", "ajukan", True, "submitted"),
        ("returned", "reviewer", "terima", False, "returned"),
        ("submitted", "reviewer", "terima", True, "final"),
        ("submitted", "admin", "terima", True, "final"),
        ("final", "reviewer", "buka", False, "final"),
        ("final", "operator-pati", "buka", False, "final"),
        ("final", "reviewer", "kembalikan", False, "final"),
        ("final", "admin", "buka", True, "draft"),
    ],
)
def test_every_transition_allowed_or_refused_per_role(demo, start, user, action, allowed, end):
    Report.objects.filter(agency__slug="pati", year=YEAR).update(status=start)
    if start in ("final", "submitted"):
        reason = LockedYear.Reason.FINAL if start == "final" else LockedYear.Reason.UNDER_REVIEW
        LockedYear.objects.create(agency=Agency.objects.get(slug="pati"), year=YEAR, reason=reason)
    response = step(login(user), action, note="Perbaiki analisis sasaran 2.")
    assert response.status_code == (302 if allowed else 403)
    assert status() == end


def test_outsider_gets_404_and_anonymous_goes_to_login(demo):
    assert step(login("operator-lumajang"), "ajukan").status_code == 404
    assert step(Client(), "ajukan").status_code == 302
    assert status() == "draft"


def test_return_needs_a_note_and_creates_a_review_note(demo):
    step(login("operator-pati"), "ajukan")
    reviewer = login("reviewer")
    step(reviewer, "kembalikan", note="")
    assert status() == "submitted"
    step(reviewer, "kembalikan", note="Target S2.1 tidak sesuai PK.")
    assert status() == "returned"
    assert ReviewNote.objects.get().text == "Target S2.1 tidak sesuai PK."
    page = login("operator-pati").get(reverse("workspace", args=["pati", YEAR])).content.decode()
    assert 'data-testid="returned"' in page


def test_reopen_requires_a_recorded_reason(demo):
    mark_final()
    admin = login("admin")
    step(admin, "buka", note="")
    assert status() == "final"
    step(admin, "buka", note="Salah ketik realisasi S2.1 menurut Inspektorat.")
    assert status() == "draft"
    event = Report.objects.get(agency__slug="pati", year=YEAR).events.first()
    assert event.note == "Salah ketik realisasi S2.1 menurut Inspektorat."
    assert not LockedYear.objects.exists()


def finalize():
    step(login("operator-pati"), "ajukan")
    assert step(login("reviewer"), "terima").status_code == 302
    assert status() == "final"


def test_final_report_pdf_is_archived_and_every_download_is_that_file(demo):
    finalize()
    assert LockedYear.objects.filter(agency__slug="pati", year=YEAR).exists()
    archive = ReportArchive.objects.get()
    assert archive.sha256 == hashlib.sha256(bytes(archive.pdf)).hexdigest()
    reviewer, operator = login("reviewer"), login("operator-pati")
    first = reviewer.get(reverse("report_pdf", args=["pati", YEAR]))
    second = operator.get(reverse("report_pdf", args=["pati", YEAR]))
    assert first.content == second.content == bytes(archive.pdf)
    assert first["X-Content-SHA256"] == archive.sha256
    # Even if the stored data changed behind the lock's back, the final PDF does not.
    with unlocked():
        Realization.objects.filter(indicator__period__agency__slug="pati", year=YEAR).update(value=D(1))
    assert reviewer.get(reverse("report_pdf", args=["pati", YEAR])).content == bytes(archive.pdf)
    assert archive.sha256 in operator.get(reverse("workspace", args=["pati", YEAR])).content.decode()
    assert archive.sha256 in reviewer.get(reverse("review", args=["pati", YEAR])).content.decode()


def mark_final(slug="pati", year=YEAR):
    """The state accept_report leaves (tested above), without building the PDF each time."""
    Report.objects.filter(agency__slug=slug, year=year).update(status=Report.Status.FINAL)
    LockedYear.objects.create(agency=Agency.objects.get(slug=slug), year=year)


class TestTheLockHoldsOnEveryWritePath:
    """Final locks the year; Diajukan freezes it until the reviewer returns it."""

    @pytest.fixture(autouse=True, params=["final", "submitted"])
    def final(self, demo, request):
        if request.param == "final":
            mark_final()
            self.why = "sudah final"
        else:
            assert step(login("operator-pati"), "ajukan").status_code == 302
            self.why = "sedang direviu"
        self.pati = Agency.objects.get(slug="pati")
        self.indicator = Indicator.objects.get(period__agency=self.pati, code="S2.1")
        self.operator = login("operator-pati")

    def test_grid(self):
        prefix = f"i{self.indicator.pk}"
        response = self.operator.post(reverse("grid", args=["pati", YEAR]), {f"{prefix}-indicator_id": "1"})
        assert response.status_code == 403
        assert self.why in response.content.decode()

    def test_budget_views(self):
        item = BudgetItem.objects.filter(agency=self.pati, year=YEAR).first()
        assert self.operator.get(reverse("budget_item_edit", args=["pati", YEAR, item.pk])).status_code == 403
        assert self.operator.post(reverse("budget_item_delete", args=["pati", YEAR, item.pk])).status_code == 403
        assert BudgetItem.objects.filter(pk=item.pk).exists()

    def test_narrative_and_signature(self):
        url = reverse("narrative_edit", args=["pati", YEAR, "penutup"])
        assert self.operator.post(url, {"body": "Baru"}).status_code == 403
        response = self.operator.post(reverse("narrative", args=["pati", YEAR]), {"sign_place": "X"})
        assert response.status_code == 403
        assert not Section.objects.filter(body="Baru").exists()

    def test_plan(self):
        url = reverse("indicator_edit", args=["pati", self.indicator.pk])
        assert self.operator.post(url, {"name": "Ganti"}).status_code == 403
        assert self.operator.post(reverse("indicator_targets", args=["pati", self.indicator.pk]), {}).status_code == 403

    def test_excel_import_in_browser_and_as_function(self):
        data = export_workbook(self.pati, YEAR)
        upload = io.BytesIO(data)
        upload.name = "pati.xlsx"
        assert self.operator.post(reverse("workbook", args=["pati", YEAR]), {"file": upload}).status_code == 403
        result = import_workbook(data, YEAR, agency=self.pati)
        assert not result.ok and "Impor ditolak" in str(result.errors[0])
        assert ("sedang direviu" if self.why == "sedang direviu" else "final") in str(result.errors[0])

    def test_management_command(self, tmp_path):
        path = tmp_path / "pati.xlsx"
        path.write_bytes(export_workbook(self.pati, YEAR))
        with pytest.raises(CommandError):
            call_command("import_workbook", str(path), agency="pati", year=YEAR)

    def test_direct_model_writes(self):
        target = Target.objects.get(indicator=self.indicator, year=YEAR)
        target.agreement = D(1)
        with pytest.raises(PermissionDenied, match=self.why), transaction.atomic():
            target.save()
        realization = Realization.objects.filter(indicator=self.indicator, year=YEAR).first()
        with pytest.raises(PermissionDenied), transaction.atomic():
            realization.delete()
        self.indicator.name = "Ganti"
        with pytest.raises(PermissionDenied, match="Renstra 2017-2022"), transaction.atomic():
            self.indicator.save()
        assert Target.objects.get(pk=target.pk).agreement == D(54)

    def test_admin_for_a_non_superuser_staff_member(self, django_user_model):
        staff = django_user_model.objects.create_user("staf", password="staf-pass-1", is_staff=True)
        staff.user_permissions.set(Permission.objects.filter(codename__in=["change_target", "view_target"]))
        client = Client()
        client.force_login(staff)
        target = Target.objects.get(indicator=self.indicator, year=YEAR)
        url = reverse("admin:indicators_target_change", args=[target.pk])
        response = client.post(url, {"indicator": self.indicator.pk, "year": YEAR, "agreement": "1"})
        assert response.status_code == 403
        target.refresh_from_db()
        assert target.agreement == D(54)

    def test_other_years_stay_writable(self):
        data = grid_data(self.operator, self.indicator, "40", year=2019)
        assert self.operator.post(reverse("grid", args=["pati", 2019]), data).status_code == 302
        assert Realization.objects.get(indicator=self.indicator, year=2019, quarter=None).value == D(40)


def test_edits_appear_in_the_audit_trail_with_who_when_old_new_and_path(demo):
    operator = login("operator-pati")
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    prefix = f"i{indicator.pk}"
    data = form_inputs(operator.get(reverse("grid", args=["pati", YEAR])))
    data[f"{prefix}-realization"] = "47,5"
    assert operator.post(reverse("grid", args=["pati", YEAR]), data).status_code == 302
    history = operator.get(reverse("indicator_history", args=["pati", indicator.pk])).content.decode()
    assert "operator-pati" in history and "Tabel target &amp; realisasi" in history
    assert "44,39" in history and "47,5" in history and "44.3900" not in history  # Indonesian numbers
    year_history = operator.get(reverse("agency_history", args=["pati", YEAR])).content.decode()
    assert "47,5" in year_history and "Data demo" in year_history


def test_a_cell_nobody_else_touched_is_never_undone_the_lost_update_scenario(demo):
    """A and B open the grid; A saves one row; B, on the old page, changes only another
    row: B's save keeps A's value (before per-cell saving, B was told of a conflict on
    A's row and a second save put B's stale value back)."""
    pati = Indicator.objects.filter(period__agency__slug="pati").order_by("code")
    row5, row6 = [i for i in pati if not i.is_grade][:2]
    a, b = login("operator-pati"), login("operator-pati")
    page_a = form_inputs(a.get(reverse("grid", args=["pati", YEAR])))
    page_b = form_inputs(b.get(reverse("grid", args=["pati", YEAR])))
    page_a[f"i{row5.pk}-realization"] = "55"
    assert a.post(reverse("grid", args=["pati", YEAR]), page_a).status_code == 302
    page_b[f"i{row6.pk}-realization"] = "66"
    response = b.post(reverse("grid", args=["pati", YEAR]), page_b)
    assert response.status_code == 302, response.content.decode()[:500]
    stored = {r.indicator_id: r.value for r in Realization.objects.filter(year=YEAR, quarter=None)}
    assert stored[row5.pk] == D(55) and stored[row6.pk] == D(66)
    # Both change the same cell: only that cell conflicts; overwriting touches it alone.
    page_a = form_inputs(a.get(reverse("grid", args=["pati", YEAR])))
    page_b = form_inputs(b.get(reverse("grid", args=["pati", YEAR])))
    page_a[f"i{row5.pk}-realization"], page_a[f"i{row6.pk}-realization"] = "57", "67"
    assert a.post(reverse("grid", args=["pati", YEAR]), page_a).status_code == 302
    page_b[f"i{row5.pk}-realization"] = "58"
    conflict = b.post(reverse("grid", args=["pati", YEAR]), page_b)
    assert "realisasi: tersimpan 57, Anda 58" in conflict.content.decode()
    resubmit = form_inputs(conflict)
    assert resubmit[f"i{row6.pk}-realization"] == "67"  # the other row now shows what A stored
    assert b.post(reverse("grid", args=["pati", YEAR]), resubmit).status_code == 302
    stored = {r.indicator_id: r.value for r in Realization.objects.filter(year=YEAR, quarter=None)}
    assert stored[row5.pk] == D(58) and stored[row6.pk] == D(67)


def test_the_grid_keeps_a_note_it_does_not_show(demo):
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    Realization.objects.filter(indicator=indicator, year=YEAR, quarter=None).update(note="Sumber: BPS")
    operator = login("operator-pati")
    assert operator.post(reverse("grid", args=["pati", YEAR]), grid_data(operator, indicator, "47")).status_code == 302
    row = Realization.objects.get(indicator=indicator, year=YEAR, quarter=None)
    assert (row.value, row.note) == (D(47), "Sumber: BPS")


def form_inputs(response) -> dict:
    """What a browser submits: every input of the grid form as rendered."""
    html = response.content.decode().split('id="grid-form"')[1].split("</form>")[0]
    inputs = re.findall(r'<input [^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', html)
    return {name: unescape(value) for name, value in inputs if name != "csrfmiddlewaretoken"}


def grid_data(client, indicator, realization, year=YEAR):
    data = form_inputs(client.get(reverse("grid", args=["pati", year])))
    data[f"i{indicator.pk}-realization"] = realization
    return data


def test_second_save_of_the_same_grid_gets_a_conflict_showing_both_values(demo):
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    first, second = login("operator-pati"), login("operator-pati")
    first_data = grid_data(first, indicator, "50")
    second_data = grid_data(second, indicator, "60")
    assert first.post(reverse("grid", args=["pati", YEAR]), first_data).status_code == 302
    response = second.post(reverse("grid", args=["pati", YEAR]), second_data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "juga diubah pengguna lain" in html
    assert "realisasi: tersimpan 50, Anda 60" in html
    assert Realization.objects.get(indicator=indicator, year=YEAR, quarter=None).value == D(50)
    # The page now carries the fresh version: saving again overwrites knowingly.
    resubmit = form_inputs(response)
    assert resubmit[f"i{indicator.pk}-realization"] == "60"
    assert second.post(reverse("grid", args=["pati", YEAR]), resubmit).status_code == 302
    assert Realization.objects.get(indicator=indicator, year=YEAR, quarter=None).value == D(60)


def test_reviewer_dashboard_lists_assigned_agencies_sortable_and_filterable(demo):
    step(login("operator-pati"), "ajukan")
    reviewer = login("reviewer")
    ReviewNote.objects.create(report=Report.objects.get(agency__slug="pati", year=YEAR), text="Periksa")
    by_capaian = reviewer.get(reverse("dashboard", args=[2019]), {"urut": "capaian"}).context["rows"]
    # Denpasar 100 %, Lumajang 93,04 %, Pati has no 2019 targets (undefined, last).
    assert [r["agency"].slug for r in by_capaian] == ["denpasar", "lumajang", "pati"]
    rows = reviewer.get(reverse("dashboard", args=[YEAR]), {"urut": "catatan"}).context["rows"]
    pati = rows[0]
    assert pati["status"] == "submitted" and pati["open_notes"] == 1
    assert str(pati["capaian"].quantize(D("0.01"))) == "91.10"
    filtered = reviewer.get(reverse("dashboard", args=[YEAR]), {"status": "submitted"}).context["rows"]
    assert [r["agency"].slug for r in filtered] == ["pati"]
    assert login("operator-pati").get(reverse("dashboard", args=[2019])).context["rows"][0]["agency"].slug == "pati"


def test_notifications_on_submit_return_and_final(demo):
    step(login("operator-pati"), "ajukan")
    reviewer = login("reviewer")
    page = reviewer.get(reverse("home")).content.decode()
    assert 'data-testid="unread">1<' in page
    assert "diajukan" in Notification.objects.get(user__username="reviewer").message
    step(reviewer, "terima")
    operator = login("operator-pati")
    assert "final" in Notification.objects.filter(user__username="operator-pati").first().message
    operator.post(reverse("notifications"))
    assert not Notification.objects.filter(user__username="operator-pati", read_at__isnull=True).exists()


def test_operator_sees_and_resolves_review_notes(demo):
    report = Report.objects.get(agency__slug="pati", year=YEAR)
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    reviewer = login("reviewer")
    reviewer.post(reverse("review", args=["pati", YEAR]), {"indicator": indicator.pk, "text": "Cek RAT"})
    note = ReviewNote.objects.get(report=report)
    operator = login("operator-pati")
    assert "Cek RAT" in operator.get(reverse("workspace", args=["pati", YEAR])).content.decode()
    assert operator.post(reverse("review", args=["pati", YEAR]), {"text": "x"}).status_code == 403
    assert reviewer.post(reverse("resolve_note", args=["pati", YEAR, note.pk])).status_code == 403
    operator.post(reverse("resolve_note", args=["pati", YEAR, note.pk]))
    note.refresh_from_db()
    assert note.resolved_by.username == "operator-pati"


def test_returned_the_year_is_writable_again_and_a_resubmission_freezes_it(demo):
    operator, reviewer = login("operator-pati"), login("reviewer")
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    opened_before = grid_data(operator, indicator, "41")  # a page opened before submitting
    step(operator, "ajukan")
    assert 'id="grid-form"' not in operator.get(reverse("grid", args=["pati", YEAR])).content.decode()
    assert operator.post(reverse("grid", args=["pati", YEAR]), opened_before).status_code == 403
    step(reviewer, "kembalikan", note="Periksa S2.1.")
    assert operator.post(reverse("grid", args=["pati", YEAR]), grid_data(operator, indicator, "41")).status_code == 302
    assert Realization.objects.get(indicator=indicator, year=YEAR, quarter=None).value == D(41)
    step(operator, "ajukan")
    assert status() == "submitted"
    assert LockedYear.objects.get(agency__slug="pati", year=YEAR).reason == LockedYear.Reason.UNDER_REVIEW


def test_accepting_with_open_notes_needs_a_stated_reason_which_is_shown(demo):
    step(login("operator-pati"), "ajukan")
    reviewer = login("reviewer")
    report = Report.objects.get(agency__slug="pati", year=YEAR)
    ReviewNote.objects.create(report=report, text="Lampiran belum lengkap.")
    page = reviewer.get(reverse("review", args=["pati", YEAR])).content.decode()
    assert "1 catatan reviu belum selesai" in page
    response = reviewer.post(reverse("transition", args=["pati", YEAR, "terima"]), {"note": ""}, follow=True)
    assert status() == "submitted"
    assert "Masih ada 1 catatan reviu yang belum selesai" in response.content.decode()
    reviewer.post(
        reverse("transition", args=["pati", YEAR, "terima"]), {"note": "Lampiran menyusul, disetujui Inspektur."}
    )
    assert status() == "final"
    history = reviewer.get(reverse("review", args=["pati", YEAR])).content.decode()
    assert "Diterima dengan 1 catatan terbuka. Alasan: Lampiran menyusul, disetujui Inspektur." in history


def test_the_dashboard_filters_each_of_the_four_statuses(demo):
    reviewer = login("reviewer")
    Report.objects.filter(agency__slug="pati", year=YEAR).update(status="returned")
    for value, shown in (("returned", True), ("draft", False), ("submitted", False), ("final", False)):
        page = reviewer.get(reverse("dashboard", args=[YEAR]) + f"?status={value}").content.decode()
        assert ('data-status="returned"' in page) == shown, value
    page = reviewer.get(reverse("dashboard", args=[YEAR])).content.decode()
    assert '<option value="returned"' in page and "Dikembalikan" in page


def test_the_target_table_saves_cell_by_cell_too(demo):
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    url = reverse("indicator_targets", args=["pati", indicator.pk])
    a, b = login("operator-pati"), login("operator-pati")
    page_a, page_b = target_inputs(a.get(url)), target_inputs(b.get(url))
    page_a["y2021-agreement"] = "60"
    assert a.post(url, page_a).status_code == 302
    page_b["y2022-agreement"] = "70"  # B's page still shows the old 2021 value
    assert b.post(url, page_b).status_code == 302
    stored = {t.year: t.agreement for t in indicator.targets.all()}
    assert (stored[2021], stored[2022]) == (D(60), D(70))
    page_a, page_b = target_inputs(a.get(url)), target_inputs(b.get(url))
    page_a["y2021-agreement"], page_b["y2021-agreement"] = "61", "62"
    assert a.post(url, page_a).status_code == 302
    conflict = b.post(url, page_b)
    assert "2021 target PK: tersimpan 61, Anda 62" in unescape(conflict.content.decode())
    assert b.post(url, target_inputs(conflict)).status_code == 302
    assert indicator.targets.get(year=2021).agreement == D(62)


def target_inputs(response) -> dict:
    html = response.content.decode()
    inputs = re.findall(r'<input [^>]*?name="(y\d{4}-[a-z_]+)"[^>]*?value="([^"]*)"', html)
    return {name: unescape(value) for name, value in inputs}


def test_the_dashboard_opens_on_the_newest_year_with_data_and_downloads_as_excel(demo):
    """Before, it opened on last calendar year, which held nothing."""
    from openpyxl import load_workbook

    reviewer = login("reviewer")
    newest = Realization.objects.order_by("-year").first().year
    assert reviewer.get(reverse("dashboard_current"))["Location"] == reverse("dashboard", args=[newest])
    page = reviewer.get(reverse("dashboard", args=[YEAR])).content.decode()
    assert "3 instansi." in page and f'href="{reverse("dashboard", args=[2019])}"' in page
    download = reviewer.get(reverse("dashboard_xlsx", args=[YEAR]), {"urut": "instansi"})
    assert download["Content-Disposition"] == f'attachment; filename="dasbor-reviu-{YEAR}.xlsx"'
    sheet = load_workbook(io.BytesIO(download.content)).active
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    pati = next(r for name, r in rows.items() if "Pati" in name)
    assert pati[2] == "Draf" and pati[3] == 91.1 and pati[6] == 0
    # Pati has no 2019 targets: its capaian is empty in the file, never 0.
    sheet_2019 = load_workbook(io.BytesIO(reviewer.get(reverse("dashboard_xlsx", args=[2019])).content)).active
    pati_2019 = next(r for r in sheet_2019.iter_rows(min_row=2, values_only=True) if "Pati" in r[1])
    assert pati_2019[3] is None
    operator_rows = list(
        load_workbook(
            io.BytesIO(login("operator-pati").get(reverse("dashboard_xlsx", args=[YEAR])).content)
        ).active.iter_rows(min_row=2, values_only=True)
    )
    assert [r[1] for r in operator_rows] == [pati[1]]  # staff see only their own agency


def test_a_notification_shows_its_note_and_opens_the_place_it_is_about(demo):
    """Before, the operator read "dikembalikan dengan catatan" without the note."""
    step(login("operator-pati"), "ajukan")
    step(login("reviewer"), "kembalikan", note="Realisasi S2.1 belum sesuai data BPS.")
    operator = login("operator-pati")
    page = operator.get(reverse("notifications")).content.decode()
    assert "Realisasi S2.1 belum sesuai data BPS." in page
    returned = Notification.objects.get(user__username="operator-pati", note__isnull=False)
    opened = operator.get(reverse("notification_open", args=[returned.pk]))
    assert opened["Location"] == reverse("review", args=["pati", YEAR]) + f"#catatan-{returned.note_id}"
    returned.refresh_from_db()
    assert returned.read_at is not None
    # A note about one indicator leads to its row in the year's grid.
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    reviewer = login("reviewer")
    reviewer.post(reverse("review", args=["pati", YEAR]), {"indicator": indicator.pk, "text": "Sumber data?"})
    about = Notification.objects.get(user__username="operator-pati", note__indicator=indicator)
    assert "Sumber data?" in operator.get(reverse("notifications")).content.decode()
    target = operator.get(reverse("notification_open", args=[about.pk]))["Location"]
    assert target == reverse("grid", args=["pati", YEAR]) + f"#indikator-{indicator.pk}"
    assert f'id="indikator-{indicator.pk}"' in operator.get(target.split("#")[0]).content.decode()
    # Nobody opens another user's notification.
    assert reviewer.get(reverse("notification_open", args=[about.pk])).status_code == 404


def test_history_folds_the_initial_load_names_related_rows_and_filters_by_field_and_user(demo):
    """Before, the demo load's hundreds of "(baru)" rows buried the real changes and a
    moved indicator showed a sasaran's database number."""
    operator = login("operator-pati")
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    data = form_inputs(operator.get(reverse("grid", args=["pati", YEAR])))
    data[f"i{indicator.pk}-realization"] = "47,5"
    assert operator.post(reverse("grid", args=["pati", YEAR]), data).status_code == 302
    other_goal = indicator.period.goals.exclude(pk=indicator.goal_id).filter(kind="sasaran").first()
    indicator.goal = other_goal
    indicator.save()
    url = reverse("agency_history", args=["pati", YEAR])
    page = unescape(operator.get(url).content.decode())
    assert re.search(r"Data awal: \d+ data dibuat", page) and page.count('data-testid="folded"') >= 1
    assert "(baru)" not in page.split('data-testid="history"')[1].split("Data awal")[0]  # nothing unfolded above
    assert str(other_goal) in page  # the new sasaran by name, not its number
    only_realisasi = unescape(operator.get(url, {"isian": "realisasi"}).content.decode())
    assert "47,5" in only_realisasi and str(other_goal) not in only_realisasi and "Data awal" not in only_realisasi
    nobody = operator.get(url, {"oleh": "reviewer"}).content.decode()
    assert "Tidak ada perubahan yang cocok dengan saringan." in nobody
