"""The evaluators' dashboard and its Excel, and the demo's LHE as a reader gets it."""

import io
import subprocess
from decimal import Decimal as D

from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from demo.loader import load_demo
from evaluation import workflow
from evaluation.models import Answer, Evaluation, FollowUp

from .helpers import answer_everything, finished_evaluation, url


def test_dashboard_rows_sort_and_export(client, agency_a, agency_b, admin, reviewer):
    finished_evaluation(agency_a, 2023, admin)  # 80, one open follow-up item
    finished_evaluation(agency_b, 2023, admin)
    current = finished_evaluation(agency_a, 2024, admin)
    # Agency B's 2024 evaluation is still with the evaluator: a provisional score.
    other = workflow.start(agency_b, 2024)
    answer_everything(other, yt="Y", ae="A")
    workflow.take_step(other, "ajukan", admin)
    client.force_login(reviewer)
    page = client.get(reverse("evaluation_dashboard", args=[2024]), {"urut": "nilai"}).content.decode()
    assert page.index("Dinas B") < page.index("Dinas A")  # 100 before 80
    assert "sementara" in page
    response = client.get(reverse("evaluation_dashboard_xlsx", args=[2024]), {"urut": "instansi"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:6] == ("Pemda", "Instansi", "Status", "Nilai 2024", "Predikat", "Nilai sementara")
    a = dict(zip(header, rows[1], strict=True))
    b = dict(zip(header, rows[2], strict=True))
    assert (a["Instansi"], a["Nilai 2024"], a["Predikat"], a["Nilai 2023"], a["Perubahan"]) == (
        "Dinas A",
        80,
        "BB",
        80,
        0,
    )
    assert a["Komponen: Perencanaan Kinerja"] == 24  # 6 + 9 x 0,75 + 15 x 0,75
    assert a["Tindak lanjut terbuka"] == 2  # one from 2023, one from 2024
    assert (b["Status"], b["Nilai 2024"], b["Nilai sementara"]) == ("Diajukan ke evaluator", 100, "ya")
    assert current.final_total == D(80)


def test_a_draft_has_no_score_on_the_dashboard(client, agency_a, admin):
    evaluation = workflow.start(agency_a, 2024)
    answer_everything(evaluation)
    client.force_login(admin)
    response = client.get(reverse("evaluation_dashboard_xlsx", args=[2024]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    a = dict(zip(rows[0], rows[1], strict=True))
    assert (a["Status"], a["Nilai 2024"], a["Predikat"]) == ("Penilaian mandiri", None, None)  # empty, not 0


def test_the_demo_lhe_prints_score_components_recommendations_and_follow_up(client, db):
    load_demo()
    evaluation = Evaluation.objects.get(agency__slug="denpasar", year=2019)
    assert evaluation.is_final and evaluation.archive.sha256
    unanswered = Answer.objects.filter(evaluation=evaluation, criterion__code="4.2.3").exists()
    assert not unanswered  # left unanswered in the demo: counted as zero and listed
    client.force_login(get_user_model().objects.get(username="reviewer"))
    response = client.get(url("lhe_pdf", evaluation.agency, 2019))
    assert response.content == bytes(evaluation.archive.pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert f"{evaluation.final_total:.2f}".replace(".", ",") in text
    assert f"Predikat {evaluation.final_predicate}" in text
    for heading in ["Tabel 2.1 Nilai per komponen", "2.2 Temuan dan Rekomendasi", "Tabel 3.1 Tindak lanjut"]:
        assert heading in text
    for component in ["Perencanaan Kinerja", "Pengukuran Kinerja", "Pelaporan Kinerja"]:
        assert component in text
    assert "Kriteria tanpa jawaban evaluator (1), dinilai nol: 4.2.3" in text
    assert "Kaitkan setiap sasaran unit" in text  # a 2019 recommendation
    assert "Catat realisasi setiap IKU" in text and "Selesai" in text  # 2018's, with its follow-up status
    assert "Halaman 3" in text and "Ketua Tim Evaluasi (contoh demo)" in text
    # Pati is still in self-assessment; Denpasar's 2019 items are open on its workspace.
    assert Evaluation.objects.get(agency__slug="pati").status == Evaluation.Status.DRAFT
    assert FollowUp.objects.filter(recommendation__evaluation=evaluation, status="open").count() == 3
